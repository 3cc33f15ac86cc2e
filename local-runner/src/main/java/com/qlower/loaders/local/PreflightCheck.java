package com.qlower.loaders.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.MappingProfile;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.PartnerFileName;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.contract.RejectPolicy;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import com.qlower.loaders.transformer.FileOwners;
import com.qlower.loaders.transformer.RecordMapper;
import com.qlower.loaders.validator.ValidatorConfig;
import com.qlower.loaders.wording.PreflightWording;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./loaders validate FILE...}: the partners' pre-flight. Runs on a file the very checks the pipeline runs
 * after upload ({@link PartnerFileCheck}, then the transformer's business rules), offline: no S3, no database.
 * The rules that need what the partner sent before (a transaction's property, a property's owner) are skipped,
 * and the output says so.
 */
final class PreflightCheck {

    static final String USAGE = usageUnder("./loaders validate");

    /** The usage text under the command that runs the check: {@code ./loaders validate} or the partners' jar. */
    static String usageUnder(String command) {
        return """
            usage: %s FILE|FOLDER... [--partner PARTNER_ID] [--profile PROFILE.json] [--json]
                                 [--lang fr|en]

              Checks partner files offline, as the pipeline will after upload. The file's key is
              inbox/{partner}/{file name}; the partner is the file's folder unless --partner names it.
              A FOLDER gives its .json files and those of its folders (a partner's folder, or a folder
              of partners' folders, laid out as the inbox).

              --profile FILE  read the files through this mapping profile, as the pipeline will once
                              it is stored (./loaders partners profile)
              --json          print the reports as JSON instead of a summary
              --lang fr|en    language of the messages (default: fr)

            exit status: 0 every file is valid, 1 a file has errors, 2 usage error""".formatted(command);
    }

    static final Message SKIPPED = PartnerMessage.NOT_CHECKED_OFFLINE.message();
    private static final int SHOWN_ERRORS = 20;
    private static final int SHOWN_WARNINGS = 5;
    /** Under a file's line, its errors and warnings line up after "INVALID  ". */
    private static final String INDENT = " ".repeat(9);

    private final PrintStream out;
    private final PrintStream err;
    private final String usage;

    PreflightCheck(PrintStream out, PrintStream err) {
        this(out, err, USAGE);
    }

    PreflightCheck(PrintStream out, PrintStream err, String usage) {
        this.out = out;
        this.err = err;
        this.usage = usage;
    }

    int execute(List<String> args) {
        List<Path> files = new ArrayList<>();
        CommandArguments arguments;
        try {
            arguments = CommandArguments.parse(args, Set.of("--partner", "--lang", "--profile"), Set.of("--json"));
            if (arguments.value("--lang") != null && !List.of("fr", "en").contains(arguments.value("--lang"))) {
                throw new CommandArguments.UsageError("--lang is fr or en");
            }
            for (String path : arguments.positionals()) {
                PartnerFiles.collect(List.of(Path.of(path))).forEach(f -> files.add(f.path()));
            }
            if (files.isEmpty()) {
                throw new CommandArguments.UsageError("no file to validate");
            }
        } catch (IllegalArgumentException | IOException e) {
            return usage(e.getMessage());
        }
        String partner = arguments.value("--partner");
        boolean json = arguments.flag("--json");
        String lang = arguments.value("--lang") == null ? "fr" : arguments.value("--lang");
        Path profileFile = arguments.value("--profile") == null ? null : Path.of(arguments.value("--profile"));
        MappingProfile profile = null;
        if (profileFile != null) {
            ProfileCheck.Verdict verdict;
            try {
                verdict = new ProfileCheck().check(ContractJson.internalMapper().readTree(profileFile.toFile()));
            } catch (IOException e) {
                return usage(profileFile + " cannot be read as JSON: " + e.getMessage());
            }
            if (!verdict.valid()) {
                return usage(profileFile + " is not a valid mapping profile: " + String.join("; ",
                        verdict.problems()));
            }
            profile = verdict.profile();
            if (!json) {
                out.println(PreflightWording.READING_WITH_PROFILE.with("profile", profile.profileId(), "file",
                        profileFile).in(lang));
            }
        }
        PartnerFileCheck check = new PartnerFileCheck(new RecordValidator(Clock.systemUTC()),
                ValidatorConfig.DEFAULT_MAX_FILE_BYTES, ValidatorConfig.DEFAULT_REJECT_TOLERANCE_PERCENT);
        ArrayNode reports = ContractJson.internalMapper().createArrayNode();
        boolean allValid = true;
        for (Path file : files) {
            Verdict verdict = check(check, file, partner, profile);
            allValid &= verdict.valid();
            if (json) {
                reports.add(verdict.toJson());
            } else {
                print(verdict, lang);
            }
        }
        if (json) {
            out.println(reports.toPrettyString());
        } else {
            out.println(SKIPPED.in(lang));
        }
        return allValid ? LoadersCommand.OK : LoadersCommand.FILE_FAILED;
    }

    /**
     * One file's verdict: the contract's, then the business rules' on the records the contract accepted, judged as
     * the transformer judges them ({@link RejectPolicy#judge}).
     */
    record Verdict(Path file, String key, PartnerFileCheck.Result contract, RejectPolicy.Judgement judged,
                   ErrorList warnings) {

        /** As the report counts them: a file rejected whole (beyond its tolerance too) has every record rejected. */
        long rejected() {
            return judged.counts().rejected();
        }

        ErrorList errors() {
            return judged.errors();
        }

        boolean valid() {
            return errors().isEmpty();
        }

        ObjectNode toJson() {
            ObjectNode node = ContractJson.internalMapper().createObjectNode();
            node.put("file", file.toString());
            node.put("key", key);
            node.put("valid", valid());
            node.put("received", contract.received());
            node.put("accepted", contract.received() - rejected());
            node.put("rejected", rejected());
            node.put("sha256", contract.sha256());
            node.set("errors", ContractJson.internalMapper().valueToTree(errors()));
            node.set("warnings", ContractJson.internalMapper().valueToTree(warnings));
            node.set("not_checked", ContractJson.internalMapper().valueToTree(SKIPPED));
            return node;
        }
    }

    private static Verdict check(PartnerFileCheck check, Path file, String partner, MappingProfile profile) {
        String folder = partner != null ? partner
                : file.toAbsolutePath().getParent().getFileName().toString();
        String key = PartnerFileName.INBOX_PREFIX + folder + "/" + file.getFileName();
        ErrorList.Collector ruleErrors = new ErrorList.Collector();
        ErrorList.Collector warnings = new ErrorList.Collector();
        var mapper = new Object() {
            RecordMapper value;
        };
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<Long, List<FileError>> ruleErrorsByRecord = new java.util.TreeMap<>();
        // erasure requests are judged once the whole file has said which owners it sends, as the transformer does
        FileOwners owners = new FileOwners();
        java.util.Map<Long, RecordMapper.Mapped> erasures = new java.util.TreeMap<>();
        PartnerFileCheck.Result result = check.check(key, size, () -> open(file), (index, record) -> {
            PartnerFileName name = PartnerFileName.parse(key);
            if (mapper.value == null) {
                mapper.value = new RecordMapper(name.snapshotDate(), null, null);
            }
            if (name.loader() == Loader.CARACTERISTIQUES) {
                owners.learnFrom(record);
            }
            RecordMapper.Mapped mapped = mapper.value.map(name.loader(), index, record);
            if (!mapped.errors().isEmpty()) {
                ruleErrorsByRecord.put(index, mapped.errors());
            } else if (mapped.record() instanceof ErasureRequest) {
                erasures.put(index, mapped);
            }
            warnings.addAll(mapped.warnings());
        }, check.rejectTolerance(), profile);
        erasures.forEach((index, erasure) -> {
            List<FileError> refused = owners.refuseErasingWhatIsSent(erasure, index).errors();
            if (!refused.isEmpty()) {
                ruleErrorsByRecord.put(index, refused);
            }
        });
        // the business rules judge only a file the contract accepted, as in the pipeline; and a record retracted as
        // a duplicate is rejected once, for being a duplicate
        if (!result.accepted()) {
            return new Verdict(file, key, result, new RejectPolicy.Judgement(result.counts(), result.errors(), false),
                    ErrorList.empty());
        }
        long rejectedByRules = 0;
        for (var byRecord : ruleErrorsByRecord.entrySet()) {
            if (!result.retracted().contains(byRecord.getKey())) {
                ruleErrors.addAll(byRecord.getValue());
                rejectedByRules++;
            }
        }
        Counts counts = result.counts().withRejected(result.rejected() + rejectedByRules);
        return new Verdict(file, key, result, RejectPolicy.judge(counts, result.errors().plus(ruleErrors.toList()),
                check.rejectTolerance()), warnings.toList());
    }

    private void print(Verdict verdict, String lang) {
        ErrorList errors = verdict.errors();
        long received = verdict.contract().received();
        String counts = PreflightWording.FILE_COUNTS.with("received", received, "accepted",
                received - verdict.rejected(), "rejected", verdict.rejected()).in(lang);
        String warnings = verdict.warnings().isEmpty() ? ""
                : ", " + PreflightWording.FILE_WARNINGS.with("warnings", verdict.warnings().total()).in(lang);
        out.printf(Locale.ROOT, "%-8s %s  %s%s%n", verdict.valid() ? "VALID" : "INVALID", verdict.file(), counts,
                warnings);
        for (FileError error : errors.first().stream().limit(SHOWN_ERRORS).toList()) {
            out.println(INDENT + describe(error, lang));
        }
        if (errors.total() > SHOWN_ERRORS) {
            out.println(INDENT + PreflightWording.MORE_ERRORS.with("more", errors.total() - SHOWN_ERRORS).in(lang));
        }
        for (FileError warning : verdict.warnings().first().stream().limit(SHOWN_WARNINGS).toList()) {
            out.println(INDENT + PreflightWording.WARNING.in(lang) + " " + describe(warning, lang));
        }
    }

    static String describe(FileError error, String lang) {
        StringBuilder line = new StringBuilder(error.code().name());
        if (error.pointer() != null) {
            line.append(' ').append(error.pointer());
        }
        if (error.line() != null) {
            line.append(' ').append(PreflightWording.AT_LINE.with("line", error.line(), "column", error.column())
                    .in(lang));
        }
        return line.append(": ").append(error.message().in(lang)).toString();
    }

    private static java.io.InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int usage(String problem) {
        return CommandArguments.refuse(err, problem, usage);
    }
}
