package com.qlower.loaders.local;

import com.qlower.loaders.adapters.postgres.PostgresMappingProfiles;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.ports.MappingProfiles;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PartnerRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./loaders partners}: the local runner's partner registry, in its database.
 * <pre>
 * ./loaders partners list [--state-dir DIR] [--db-url URL]
 * ./loaders partners profile PARTNER_ID [--file PROFILE.json] [--state-dir DIR] [--db-url URL]
 * ./loaders partners add PARTNER_ID --name NAME [--lang fr|en] [--email ADDRESS]... [--loaders L1,L2]
 *                       [--tolerance PERCENT] [--tolerance-records N]
 *                       [--retirement-guard PERCENT] [--retirement-guard-records N]
 *                       [--webhook URL --secret-ref file:PATH|env:NAME]
 * </pre>
 * Adding a partner already registered changes only the options given (a webhook given is enabled again); the
 * others keep their registered values, so a new contact email does not reset the partner's language, tolerance
 * or loaders. {@code --email} given replaces the partner's list of addresses.
 */
final class PartnersCommand {

    static final String USAGE = """
            usage: ./loaders partners list [--state-dir DIR] [--db-url URL]
                   ./loaders partners add PARTNER_ID --name NAME [--lang fr|en] [--email ADDRESS]...
                                     [--loaders caracteristiques,transactions,documents]
                                     [--tolerance PERCENT] [--tolerance-records N]
                                     [--retirement-guard PERCENT] [--retirement-guard-records N]
                                     [--webhook URL --secret-ref file:PATH|env:NAME]
                                     [--state-dir DIR] [--db-url URL]
                   ./loaders partners profile PARTNER_ID [--file PROFILE.json] [--state-dir DIR] [--db-url URL]

              add registers a new partner (--name required; defaults: fr, every loader, 5 %, no email,
              no webhook) or, for a partner already registered, changes only the options given
              (--email given replaces its list of addresses).
              profile checks PROFILE.json (docs/mapping-profile.schema.json, then the contract) and stores
              it as the partner's next profile version (nothing when it is the current one); without
              --file it prints the partner's profile versions. Its files are then read through it.""";

    /** What a fresh local state holds, so that {@code ./loaders run samples/drop} works at once. */
    static final Partner SAMPLE_PARTNER = new Partner("gestimmo", "GestImmo (exemple)", Partner.Language.FR,
            List.of("flux@gestimmo.example"), null, null, true, EnumSet.allOf(Loader.class), 5.0);

    private final PrintStream out;
    private final PrintStream err;

    PartnersCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(List<String> args) {
        if (args.isEmpty() || !Set.of("list", "add", "profile").contains(args.get(0))) {
            err.println((args.isEmpty() ? "partners needs list, add or profile"
                    : "unknown partners subcommand " + args.get(0))
                    + "\n\n" + USAGE);
            return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
        }
        Options options;
        try {
            options = Options.parse(args.subList(1, args.size()), !args.get(0).equals("list"));
            if (options.profileFile != null && !args.get(0).equals("profile")) {
                throw new IllegalArgumentException("--file goes with partners profile");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n\n" + USAGE);
            return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
        }
        ProfileCheck.Verdict profile = null;
        if (options.profileFile != null) {
            try {
                profile = new ProfileCheck().check(ContractJson.internalMapper().readTree(
                        options.profileFile.toFile()));
            } catch (java.io.IOException e) {
                err.println(options.profileFile + " cannot be read as JSON: " + e.getMessage() + "\n\n" + USAGE);
                return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
            }
            if (!profile.valid()) {
                err.println(options.profileFile + " is not a valid mapping profile (nothing stored):");
                profile.problems().forEach(problem -> err.println("  " + problem));
                return LoadersCommand.FILE_FAILED;
            }
        }
        try (LocalDatabase database = new LocalDatabase(options.stateDir, options.dbUrl)) {
            PartnerRegistry registry = new PostgresPartnerRegistry(database.database());
            if (args.get(0).equals("profile")) {
                return profile(registry, new PostgresMappingProfiles(database.database()), options.partnerId,
                        profile);
            }
            if (args.get(0).equals("add")) {
                var registered = registry.find(options.partnerId);
                if (registered.isEmpty() && options.name == null) {
                    err.println("--name is required to register a new partner\n\n" + USAGE);
                    return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
                }
                if (registered.isPresent() && !options.changesAnything()) {
                    err.println(options.partnerId + " is registered already: give the options to change\n\n" + USAGE);
                    return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
                }
                registry.save(registered.map(options::appliedTo).orElseGet(options::newPartner));
                out.println((registered.isPresent() ? "updated " : "registered ") + options.partnerId);
            }
            registry.all().forEach(p -> out.println(describe(p)));
            return LoadersCommand.OK;
        } catch (Exception e) {
            return LoadersCommand.infrastructureError(err, e);
        }
    }

    /** Stores a checked profile as the partner's next version, then lists the partner's versions. */
    private int profile(PartnerRegistry registry, MappingProfiles profiles, String partnerId,
                        ProfileCheck.Verdict profile) {
        if (registry.find(partnerId).isEmpty()) {
            err.println(partnerId + " is not registered: ./loaders partners add " + partnerId + " --name NAME first"
                    + "\n\n" + USAGE);
            return LoadersCommand.USAGE_OR_INFRASTRUCTURE;
        }
        if (profile != null) {
            int before = profiles.current(partnerId).map(MappingProfiles.StoredProfile::version).orElse(0);
            MappingProfiles.StoredProfile stored = profiles.store(partnerId, profile.profile());
            out.println((stored.version() == before ? "unchanged: " : "stored: ") + partnerId + " reads its files with "
                    + stored.ref());
        }
        List<MappingProfiles.StoredProfile> versions = profiles.versions(partnerId);
        if (versions.isEmpty()) {
            out.println(partnerId + " has no mapping profile: its files are read as the contract writes them");
        }
        versions.forEach(v -> out.println("  version " + v.version() + "  " + v.profile().profileId() + "  stored "
                + v.storedAt() + (v == versions.get(versions.size() - 1) ? "  (current)" : "")));
        return LoadersCommand.OK;
    }

    static String describe(Partner p) {
        return String.format(Locale.ROOT, "%-20s %-30s %s  tolerance %.1f %% or %d records  retirement guard %.1f %% "
                        + "or %d records  loaders %s  emails %s  webhook %s",
                p.partnerId(), p.displayName(), p.language().name().toLowerCase(Locale.ROOT),
                p.rejectTolerance().percent(), p.rejectTolerance().records(), p.deletionGuard().percent(),
                p.deletionGuard().records(),
                p.loaders().stream().map(Loader::wireName).sorted().collect(Collectors.joining(",")),
                String.join(",", p.contactEmails()),
                p.webhookUrl() == null ? "none" : p.webhookUrl() + (p.webhookEnabled() ? "" : " (disabled)"));
    }

    /** The command line, parsed; every value checked before anything is opened. */
    private static final class Options {
        Path stateDir = Path.of(".loaders");
        String dbUrl;
        String partnerId;
        String name;
        Partner.Language language;
        final List<String> emails = new ArrayList<>();
        Set<Loader> loaders;
        Double tolerance;
        Long toleranceRecords;
        Double retirementGuard;
        Long retirementGuardRecords;
        URI webhook;
        String secretRef;
        Path profileFile;

        static Options parse(List<String> args, boolean adding) {
            CommandArguments given = CommandArguments.parse(args, Set.of("--state-dir", "--db-url", "--name", "--lang",
                    "--email", "--loaders", "--tolerance", "--tolerance-records", "--retirement-guard",
                    "--retirement-guard-records", "--webhook", "--secret-ref", "--file"));
            Options o = new Options();
            List<String> partnerId = given.positionals(adding ? 1 : 0);
            o.partnerId = partnerId.isEmpty() ? null : partnerId.get(0);
            o.stateDir = given.stateDir();
            o.dbUrl = given.dbUrl();
            o.name = given.value("--name");
            o.language = given.value("--lang") == null ? null : switch (given.value("--lang")) {
                case "fr" -> Partner.Language.FR;
                case "en" -> Partner.Language.EN;
                default -> throw new IllegalArgumentException("--lang is fr or en, not " + given.value("--lang"));
            };
            o.emails.addAll(given.values("--email"));
            o.loaders = given.value("--loaders") == null ? null : parseLoaders(given.value("--loaders"));
            o.tolerance = parsePercent("--tolerance", given.value("--tolerance"));
            o.toleranceRecords = parseRecords("--tolerance-records", given.value("--tolerance-records"));
            o.retirementGuard = parsePercent("--retirement-guard", given.value("--retirement-guard"));
            o.retirementGuardRecords = parseRecords("--retirement-guard-records",
                    given.value("--retirement-guard-records"));
            o.webhook = given.value("--webhook") == null ? null : URI.create(given.value("--webhook"));
            o.secretRef = given.value("--secret-ref");
            o.profileFile = given.value("--file") == null ? null : Path.of(given.value("--file"));
            if (adding) {
                if (o.partnerId == null || !o.partnerId.matches("[a-z0-9-]{3,40}")) {
                    throw new IllegalArgumentException("a partner id is 3 to 40 of a-z, 0-9 and '-'");
                }
                if ((o.webhook == null) != (o.secretRef == null)) {
                    throw new IllegalArgumentException("--webhook and --secret-ref go together");
                }
            }
            return o;
        }

        /** A partner registered with these options and the defaults for the others. */
        Partner newPartner() {
            return new Partner(partnerId, name, language == null ? Partner.Language.FR : language, emails, webhook,
                    secretRef, true, loaders == null ? EnumSet.allOf(Loader.class) : loaders,
                    rejectTolerance(RejectTolerance.DEFAULT), deletionGuard(DeletionGuard.DEFAULT));
        }

        boolean changesAnything() {
            return name != null || language != null || !emails.isEmpty() || loaders != null || tolerance != null
                    || toleranceRecords != null || retirementGuard != null || retirementGuardRecords != null
                    || webhook != null;
        }

        /** A registered partner with the options given changed, the others as they were. */
        Partner appliedTo(Partner p) {
            return new Partner(p.partnerId(), name == null ? p.displayName() : name,
                    language == null ? p.language() : language, emails.isEmpty() ? p.contactEmails() : emails,
                    webhook == null ? p.webhookUrl() : webhook, webhook == null ? p.webhookSecretRef() : secretRef,
                    webhook != null || p.webhookEnabled(), loaders == null ? p.loaders() : loaders,
                    rejectTolerance(p.rejectTolerance()), deletionGuard(p.deletionGuard()));
        }

        private RejectTolerance rejectTolerance(RejectTolerance was) {
            return new RejectTolerance(tolerance == null ? was.percent() : tolerance,
                    toleranceRecords == null ? was.records() : toleranceRecords);
        }

        private DeletionGuard deletionGuard(DeletionGuard was) {
            return new DeletionGuard(retirementGuard == null ? was.percent() : retirementGuard,
                    retirementGuardRecords == null ? was.records() : retirementGuardRecords);
        }

        private static Set<Loader> parseLoaders(String value) {
            Set<Loader> loaders = EnumSet.noneOf(Loader.class);
            for (String name : value.split(",")) {
                loaders.add(Loader.fromWireName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "unknown loader " + name + ": caracteristiques, transactions or documents")));
            }
            return loaders;
        }

        /** A percentage from 0 to 100; null when not given. */
        private static Double parsePercent(String option, String value) {
            if (value == null) {
                return null;
            }
            try {
                double percent = Double.parseDouble(value);
                if (!(percent >= 0 && percent <= 100)) {
                    throw new NumberFormatException();
                }
                return percent;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " is a percentage from 0 to 100, not " + value);
            }
        }

        /** A number of records, 0 or more; null when not given. */
        private static Long parseRecords(String option, String value) {
            if (value == null) {
                return null;
            }
            try {
                long records = Long.parseLong(value);
                if (records < 0 || records > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return records;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " is a number of records (0 or more), not " + value);
            }
        }
    }
}
