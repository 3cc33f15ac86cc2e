package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseConfig;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.audit.AuditEvent.Action;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.report.DailySummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./loaders}: what it prints and its exit status, as a developer or CI sees them. */
@Slow(seconds = 23)
class LoadersCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new LoadersCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_dashDashHelp_andNoArguments_listEveryCommand_andExitZero() {
        for (String[] args : List.of(new String[] {}, new String[] {"help"}, new String[] {"--help"})) {
            out.reset();

            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(LoadersCommand.OK);
            assertThat(stdout()).isEqualTo(LoadersCommand.HELP).contains("\n  run PATH...", "\n  validate FILE",
                    "\n  partners list|add", "\n  audit verify", "\n  report --date", "\n  test ", "\n  build ",
                    "\n  bench [N...]", "\n  bench-integration [N]", "\n  help ");
        }
        assertThat(stderr()).isEmpty();
    }

    @Test
    void theScript_printsTheSameHelp_beforeAnyBuild_andRefusesAnUnknownCommand() throws Exception {
        Process help = new ProcessBuilder("bash", "../loaders", "--help").redirectErrorStream(true).start();
        String helpOutput = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Process unknown = new ProcessBuilder("bash", "../loaders", "frobnicate").start();
        String unknownError = new String(unknown.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(help.waitFor()).isZero();
        assertThat(helpOutput).isEqualTo(LoadersCommand.HELP);
        assertThat(unknown.waitFor()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(unknownError).startsWith("loaders: unknown command 'frobnicate'\n").contains("bench-integration");
    }

    @Test
    void unknownCommand_unknownOption_orMissingPath_areUsageErrors() {
        assertThat(run("frobnicate")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run", "no/such/folder")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run", "--state-dir")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run", "../samples")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(stderr()).contains("unknown command 'frobnicate'", "no such file or folder: no/such/folder",
                "--state-dir needs a value", "no .json file in ../samples: give a partner's folder",
                "usage: ./loaders run");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aCommandsHelp_printsItsUsage_andExitsZero() {
        assertThat(run("bench", "--help")).isEqualTo(LoadersCommand.OK);
        assertThat(run("validate", "--help")).isEqualTo(LoadersCommand.OK);
        assertThat(run("run", "-h")).isEqualTo(LoadersCommand.OK);

        assertThat(stdout()).contains("usage: ./loaders bench [N...]", "usage: ./loaders validate FILE|FOLDER...",
                "usage: ./loaders run PATH...");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void bench_withAnythingButRecordCounts_isOneLineAndTheUsage_neverAStackTrace() {
        assertThat(run("bench", "abc")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        String benchError = stderr();
        err.reset();
        assertThat(run("bench-integration", "abc")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("bench", "1000", "0")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("bench-integration", "1000", "2000")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);

        assertThat(benchError).startsWith("bench takes numbers of records, whole numbers from 1, not abc\n\n"
                + "usage: ./loaders bench [N...]");
        assertThat(stderr()).contains("bench-integration takes numbers of records, whole numbers from 1, not abc",
                "not 0", "bench-integration takes one number of records, not 2").doesNotContain("Exception");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void benchPipeline_withAnythingButOneRecordCountAndADatabase_isOneLineAndTheUsage_exitTwo() {
        String[][] wrong = {{"abc"}, {"0"}, {"-5"}, {"1000", "2000"}, {"--db-url"}, {"--frobnicate"},
            {"1000", "--state-dir", "x"}};
        String[] problems = {"bench-pipeline takes a number of records, a whole number from 1, not abc",
            "bench-pipeline takes a number of records, a whole number from 1, not 0", "bench-pipeline takes a number of records, a whole number from 1, not -5",
            "bench-pipeline takes one number of records, not 1000 and 2000", "--db-url needs a value",
            "unknown option --frobnicate", "unknown option --state-dir"};
        for (int i = 0; i < wrong.length; i++) {
            err.reset();

            assertThat(run(prepend("bench-pipeline", wrong[i]))).as(String.join(" ", wrong[i]))
                    .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
            assertThat(stderr()).as(String.join(" ", wrong[i]))
                    .isEqualTo(problems[i] + "\n\n" + BenchCommand.PIPELINE_BENCH_USAGE + "\n");
        }
        assertThat(stdout()).isEmpty();
    }

    @Test
    void benchPipeline_isListed_andItsHelpPrintsItsUsage() {
        assertThat(run("help")).isEqualTo(LoadersCommand.OK);
        assertThat(run("bench-pipeline", "--help")).isEqualTo(LoadersCommand.OK);

        assertThat(stdout()).contains("\n  bench-pipeline [N] [--db-url JDBC_URL]\n",
                "usage: ./loaders bench-pipeline [N] [--db-url JDBC_URL]");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void benchPipeline_onATinyRun_loadsEveryRecord_thenUpdatesTheTenthChanged_andComparesEachStepToTheRawCopy() {
        int status = run("bench-pipeline", "200");

        // the shares of a tiny file are all start-up costs: whether the targets are met says nothing here
        assertThat(status).as(stderr()).isIn(LoadersCommand.OK, LoadersCommand.FILE_FAILED);
        assertThat(stdout()).contains("bench-pipeline: 200 transactions",
                "first load (no transactions yet): inserted 200, updated 0, unchanged 0; peak heap ",
                "nightly (all there, 10 % changed): inserted 0, updated 20, unchanged 180; peak heap ")
                .containsPattern("(?m)^  validation +[0-9.]+ +[0-9]+ +[0-9]+%$")
                .containsPattern("(?m)^  integration +[0-9.]+ +[0-9]+ +[0-9]+%$")
                .containsPattern("(?m)^  raw COPY \\(the limit\\) +[0-9.]+ +[0-9]+ +100%$")
                .contains("first load: whole pipeline", "nightly:    whole pipeline", "first load: integration");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void run_withADatabaseThatRefusesConnections_saysWhatToDo_inOneLine(@TempDir Path state) {
        int status = run("run", "../samples/drop/gestimmo/caracteristiques_20261123.json", "--state-dir",
                state.toString(), "--db-url", "jdbc:postgresql://127.0.0.1:1/qlower?user=u&password=secret");

        assertThat(status).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(stderr().lines()).singleElement().asString()
                .startsWith("cannot use the database at jdbc:postgresql://127.0.0.1:1/qlower (")
                .endsWith("check that PostgreSQL runs there and accepts connections, or correct --db-url")
                .doesNotContain("secret");
    }

    @Test
    void run_withAConnectionBudgetThatIsNotANumberFromOne_isAUsageError() {
        for (String budget : List.of("0", "-3", "ten", "")) {
            assertThat(run("run", "../samples/drop", "--db-connections", budget))
                    .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--db-connections takes a number of connections from 1, not 'ten'");
    }

    @Test
    void validate_goodFiles_exitsZero_andSaysWhatItCouldNotCheckOffline() {
        int status = run("validate", "../samples/drop/gestimmo/caracteristiques_20261123.json",
                "../samples/drop/gestimmo/transactions_20261123.json");

        assertThat(status).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).as("French unless --lang en: the counts, the warnings and their positions")
                .contains("VALID    ../samples/drop/gestimmo/transactions_20261123.json  reçus 13, acceptés 13, "
                        + "rejetés 0, 3 avertissements")
                .contains("         avertissement CATEGORY_INFERRED /records/3/category: ")
                .contains("non vérifié hors ligne").doesNotContain("received", "warning");
    }

    @Test
    void validate_anExportersNightAsItIs_isValid_withItsCategoriesAsWarnings() {
        int status = run("validate", "--lang", "en",
                "../samples/partner-night/logimmo-sud/caracteristiques_20261130.json",
                "../samples/partner-night/logimmo-sud/transactions_20261130.json",
                "../samples/partner-night/logimmo-sud/documents_20261130.json");

        assertThat(status).as(stdout()).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).contains("VALID    ../samples/partner-night/logimmo-sud/transactions_20261130.json  "
                + "received 11, accepted 11, rejected 0, 8 warnings").contains("CATEGORY_UNKNOWN");
    }

    @Test
    void validate_badFiles_exitsOne_namingEachErrorInTheChosenLanguage() {
        int status = run("validate", "--lang", "en", "../samples/rejected/gestimmo/transactions_20261124.json",
                "../samples/rejected/gestimmo/releve novembre.json");

        assertThat(status).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(stdout())
                .contains("INVALID  ../samples/rejected/gestimmo/transactions_20261124.json")
                .contains("RECORD_COUNT_MISMATCH /record_count: record_count says 3 but the file holds 2 records")
                .contains("MONEY_TOO_MANY_DECIMALS /records/0/amount: amount has more than 2 decimals")
                .contains("KEY_INVALID: the file name must look like transactions_20261123.json")
                .contains("not checked offline");
    }

    @Test
    void validate_json_printsOneReportPerFile_withBothLanguages() throws Exception {
        int status = run("validate", "--json", "--partner", "gestimmo",
                "../samples/rejected/gestimmo/transactions_20261124.json");

        var reports = com.qlower.loaders.contract.ContractJson.internalMapper().readTree(stdout());
        assertThat(status).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).path("valid").asBoolean()).isFalse();
        assertThat(reports.get(0).path("key").asText()).isEqualTo("inbox/gestimmo/transactions_20261124.json");
        assertThat(reports.get(0).at("/errors/total").asInt()).isEqualTo(2);
        assertThat(reports.get(0).at("/errors/first/1/message/fr").asText()).contains("décimales");
        assertThat(reports.get(0).at("/errors/first/1/message/en").asText()).contains("decimals");
    }

    @Test
    void validate_withoutFiles_orWithAnUnknownLanguage_isAUsageError() {
        assertThat(run("validate")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("validate", "--lang", "de", "../samples/drop/gestimmo/transactions_20261123.json"))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./loaders validate");
    }

    @Test
    void collect_ordersCharacteristicsFirst_andKeysFilesByTheirPartnerFolder() throws Exception {
        List<PartnerFiles.PartnerFile> files = PartnerFiles.collect(List.of(Path.of("../samples/drop")));
        List<PartnerFiles.PartnerFile> ofThePartnersFolder = PartnerFiles.collect(
                List.of(Path.of("../samples/drop/gestimmo")));

        assertThat(files).extracting(PartnerFiles.PartnerFile::key).containsExactly(
                "inbox/gestimmo/caracteristiques_20261123.json",
                "inbox/gestimmo/transactions_20261123.json",
                "inbox/gestimmo/documents_20261123.json");
        assertThat(ofThePartnersFolder).as("a partner's folder gives the same files").isEqualTo(files);
    }

    @Test
    void validate_aFolder_validatesTheFilesInIt() {
        int status = run("validate", "../samples/drop");

        assertThat(status).as(stderr()).isEqualTo(LoadersCommand.OK);
        assertThat(stdout().lines().filter(l -> l.startsWith("VALID    ../samples/drop/gestimmo/"))).hasSize(3);
    }

    @Test
    void validate_aFileBeyondItsToleranceByTheBusinessRules_countsItsRecordsAsTheReportDoes(@TempDir Path folder)
            throws Exception {
        Path gestimmo = Files.createDirectories(folder.resolve("gestimmo"));
        // the 7 records of October with a value date two months before their booking: beyond the 5 % tolerance
        // and its floor of 2 records
        Files.writeString(gestimmo.resolve("transactions_20261123.json"), Files.readString(
                Path.of("../samples/drop/gestimmo/transactions_20261123.json"))
                .replace("\"value_date\": \"2026-10-", "\"value_date\": \"2026-08-"));

        int status = run("validate", "--lang", "en", gestimmo.toString());

        assertThat(status).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(stdout()).contains("received 13, accepted 0, rejected 13",
                "TOO_MANY_REJECTED_RECORDS: 7 of 13 records are rejected", "VALUE_DATE_TOO_EARLY");
    }

    @Test
    void run_samples_succeeds_andASecondRunBuildsOnTheFirst(@TempDir Path state) {
        int first = run("run", "../samples/drop", "--state-dir", state.toString());
        String firstOutput = stdout();
        out.reset();
        int second = run("run", "../samples/drop", "--state-dir", state.toString());

        assertThat(first).as(firstOutput + err).isEqualTo(LoadersCommand.OK);
        assertThat(firstOutput).contains("SUCCEEDED inbox/gestimmo/transactions_20261123.json  received 13, "
                + "accepted 13, rejected 0; inserted 13, updated 0, unchanged 0; 0 errors, 3 warnings");
        assertThat(firstOutput).contains("  gestimmo-transactions_20261123       Integrate\n")
                .contains("report: " + state.resolve("s3/qlower-ingest-local/success/gestimmo/transactions_20261123."))
                .containsPattern("report: \\S+\\.report\\.html  \\(and \\.report\\.json beside it\\)");
        assertThat(firstOutput).contains("NotifyIntegrated", "notified: email SENT, webhook NONE")
                .endsWith("\n3 files: 3 succeeded, 0 failed; 3 warnings\n");
        try (var emails = Files.list(state.resolve("emails"))) {
            List<Path> sent = emails.filter(f -> f.toString().endsWith(".eml")).toList();
            assertThat(sent).as("one per file of each run").hasSize(6);
            String body = bodiesOf(sent.getFirst());
            Path page = state.resolve("s3/qlower-ingest-local/success/gestimmo").toAbsolutePath();
            assertThat(body).as("the email links the report's file: it opens once the run and its server are gone")
                    .contains(page.toUri().toString()).contains(".report.html").doesNotContain("http://")
                    .contains("Ce lien ouvre le fichier du rapport sur cette machine.").doesNotContain("expire");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(second).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).contains("received 13, accepted 13, rejected 0; inserted 0, updated 0, unchanged 13");
    }

    /** The decoded base64 parts of an {@code .eml} file (its text and its HTML). */
    private static String bodiesOf(Path eml) throws java.io.IOException {
        StringBuilder bodies = new StringBuilder();
        List<String> lines = Files.readAllLines(eml);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equalsIgnoreCase("Content-Transfer-Encoding: base64")) {
                while (!lines.get(i).isEmpty()) {
                    i++;
                }
                StringBuilder part = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).isEmpty() && !lines.get(i).startsWith("--"); i++) {
                    part.append(lines.get(i));
                }
                bodies.append(new String(java.util.Base64.getMimeDecoder().decode(part.toString()),
                        StandardCharsets.UTF_8));
            }
        }
        return bodies.toString();
    }

    @Test
    void run_withDbUrl_integratesIntoThatDatabase(@TempDir Path state) throws Exception {
        try (TestDatabase existing = TestDatabase.create()) {
            String url = existing.url();
            assertThat(url).contains("user=" + LocalPostgres.USER);

            int status = run("run", "../samples/drop/gestimmo/caracteristiques_20261123.json", "--db-url", url,
                    "--state-dir", state.toString(), "--db-connections", "2");

            assertThat(status).as(stdout() + err).isEqualTo(LoadersCommand.OK);
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from properties")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void partners_addThenList_registersAPartnerWithItsOptions_andRunAcceptsItsFiles(@TempDir Path state)
            throws Exception {
        int added = run("partners", "add", "immo-sud", "--name", "Immo Sud", "--lang", "en", "--email",
                "ops@immo-sud.example", "--loaders", "caracteristiques", "--tolerance", "2.5",
                "--state-dir", state.toString());
        out.reset();
        int listed = run("partners", "list", "--state-dir", state.toString());

        assertThat(added).as(err.toString()).isEqualTo(LoadersCommand.OK);
        assertThat(listed).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).contains("immo-sud", "Immo Sud", "en", "tolerance 2.5 %", "loaders caracteristiques",
                "ops@immo-sud.example", "webhook none");

        Path drop = Files.createDirectories(state.resolve("drop/immo-sud"));
        Files.writeString(drop.resolve("caracteristiques_20261123.json"), Files.readString(
                Path.of("../samples/drop/gestimmo/caracteristiques_20261123.json"))
                .replace("\"partner_id\": \"gestimmo\"", "\"partner_id\": \"immo-sud\""));
        out.reset();
        int ran = run("run", state.resolve("drop").toString(), "--state-dir", state.toString());

        assertThat(ran).as(stdout()).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).doesNotContain("registered the sample partner");
    }

    @Test
    void partners_add_setsTheFloorsOfBothGuards_andTheRegistryKeepsThem(@TempDir Path state) {
        int defaults = run("partners", "add", "petit", "--name", "Petit", "--state-dir", state.toString());
        int own = run("partners", "add", "grand", "--name", "Grand", "--tolerance", "1", "--tolerance-records", "0",
                "--retirement-guard", "3", "--retirement-guard-records", "20", "--state-dir", state.toString());
        out.reset();
        run("partners", "list", "--state-dir", state.toString());

        assertThat(List.of(defaults, own)).as(err.toString()).containsOnly(LoadersCommand.OK);
        assertThat(stdout().lines().filter(l -> l.startsWith("petit")).findFirst().orElseThrow())
                .contains("tolerance 5.0 % or 2 records", "retirement guard 10.0 % or 5 records");
        assertThat(stdout().lines().filter(l -> l.startsWith("grand")).findFirst().orElseThrow())
                .contains("tolerance 1.0 % or 0 records", "retirement guard 3.0 % or 20 records");
    }

    @Test
    void partners_withAGuardOutsideItsRange_isAUsageError(@TempDir Path state) {
        assertThat(run("partners", "add", "x-partner", "--name", "X", "--retirement-guard", "120",
                "--state-dir", state.toString())).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("partners", "add", "x-partner", "--name", "X", "--tolerance-records", "-1",
                "--state-dir", state.toString())).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString()).contains("--retirement-guard is a percentage from 0 to 100, not 120",
                "--tolerance-records is a number of records (0 or more), not -1");
    }

    @Test
    void partners_addOnARegisteredPartner_changesOnlyTheOptionsGiven(@TempDir Path state) {
        run("partners", "add", "immo-sud", "--name", "Immo Sud", "--lang", "en", "--email", "ops@immo-sud.example",
                "--loaders", "caracteristiques", "--tolerance", "2.5", "--state-dir", state.toString());
        out.reset();

        int updated = run("partners", "add", "immo-sud", "--email", "flux@immo-sud.example", "--state-dir",
                state.toString());
        String updateOutput = stdout();
        int nothingToChange = run("partners", "add", "immo-sud", "--state-dir", state.toString());

        assertThat(updated).as(stderr()).isEqualTo(LoadersCommand.OK);
        assertThat(updateOutput).startsWith("updated immo-sud\n").contains("Immo Sud", "en", "tolerance 2.5 %",
                "loaders caracteristiques", "emails flux@immo-sud.example").doesNotContain("ops@immo-sud.example");
        assertThat(nothingToChange).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(stderr()).startsWith("immo-sud is registered already: give the options to change");
    }

    @Test
    void partners_withoutANameOrWithABadLanguage_isAUsageError(@TempDir Path state) {
        assertThat(run("partners", "add", "immo-sud", "--state-dir", state.toString()))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("partners", "add", "immo-sud", "--name", "X", "--lang", "de"))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("partners")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString()).contains("--name is required", "--lang is fr or en");
    }

    @Test
    void run_rejectedSamples_exitsOne_andNamesTheErrors(@TempDir Path state) {
        int status = run("run", "../samples/rejected", "--state-dir", state.toString());

        assertThat(status).isEqualTo(LoadersCommand.FILE_FAILED);
        assertThat(stdout()).contains("FAILED    inbox/gestimmo/transactions_20261124.json")
                .contains("RECORD_COUNT_MISMATCH")
                .contains("MONEY_TOO_MANY_DECIMALS: amount has more than 2 decimals at /records/0/amount")
                .contains("KEY_INVALID");
    }

    @Test
    void audit_verify_exitsZeroOnAnIntactTrail_thenOneNamingTheRun_onceAnEventIsChanged() throws Exception {
        try (TestDatabase existing = TestDatabase.create()) {
            String url = existing.url();
            Database database = existing.database();
            recordThreeEvents(database, "run-intact");
            recordThreeEvents(database, "run-tampered");

            int intact = run("audit", "verify", "--db-url", url);
            String intactOutput = stdout();
            out.reset();
            database.jdbi().useTransaction(h -> {
                h.execute("alter table audit_events disable trigger audit_events_append_only");
                h.execute("update audit_events set actor = 'nobody' where run_id = 'run-tampered' and seq = 2");
                h.execute("alter table audit_events enable trigger audit_events_append_only");
            });
            int tampered = run("audit", "verify", "--db-url", url);
            String tamperedOutput = stdout();
            out.reset();
            int onlyTheIntactRun = run("audit", "verify", "--db-url", url, "--run", "run-intact");

            assertThat(intact).as(intactOutput + err).isEqualTo(LoadersCommand.OK);
            assertThat(intactOutput).isEqualTo("intact: 2 runs, 6 events verified\n");
            assertThat(tampered).isEqualTo(AuditCommand.TAMPERED);
            assertThat(tamperedOutput).isEqualTo("""
                    TAMPERED run run-tampered from seq 2: HASH_MISMATCH (the event no longer matches its hash)
                    changed afterwards: 1 of 2 runs, 6 events verified
                    """);
            assertThat(onlyTheIntactRun).isEqualTo(LoadersCommand.OK);
            assertThat(stdout()).isEqualTo("intact: 1 runs, 3 events verified\n");

            out.reset();
            assertThat(run("audit", "verify", "--db-url", url, "--run", "deadbeef"))
                    .as("a run without events is not intact: it is not there")
                    .isEqualTo(AuditCommand.NOT_FOUND).isNotZero();
            assertThat(stdout()).isEmpty();
            assertThat(stderr()).startsWith("no audit event of run deadbeef in this database");
        }
    }

    @Test
    void audit_verify_withoutDbUrl_readsTheLocalRunnersDatabase_inTheStateDir(@TempDir Path state) throws Exception {
        try (LocalPostgres local = LocalPostgres.onFolder(state.resolve("postgres"))) {
            recordThreeEvents(migrated(local.createDatabase(LocalDatabase.DATABASE_NAME)), "run-local");
        }

        int status = run("audit", "verify", "--state-dir", state.toString());

        assertThat(status).as(stdout() + err).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).isEqualTo("intact: 1 runs, 3 events verified\n");
    }

    @Test
    void audit_withoutSubcommandOrValue_withAnUnknownOption_orWithoutDatabase_exitsTwo(@TempDir Path empty) {
        assertThat(run("audit")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("audit", "repair")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("audit", "verify", "--run")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("audit", "verify", "--since", "yesterday")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./loaders audit verify")
                .contains("unknown audit subcommand repair").contains("--run needs a value")
                .contains("unknown option --since");
        assertThat(run("audit", "verify", "--state-dir", empty.toString()))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("audit", "verify", "--db-url", "jdbc:postgresql://127.0.0.1:1/x"))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(stdout()).isEmpty();
    }

    private static Database migrated(String url) {
        Database database = new Database(new DatabaseConfig(url, LocalPostgres.USER, null));
        database.migrate();
        return database;
    }

    private static void recordThreeEvents(Database database, String run) {
        PostgresAuditTrail trail = new PostgresAuditTrail(database);
        for (Action action : List.of(Action.RECEIVED, Action.VALIDATED, Action.TRANSFORMED)) {
            trail.record(new AuditEvent(run, action, action == Action.TRANSFORMED ? "transformer" : "validator",
                    "gestimmo", "inbox/gestimmo/transactions_20261123.json", null, null,
                    "gestimmo-transactions_20261123-" + run, null, Instant.parse("2026-11-23T01:30:00Z")));
        }
    }

    @Test
    void report_afterADropAndRejectedFiles_printsTheDayOfEachPartner_asATableOrAsJson(@TempDir Path state)
            throws Exception {
        assertThat(run("run", "../samples/drop", "--state-dir", state.toString())).isEqualTo(LoadersCommand.OK);
        assertThat(run("run", "../samples/rejected", "--state-dir", state.toString()))
                .isEqualTo(LoadersCommand.FILE_FAILED);
        // the files were received today in Paris (a run across midnight would split them between two days)
        String today = LocalDate.now(DailySummary.ZONE).toString();
        out.reset();

        int table = run("report", "--date", today, "--state-dir", state.toString());
        String tableOutput = stdout();
        out.reset();
        int json = run("report", "--date", today, "--partner", "gestimmo", "--json", "--state-dir",
                state.toString());
        JsonNode summaries = ContractJson.internalMapper().readTree(stdout());
        out.reset();
        int otherDay = run("report", "--date", "2020-01-01", "--partner", "gestimmo", "--state-dir",
                state.toString());

        assertThat(table).as(err.toString()).isEqualTo(LoadersCommand.OK);
        assertThat(tableOutput).contains("gestimmo  " + today + " (Paris): 5 files, 3 succeeded, 2 failed, "
                        + "0 in progress; 3 errors")
                .contains("  records received 22, accepted 20, rejected 2; inserted 20, updated 0, unchanged 0, "
                        + "retired 0, erased 0")
                .containsPattern("  \\d\\d:\\d\\d:\\d\\d  SUCCEEDED           5         5         0       0  -"
                        + " +caracteristiques_20261123.json")
                .containsPattern("FAILED              2         0         2       2  RECORD_COUNT_MISMATCH +"
                        + "transactions_20261124.json")
                .contains("KEY_INVALID", "releve novembre.json");
        assertThat(json).isEqualTo(LoadersCommand.OK);
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).path("partner_id").asText()).isEqualTo("gestimmo");
        assertThat(summaries.get(0).path("files_received").asInt()).isEqualTo(5);
        assertThat(summaries.get(0).at("/counts/received").asLong()).isEqualTo(22);
        assertThat(summaries.get(0).at("/files/3/outcome").asText()).isEqualTo("FAILED");
        assertThat(summaries.get(0).at("/files/3/first_error").asText()).isEqualTo("RECORD_COUNT_MISMATCH");
        assertThat(otherDay).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).startsWith("gestimmo  2020-01-01 (Paris): 0 files, 0 succeeded").doesNotContain("TIME");
    }

    @Test
    void report_withoutADate_withABadDate_orAnUnknownOption_isAUsageError() {
        assertThat(run("report")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("report", "--date", "23/11/2026")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("report", "--date", "2026-11-23", "--lang", "fr"))
                .isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--date is required",
                "--date is YYYY-MM-DD, not 23/11/2026", "unknown option --lang", "usage: ./loaders report");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void theSummaryCountsErrorsAsPeopleSayThem() {
        assertThat(FileRunSummary.counted(1, "error")).isEqualTo("1 error");
        assertThat(FileRunSummary.counted(0, "error")).isEqualTo("0 errors");
        assertThat(FileRunSummary.counted(2, "warning")).isEqualTo("2 warnings");
    }
}
