package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.ProfileSuggestion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./loaders profile suggest FILE|FOLDER... [--partner PARTNER_ID]}: a draft mapping profile from a partner's
 * sample exports ({@link ProfileSuggestion}), printed as JSON on the standard output, ready for
 * {@code ./loaders partners profile ID --file}; what it could not map on the standard error, one line each.
 */
final class ProfileCommand {

    static final String USAGE = """
            usage: ./loaders profile suggest FILE|FOLDER... [--partner PARTNER_ID]

              Reads a partner's sample exports (a file's loader is its envelope's, or its name's) and prints
              a draft mapping profile (docs/mapping-profile.schema.json): its field names matched to the
              contract's, its coded values to the contract's, its number and date formats. What could not
              be mapped is said on the standard error. Check the draft, then store it with
              ./loaders partners profile PARTNER_ID --file PROFILE.json.

              --partner ID    the draft's profile_id (default: the folder of the first file)

            exit status: 0 a draft printed, 2 usage error (or a file that is not JSON)""";

    private final PrintStream out;
    private final PrintStream err;

    ProfileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        String partner;
        List<Path> files = new ArrayList<>();
        try {
            CommandArguments arguments = CommandArguments.parse(args, Set.of("--partner"));
            List<String> words = arguments.positionals();
            if (words.isEmpty() || !words.get(0).equals("suggest")) {
                throw new CommandArguments.UsageError(words.isEmpty() ? "profile needs suggest"
                        : "unknown profile subcommand " + words.get(0));
            }
            partner = arguments.value("--partner");
            for (String path : words.subList(1, words.size())) {
                PartnerFiles.collect(List.of(Path.of(path))).forEach(f -> files.add(f.path()));
            }
            if (files.isEmpty()) {
                throw new CommandArguments.UsageError("no sample export to read");
            }
        } catch (IllegalArgumentException | IOException e) {
            return usage(e.getMessage());
        }
        Map<Loader, List<JsonNode>> samples = new TreeMap<>();
        for (Path file : files) {
            JsonNode json;
            try {
                json = ContractJson.internalMapper().readTree(file.toFile());
            } catch (IOException e) {
                return usage(file + " is not JSON: " + e.getMessage());
            }
            String fileName = file.getFileName().toString();
            Loader loader = Loader.fromWireName(json.path("loader").asText(""))
                    .or(() -> Loader.fromWireName(fileName.contains("_") ? fileName.substring(0,
                            fileName.indexOf('_')) : ""))
                    .orElse(null);
            if (loader == null) {
                return usage(file + ": no loader in its envelope or its name (caracteristiques_..., "
                        + "transactions_..., documents_...)");
            }
            samples.computeIfAbsent(loader, l -> new ArrayList<>()).add(json);
        }
        String profileId = partner != null ? partner
                : files.get(0).toAbsolutePath().getParent().getFileName().toString();
        ProfileSuggestion.Suggestion suggestion = new ProfileSuggestion().suggest(profileId, samples);
        out.println(suggestion.profile().toPrettyString());
        suggestion.unmapped().forEach(line -> err.println("not mapped: " + line));
        return LoadersCommand.OK;
    }

    private int usage(String problem) {
        return CommandArguments.refuse(err, problem, USAGE);
    }
}
