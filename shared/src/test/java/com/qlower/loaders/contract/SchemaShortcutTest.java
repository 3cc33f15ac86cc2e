package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.SchemaShortcut.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The quick look decides the common cases itself (a valid record is VALID, so the schema walk is spared) and leaves
 * to the full validator what it cannot be sure of. That the validator reads alike with and without it, on every
 * sample and corpus record and their mutations, is ContractShortcutAgreementTest's (local-runner).
 */
class SchemaShortcutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SchemaShortcut shortcut(Loader loader, String type) throws IOException {
        try (InputStream in = SchemaShortcutTest.class.getClassLoader()
                .getResourceAsStream("contract/v1/" + loader.wireName() + ".schema.json")) {
            return SchemaShortcut.of(JSON.readTree(in), "/$defs/" + type);
        }
    }

    private static ObjectNode transaction() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"external_id": "TRX-1", "property_external_id": "PRP-1", "booked_on": "2026-10-01",
                 "value_date": "2026-10-02", "amount": "1150.00", "currency": "EUR", "label": "LOYER",
                 "counterparty": "Locataire", "category": "rent", "bank_account_iban": "FR7630004012340001234567862"}""");
    }

    @Test
    void aValidTransaction_isValid_whetherItsAmountIsAStringOrANumber() throws IOException {
        SchemaShortcut transactions = shortcut(Loader.TRANSACTIONS, "transaction");

        assertThat(transactions.check(transaction())).isEqualTo(Verdict.VALID);
        assertThat(transactions.check(transaction().put("amount", -312.45))).isEqualTo(Verdict.VALID);
        assertThat(transactions.check(transaction().putNull("category"))).isEqualTo(Verdict.VALID);
    }

    @Test
    void whatTheSchemaRefuses_isInvalid() throws IOException {
        SchemaShortcut transactions = shortcut(Loader.TRANSACTIONS, "transaction");

        ObjectNode missing = transaction();
        missing.remove("label");
        assertThat(transactions.check(missing)).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(transaction().put("colour", "blue"))).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(transaction().put("amount", true))).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(transaction().put("currency", "eur"))).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(transaction().put("label", "x".repeat(501)))).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(transaction().put("external_id", "with space"))).isEqualTo(Verdict.INVALID);
        assertThat(transactions.check(JSON.readTree("[]"))).isEqualTo(Verdict.INVALID);
    }

    @Test
    void whatItCannotBeSureOf_isLeftToTheValidator() throws IOException {
        SchemaShortcut transactions = shortcut(Loader.TRANSACTIONS, "transaction");
        SchemaShortcut documents = shortcut(Loader.DOCUMENTS, "document");

        // an impossible date, a number that may count as an integer, a format it does not check
        assertThat(transactions.check(transaction().put("booked_on", "2026-02-30"))).isEqualTo(Verdict.UNKNOWN);
        JsonNode document = JSON.readTree("""
                {"external_id": "DOC-1", "property_external_id": "PRP-1", "document_type": "invoice",
                 "file_name": "a.pdf", "content_type": "application/pdf", "size_bytes": 12.0,
                 "sha256": "%s", "content_base64": "JVBERi0xLjQ="}""".formatted("0".repeat(64)));
        assertThat(documents.check(document)).isEqualTo(Verdict.UNKNOWN);
        assertThat(shortcut(Loader.CARACTERISTIQUES, "owner").check(JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "person", "first_name": "A", "last_name": "B",
                 "email": "a@b.fr"}"""))).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void conditionsAndReferences_areFollowed() throws IOException {
        SchemaShortcut owners = shortcut(Loader.CARACTERISTIQUES, "owner");

        assertThat(owners.check(JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "person", "first_name": "A", "last_name": "B"}""")))
                .isEqualTo(Verdict.VALID);
        // a person without a last name: the schema's if/then requires it
        assertThat(owners.check(JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "person", "first_name": "A"}""")))
                .isEqualTo(Verdict.INVALID);
        assertThat(owners.check(JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "company", "company_name": "SCI"}""")))
                .isEqualTo(Verdict.VALID);
    }

    /** The envelope's shortcut is the whole document's, read as the reader hands it over: with no records. */
    @Test
    void anEnvelopeWithNoRecords_isValid_andOneThatBreaksItsSchema_isNot() throws IOException {
        SchemaShortcut envelopes;
        try (InputStream in = SchemaShortcutTest.class.getClassLoader()
                .getResourceAsStream("contract/v1/transactions.schema.json")) {
            envelopes = SchemaShortcut.of(JSON.readTree(in), "");
        }
        ObjectNode envelope = (ObjectNode) JSON.readTree("""
                {"schema_version": "1.0", "partner_id": "gestimmo", "loader": "transactions", "mode": "delta",
                 "snapshot_date": "2026-11-23", "generated_at": "2026-11-23T02:12:18+01:00", "record_count": 13,
                 "records": []}""");

        assertThat(envelopes.check(envelope)).isEqualTo(Verdict.VALID);
        assertThat(envelopes.check(envelope.deepCopy().put("generated_at", "2026-11-23T01:12:18Z")))
                .isEqualTo(Verdict.VALID);
        assertThat(envelopes.check(envelope.deepCopy().put("loader", "documents"))).isEqualTo(Verdict.INVALID);
        assertThat(envelopes.check(envelope.deepCopy().put("record_count", -1))).isEqualTo(Verdict.INVALID);
        assertThat(envelopes.check(envelope.deepCopy().put("snapshot_date", "2026-02-30")))
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(envelopes.check(envelope.deepCopy().put("generated_at", "yesterday"))).isEqualTo(Verdict.UNKNOWN);
        ObjectNode withoutMode = envelope.deepCopy();
        withoutMode.remove("mode");
        assertThat(envelopes.check(withoutMode)).isEqualTo(Verdict.INVALID);
    }

    /**
     * One shortcut serves every validator thread of a JVM (the local runner validates several files at once): a
     * fresh one, checked by several threads at the same moment, answers each as one thread alone does. A
     * reference compiled at its first check once wrote the shared map from several threads and failed there.
     */
    @Test
    void aFreshShortcut_checkedByManyThreadsAtOnce_answersAsOneThreadDoes() throws Exception {
        JsonNode person = JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "person", "first_name": "A", "last_name": "B"}""");
        JsonNode withoutLastName = JSON.readTree("""
                {"type": "owner", "external_id": "OWN-1", "kind": "person", "first_name": "A"}""");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                SchemaShortcut owners = shortcut(Loader.CARACTERISTIQUES, "owner");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Verdict>>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return List.of(owners.check(person), owners.check(withoutLastName));
                    }));
                }
                start.countDown();
                for (Future<List<Verdict>> answer : answers) {
                    assertThat(answer.get()).as("round " + round).containsExactly(Verdict.VALID, Verdict.INVALID);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
