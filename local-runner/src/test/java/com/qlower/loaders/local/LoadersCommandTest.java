package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.qlower.loaders.localservers.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./loaders}: what it prints and its exit status, as a developer or CI sees them. */
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

    @Test
    void noArguments_unknownCommand_orMissingPath_areUsageErrors() {
        assertThat(run()).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("frobnicate")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run", "no/such/folder")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(run("run", "--state-dir")).isEqualTo(LoadersCommand.USAGE_OR_INFRASTRUCTURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ./loaders run");
    }

    @Test
    void collect_ordersCharacteristicsFirst_andKeysFilesByTheirPartnerFolder() throws Exception {
        List<LoadersCommand.PartnerFile> files = LoadersCommand.collect(List.of(Path.of("../samples/drop")));

        assertThat(files).extracting(LoadersCommand.PartnerFile::key).containsExactly(
                "inbox/gestimmo/caracteristiques_20261123.json",
                "inbox/gestimmo/transactions_20261123.json",
                "inbox/gestimmo/documents_20261123.json");
    }

    @Test
    void run_samples_succeeds_andASecondRunBuildsOnTheFirst(@TempDir Path state) {
        int first = run("run", "../samples/drop", "--state-dir", state.toString());
        String firstOutput = stdout();
        out.reset();
        int second = run("run", "../samples/drop", "--state-dir", state.toString());

        assertThat(first).as(firstOutput + err).isEqualTo(LoadersCommand.OK);
        assertThat(firstOutput).contains("SUCCEEDED inbox/gestimmo/transactions_20261123.json  received 13, "
                + "accepted 13, rejected 0; inserted 13, updated 0, unchanged 0");
        assertThat(firstOutput).contains("> Integrate").contains("report: " + state);
        assertThat(second).isEqualTo(LoadersCommand.OK);
        assertThat(stdout()).contains("received 13, accepted 13, rejected 0; inserted 0, updated 0, unchanged 13");
    }

    @Test
    void run_withDbUrl_integratesIntoThatDatabase(@TempDir Path state) throws Exception {
        try (LocalPostgres existing = LocalPostgres.fresh()) {
            String url = existing.createDatabase("existing");
            assertThat(url).contains("user=" + LocalPostgres.USER);

            int status = run("run", "../samples/drop/gestimmo/caracteristiques_20261123.json", "--db-url", url,
                    "--state-dir", state.toString());

            assertThat(status).as(stdout() + err).isEqualTo(LoadersCommand.OK);
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from properties")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
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
}
