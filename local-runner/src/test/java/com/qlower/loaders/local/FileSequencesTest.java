package com.qlower.loaders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequences of a partner's files through the whole local pipeline (S3 protocol server, PostgreSQL, the deployed
 * state machine), checking after each file that the data is what the partner guide says the sequence means:
 * corrections that bring back an earlier file's content, document contents that change, erased owners sent again
 * (issue 10). Each test uses partners of its own, so the tests share one pipeline and do not depend on each other.
 */
class FileSequencesTest {

    private static final String DATE = "20261123";

    @RegisterExtension
    static final TestPipeline pipeline = TestPipeline.quiet().withPartners("retour-snapshot", "retour-delta",
            "contenu-efface", "contenu-remplace");

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        // a partner whose tolerance lets a file through with the erased owner's records rejected
        pipeline.get().partners().save(new Partner("revenant", "Revenant", Partner.Language.EN, List.of(), null, null,
                true, EnumSet.allOf(Loader.class), 100.0));
    }

    // ------------------------------------------------------------------- corrections back to an earlier content

    @Test
    void snapshotCorrection_byteIdenticalToAnEarlierFile_isApplied_andTheDataIsThatFilesAgain() throws Exception {
        ObjectNode original = read("caracteristiques", "retour-snapshot");
        Path first = write(original, "retour-snapshot", "caracteristiques_" + DATE + "_00");
        ObjectNode changed = original.deepCopy();
        ((ObjectNode) SampleNight.firstOfType(changed, "property")).put("label", "Marseille 6e - T2 renommé");
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
        pipeline.get().partners().save(InMemoryPartnerRegistry.everyLoader("deux-fois"));
        Path file = write(read("caracteristiques", "deux-fois"), "deux-fois", "caracteristiques_" + DATE);

        submit("deux-fois", file);
        LocalPipeline.FileRun twice = pipeline.get().submit("inbox/deux-fois/caracteristiques_" + DATE + "_01.json",
                file);

        assertThat(twice.report().outcome()).isEqualTo(FileOutcome.SUCCEEDED);
        assertThat(twice.report().counts().unchanged()).isEqualTo(5);
        assertThat(twice.report().counts().inserted() + twice.report().counts().updated()
                + twice.report().counts().retired()).isZero();
        assertThat(twice.report().warnings().first()).extracting(FileError::code)
                .contains(ErrorCode.CONTENT_ALREADY_RECEIVED);
    }

    // ------------------------------------------------------------------------------ document contents that change

    @Test
    void erasure_deletesEveryContentTheOwnersDocumentsEverHad_butNotAContentAnotherOwnersDocumentHas()
            throws Exception {
        loadNight("contenu-efface");
        ObjectNode documents = read("documents", "contenu-efface");
        ObjectNode erasedOwners = documentRecord(documents, "GI-DOC-2026-000981"); // property GI-PRP-001203
        ObjectNode otherOwners = documentRecord(documents, "GI-DOC-2026-000982"); // property GI-PRP-001377
        String first = "contenu-efface/" + erasedOwners.get("sha256").asText();
        String otherFirst = "contenu-efface/" + otherOwners.get("sha256").asText();
        // both documents move to one new content: the erased owner's first content is no one's any more
        byte[] corrected = "%PDF-1.4 facture corrigée".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        withContent(erasedOwners, corrected);
        withContent(otherOwners, corrected);
        String second = "contenu-efface/" + erasedOwners.get("sha256").asText();
        submit("contenu-efface", write(documents, "contenu-efface", "documents_" + DATE + "_01"));
        assertThat(documentObjects("contenu-efface")).containsExactlyInAnyOrder(first, second, otherFirst);

        LocalPipeline.FileRun erasure = submit("contenu-efface", write(erasureRequest("contenu-efface",
                "GI-OWN-000412"), "contenu-efface", "caracteristiques_20261124"));

        assertThat(erasure.report().counts().erased()).isEqualTo(1);
        // the content the erased owner's document had first is gone; the one it had last stays, the other owner's
        // document has it too; the other owner's superseded content waits for its retention
        assertThat(documentObjects("contenu-efface")).containsExactlyInAnyOrder(second, otherFirst)
                .doesNotContain(first);
        assertThat(query("select document_objects from erasures where partner_id = 'contenu-efface'")).isEqualTo(1);
        assertThat(query("select count(*) from document_contents where partner_id = 'contenu-efface' "
                + "and external_id = 'GI-DOC-2026-000981'")).isZero();
        assertThat(query("select count(*) from erasure_purges p join erasures e on e.id = p.erasure_id "
                + "where e.partner_id = 'contenu-efface' and p.done_at is null")).isZero();
    }

    @Test
    void supersededContent_isKeptItsRetention_thenPurgedAfterTheNextFile_unlessADocumentStillPointsAtIt()
            throws Exception {
        loadNight("contenu-remplace");
        ObjectNode documents = read("documents", "contenu-remplace");
        ObjectNode changing = documentRecord(documents, "GI-DOC-2026-000982");
        String old = "contenu-remplace/" + changing.get("sha256").asText();
        String kept = "contenu-remplace/" + documentRecord(documents, "GI-DOC-2026-000981").get("sha256").asText();
        // the document takes the content the other document has
        withContent(changing, java.util.Base64.getDecoder().decode(
                documentRecord(documents, "GI-DOC-2026-000981").get("content_base64").asText()));
        submit("contenu-remplace", write(documents, "contenu-remplace", "documents_" + DATE + "_01"));

        assertThat(documentObjects("contenu-remplace")).as("within its retention").contains(old, kept);
        assertThat(query("select count(*) from document_contents where partner_id = 'contenu-remplace' "
                + "and storage_key = '" + old + "' and superseded_at is not null")).isEqualTo(1);

        // the retention goes by, and the next file of anyone's is integrated
        pipeline.get().database().jdbi().useHandle(h -> h.execute("update document_contents set superseded_at = "
                + "superseded_at - interval '7 days 1 minute' where partner_id = 'contenu-remplace'"));
        submit("contenu-remplace", write(read("caracteristiques", "contenu-remplace").put("snapshot_date",
                "2026-11-24"), "contenu-remplace", "caracteristiques_20261124"));

        assertThat(documentObjects("contenu-remplace")).containsExactly(kept).doesNotContain(old);
        assertThat(query("select count(*) from document_contents where partner_id = 'contenu-remplace' "
                + "and superseded_at is not null")).isZero();

        // the first document moves away from the content both had: the second still points at it, it stays
        ObjectNode again = read("documents", "contenu-remplace");
        ((ArrayNode) again.get("records")).remove(1);
        again.put("record_count", 1);
        withContent(documentRecord(again, "GI-DOC-2026-000981"), "%PDF-1.4 autre".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        submit("contenu-remplace", write(again, "contenu-remplace", "documents_" + DATE + "_02"));
        pipeline.get().database().jdbi().useHandle(h -> h.execute("update document_contents set superseded_at = "
                + "superseded_at - interval '7 days 1 minute' where partner_id = 'contenu-remplace'"));
        submit("contenu-remplace", write(read("caracteristiques", "contenu-remplace").put("snapshot_date",
                "2026-11-25"), "contenu-remplace", "caracteristiques_20261125"));

        assertThat(documentObjects("contenu-remplace")).hasSize(2).contains(kept);
    }

    // ---------------------------------------------------------------------------------- an erased owner sent again

    @Test
    void erasedOwnerInALaterSnapshot_isRefusedWithTheirProperties_untilAnOperatorLiftsTheErasure() throws Exception {
        Path night = write(read("caracteristiques", "revenant"), "revenant", "caracteristiques_" + DATE);
        submit("revenant", night);
        submit("revenant", write(erasureRequest("revenant", "GI-OWN-000412"), "revenant",
                "caracteristiques_20261124"));
        String trail = text("select owner_hash || request_reference from erasures where partner_id = 'revenant'");

        // the partner's export still holds the person
        LocalPipeline.FileRun comeBack = submit("revenant", write(read("caracteristiques", "revenant")
                .put("snapshot_date", "2026-11-25"), "revenant", "caracteristiques_20261125"));

        assertThat(comeBack.report().counts().rejected()).isEqualTo(3);
        assertThat(comeBack.report().counts().accepted()).isEqualTo(2);
        assertThat(comeBack.report().counts().addsUp()).isTrue();
        assertThat(comeBack.report().errors().first()).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OWNER_ERASED);
            assertThat(e.value()).isEqualTo("GI-OWN-000412");
            assertThat(e.message().en()).contains("Remove this person from your exports");
            assertThat(e.message().fr()).contains("Retirez cette personne de vos exports");
        }).extracting(FileError::recordIndex, FileError::pointer).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, "/records/0/external_id"),
                org.assertj.core.groups.Tuple.tuple(2L, "/records/2/owner_external_id"),
                org.assertj.core.groups.Tuple.tuple(3L, "/records/3/owner_external_id"));
        assertThat(query("select count(*) from owners where partner_id = 'revenant' "
                + "and external_id = 'GI-OWN-000412'")).isZero();
        assertThat(query("select count(*) from properties where partner_id = 'revenant' "
                + "and owner_external_id = 'GI-OWN-000412'")).isZero();
        assertThat(query("select count(*) from owner_files where partner_id = 'revenant' "
                + "and owner_external_id = 'GI-OWN-000412'")).as("nothing of the person is noted again").isZero();
        assertThat(text("select owner_hash || request_reference from erasures where partner_id = 'revenant'"))
                .isEqualTo(trail);
        assertThat(query("select rejected from ingestion_runs where run_id = '" + comeBack.runId() + "'"))
                .isEqualTo(3);

        // the person really comes back: the operator lifts the refusal with the statement operating.md gives
        String statement = liftStatementOfOperatingMd().replace("'gestimmo", "'revenant");
        long lifted = pipeline.get().database().jdbi().withHandle(h -> h.createUpdate(statement).execute());
        LocalPipeline.FileRun back = submit("revenant", write(read("caracteristiques", "revenant")
                .put("snapshot_date", "2026-11-26"), "revenant", "caracteristiques_20261126"));

        assertThat(lifted).isEqualTo(1);
        assertThat(back.report().errors().total()).isZero();
        assertThat(back.report().counts().inserted()).isEqualTo(3);
        assertThat(query("select count(*) from properties where partner_id = 'revenant' and retired_at is null"))
                .isEqualTo(3);
    }

    @Test
    void erasedOwnerSentAgain_atTheDefaultTolerance_rejectsTheFile_andRecreatesNothing() throws Exception {
        pipeline.get().partners().save(InMemoryPartnerRegistry.everyLoader("revenant-strict"));
        submit("revenant-strict", write(read("caracteristiques", "revenant-strict"), "revenant-strict",
                "caracteristiques_" + DATE));
        submit("revenant-strict", write(erasureRequest("revenant-strict", "GI-OWN-000412"), "revenant-strict",
                "caracteristiques_20261124"));

        LocalPipeline.FileRun comeBack = pipeline.get().submit("inbox/revenant-strict/caracteristiques_20261125.json",
                write(read("caracteristiques", "revenant-strict").put("snapshot_date", "2026-11-25"),
                        "revenant-strict", "caracteristiques_20261125"));

        assertThat(comeBack.report().outcome()).isEqualTo(FileOutcome.FAILED);
        assertThat(comeBack.report().errors().first()).extracting(FileError::code)
                .contains(ErrorCode.TOO_MANY_REJECTED_RECORDS, ErrorCode.OWNER_ERASED);
        assertThat(query("select count(*) from owners where partner_id = 'revenant-strict'")).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------- fixtures

    private static LocalPipeline.FileRun submit(String partner, Path file) throws IOException {
        LocalPipeline.FileRun run = pipeline.get().submit("inbox/" + partner + "/" + file.getFileName(), file);
        assertThat(run.report().outcome()).as(run.key() + " " + run.report().errors())
                .isEqualTo(FileOutcome.SUCCEEDED);
        return run;
    }

    /** The sample night (caracteristiques, transactions, documents) of the given partner. */
    private static void loadNight(String partner) throws IOException {
        for (String loader : List.of("caracteristiques", "transactions", "documents")) {
            submit(partner, write(read(loader, partner), partner, loader + "_" + DATE));
        }
    }

    /** A delta caracteristiques file of 2026-11-24 holding one erasure request. */
    private static ObjectNode erasureRequest(String partner, String owner) throws IOException {
        ObjectNode file = read("caracteristiques", partner);
        file.put("mode", "delta");
        file.put("snapshot_date", "2026-11-24");
        ((ArrayNode) file.get("records")).removeAll().addObject().put("type", "erasure_request")
                .put("owner_external_id", owner).put("reference", "RGPD-" + partner)
                .put("requested_at", "2026-11-23T18:30:00+01:00");
        file.put("record_count", 1);
        return file;
    }

    private static ObjectNode documentRecord(ObjectNode file, String externalId) {
        for (com.fasterxml.jackson.databind.JsonNode record : file.get("records")) {
            if (record.path("external_id").asText().equals(externalId)) {
                return (ObjectNode) record;
            }
        }
        throw new IllegalArgumentException("no " + externalId);
    }

    /** Gives a document record other content, with the size and checksum that go with it. */
    private static void withContent(ObjectNode document, byte[] content) throws Exception {
        document.put("content_base64", java.util.Base64.getEncoder().encodeToString(content));
        document.put("size_bytes", content.length);
        document.put("sha256", java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content)));
    }

    private static List<String> documentObjects(String partner) {
        return pipeline.get().keys(LocalPipeline.DOCUMENTS_BUCKET).stream().filter(k -> k.startsWith(partner + "/"))
                .toList();
    }

    /** The SQL block of docs/operating.md that lifts an erasure, for the sample partner gestimmo. */
    private static String liftStatementOfOperatingMd() throws IOException {
        String operating = Files.readString(Path.of("../docs/operating.md"));
        int start = operating.indexOf("```sql\nupdate erasures set lifted_at");
        assertThat(start).as("docs/operating.md shows how to lift an erasure").isNotNegative();
        String block = operating.substring(start + "```sql\n".length(), operating.indexOf("```", start + 6));
        assertThat(block).contains("where partner_id = 'gestimmo'", "convert_to('gestimmo/GI-OWN-000412'");
        return block.strip().replaceAll(";$", "");
    }

    private static long query(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String text(String sql) {
        return pipeline.get().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static ObjectNode read(String loader, String partner) throws IOException {
        return SampleNight.drop(work).read(loader, partner);
    }

    /** Writes a partner file under {@code work/partner/}, named {@code stem}.json. */
    private static Path write(ObjectNode file, String partner, String stem) throws IOException {
        return SampleNight.drop(work).write(file, partner, stem);
    }
}
