package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.report.ErrorCode;
import com.qlower.loaders.report.FileError;
import com.qlower.loaders.report.FileOutcome;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequences of a partner's files through the whole local pipeline (S3 protocol server, PostgreSQL, the deployed
 * state machine), checking after each file that the data is what the partner guide says the sequence means:
 * corrections that bring back an earlier file's content, document contents that change, erased owners sent again
 * (issue 10). Each test uses partners of its own, so the tests share one pipeline and do not depend on each other.
 */
class FileSequencesTest {

    private static final Path DROP = Path.of("../samples/drop/gestimmo");
    private static final String DATE = "20261123";

    private static LocalPipeline pipeline;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        pipeline = new LocalPipeline(new LocalPipeline.Settings(null, null, (execution, state) -> { }, 1000));
        for (String partner : List.of("retour-snapshot", "retour-delta")) {
            pipeline.partners().save(InMemoryPartnerRegistry.everyLoader(partner));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pipeline.close();
    }

    // ------------------------------------------------------------------- corrections back to an earlier content

    @Test
    void snapshotCorrection_byteIdenticalToAnEarlierFile_isApplied_andTheDataIsThatFilesAgain() throws Exception {
        ObjectNode original = read("caracteristiques", "retour-snapshot");
        Path first = write(original, "retour-snapshot", "caracteristiques_" + DATE + "_00");
        ObjectNode changed = original.deepCopy();
        ((ObjectNode) firstOfType(changed, "property")).put("label", "Marseille 6e - T2 renommé");
        Path correction = write(changed, "retour-snapshot", "caracteristiques_" + DATE + "_01");
        Path backToFirst = Files.copy(first, first.resolveSibling("caracteristiques_" + DATE + "_02.json"));

        assertThat(submit("retour-snapshot", first).report().counts().inserted()).isEqualTo(5);
        assertThat(submit("retour-snapshot", correction).report().counts().updated()).isEqualTo(1);
        LocalPipeline.FileRun again = submit("retour-snapshot", backToFirst);

        assertThat(again.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(again.report().counts().updated()).as("the label goes back").isEqualTo(1);
        assertThat(again.report().counts().unchanged()).isEqualTo(4);
        assertThat(again.report().counts().addsUp()).isTrue();
        assertThat(text("select label from properties where partner_id = 'retour-snapshot' "
                + "and external_id = 'GI-PRP-001203'")).isEqualTo("Marseille 6e - T2 meublé rue Paradis");
        assertThat(query("select updated from ingestion_runs where run_id = '" + again.runId() + "'"))
                .isEqualTo(1);
        // the partner is told it sent that content before, and that it applied again
        assertThat(again.report().warnings().first()).filteredOn(w -> w.code() == ErrorCode.CONTENT_ALREADY_RECEIVED)
                .singleElement().satisfies(w -> {
                    assertThat(w.value()).isEqualTo("inbox/retour-snapshot/caracteristiques_" + DATE + "_00.json");
                    assertThat(w.message().en()).contains("applied again");
                });
    }

    @Test
    void deltaAddingARecord_sentAgainAfterADeltaRetiredIt_bringsTheRecordBack() throws Exception {
        assertThat(submit("retour-delta", write(read("caracteristiques", "retour-delta"), "retour-delta",
                "caracteristiques_" + DATE)).report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        ObjectNode adds = read("transactions", "retour-delta");
        ArrayNode records = (ArrayNode) adds.get("records");
        ObjectNode t300 = ((ObjectNode) records.get(0)).deepCopy().put("external_id", "T300");
        records.removeAll().add(t300);
        adds.put("record_count", 1);
        Path first = write(adds, "retour-delta", "transactions_" + DATE + "_00");
        ObjectNode retires = adds.deepCopy();
        ((ArrayNode) retires.get("records")).removeAll().addObject().put("external_id", "T300")
                .put("action", "retire");
        Path retirement = write(retires, "retour-delta", "transactions_" + DATE + "_01");
        Path backToFirst = Files.copy(first, first.resolveSibling("transactions_" + DATE + "_02.json"));

        assertThat(submit("retour-delta", first).report().counts().inserted()).isEqualTo(1);
        assertThat(submit("retour-delta", retirement).report().counts().retired()).isEqualTo(1);
        LocalPipeline.FileRun again = submit("retour-delta", backToFirst);

        assertThat(again.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(again.report().counts().updated()).as("reactivated").isEqualTo(1);
        assertThat(again.report().counts().addsUp()).isTrue();
        assertThat(query("select count(*) from transactions where partner_id = 'retour-delta' "
                + "and external_id = 'T300' and retired_at is null")).isEqualTo(1);
        assertThat(again.report().warnings().first()).extracting(FileError::code)
                .contains(ErrorCode.CONTENT_ALREADY_RECEIVED);
    }

    @Test
    void sameFileSentTwiceInARow_changesNothingTheSecondTime_andSaysSo() throws Exception {
        pipeline.partners().save(InMemoryPartnerRegistry.everyLoader("deux-fois"));
        Path file = write(read("caracteristiques", "deux-fois"), "deux-fois", "caracteristiques_" + DATE);

        submit("deux-fois", file);
        LocalPipeline.FileRun twice = pipeline.submit("inbox/deux-fois/caracteristiques_" + DATE + "_01.json", file);

        assertThat(twice.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(twice.report().counts().unchanged()).isEqualTo(5);
        assertThat(twice.report().counts().inserted() + twice.report().counts().updated()
                + twice.report().counts().retired()).isZero();
        assertThat(twice.report().warnings().first()).extracting(FileError::code)
                .contains(ErrorCode.CONTENT_ALREADY_RECEIVED);
    }

    // ------------------------------------------------------------------------------------------- fixtures

    private static LocalPipeline.FileRun submit(String partner, Path file) throws IOException {
        LocalPipeline.FileRun run = pipeline.submit("inbox/" + partner + "/" + file.getFileName(), file);
        assertThat(run.report().outcome()).as(run.key() + " " + run.report().errors())
                .isEqualTo(FileOutcome.SUCCEEDED);
        return run;
    }

    private static long query(String sql) {
        return pipeline.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String text(String sql) {
        return pipeline.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static ObjectNode read(String loader, String partner) throws IOException {
        ObjectNode file = (ObjectNode) ContractJson.partnerFileMapper().readTree(
                DROP.resolve(loader + "_" + DATE + ".json").toFile());
        file.put("partner_id", partner);
        return file;
    }

    /** Writes a partner file under {@code work/partner/}, named {@code stem}.json. */
    private static Path write(ObjectNode file, String partner, String stem) throws IOException {
        Path path = Files.createDirectories(work.resolve(partner)).resolve(stem + ".json");
        ContractJson.partnerFileMapper().writeValue(path.toFile(), file);
        return path;
    }

    private static com.fasterxml.jackson.databind.JsonNode firstOfType(ObjectNode file, String type) {
        for (com.fasterxml.jackson.databind.JsonNode record : file.get("records")) {
            if (record.path("type").asText().equals(type)) {
                return record;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }
}
