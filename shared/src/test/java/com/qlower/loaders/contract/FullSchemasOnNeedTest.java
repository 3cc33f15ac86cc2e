package com.qlower.loaders.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.FileError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator compiles a loader's full JSON Schemas only when a value needs them: in English for a value its
 * {@link SchemaShortcut} does not find valid, in French for one with errors; a file the shortcuts find valid
 * compiles none. The verdicts and messages do not depend on it (RecordValidatorTest, PartnerFileReaderTest, and
 * local-runner's ContractShortcutAgreementTest and BadFileCorpusTest, on their own validators).
 */
class FullSchemasOnNeedTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DROP = Path.of("../samples/drop/gestimmo");

    private final RecordValidator validator = new RecordValidator(CLOCK);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"transactions_20261123.json", "documents_20261123.json"})
    void aValidFile_isReadWithoutCompilingAnyFullSchema(String file) throws IOException {
        List<FileError> errors = new ArrayList<>();
        PartnerFileName name = PartnerFileName.parse("inbox/gestimmo/" + file);

        try (InputStream in = Files.newInputStream(DROP.resolve(file))) {
            new PartnerFileReader(validator).read(in, name,
                    (index, record) -> errors.addAll(validator.validateRecord(name.loader(), index, record)));
        }

        assertThat(errors).isEmpty();
        assertThat(compiled()).isEmpty();
    }

    @Test
    void aRecordWithErrors_compilesItsLoadersSchemas_inBothLanguages_andNoOtherLoaders() throws IOException {
        ObjectNode transaction = transaction();
        transaction.remove("label");

        assertThat(validator.validateRecord(Loader.TRANSACTIONS, 0, transaction)).isNotEmpty();

        assertThat(compiled()).containsExactly("transactions en", "transactions fr");
    }

    @Test
    void aValidRecordTheShortcutCannotDecide_compilesTheEnglishSchemasOnly() throws IOException {
        // the shortcut does not decide e-mail addresses: the full validator does, and finds nothing to say
        JsonNode owner = JSON.readTree("""
                {"type": "owner", "external_id": "GI-OWN-000412", "kind": "person", "first_name": "Hélène",
                 "last_name": "Rousseau", "email": "helene.rousseau@example.fr"}""");

        assertThat(validator.validateRecord(Loader.CARACTERISTIQUES, 0, owner)).isEmpty();

        assertThat(compiled()).containsExactly("caracteristiques en");
    }

    @Test
    void anEnvelopeWithErrors_compilesItsLoadersSchemas() throws IOException {
        ObjectNode envelope = (ObjectNode) JSON.readTree("""
                {"schema_version": "1.0", "partner_id": "gestimmo", "loader": "documents", "mode": "delta",
                 "snapshot_date": "2026-11-23", "generated_at": "yesterday", "record_count": 0, "records": []}""");

        assertThat(validator.validateEnvelope(Loader.DOCUMENTS, envelope)).extracting(FileError::pointer)
                .containsExactly("/generated_at");

        assertThat(compiled()).containsExactly("documents en", "documents fr");
    }

    @Test
    void prepareFullSchemas_compilesEveryLoaders_inBothLanguages() {
        validator.prepareFullSchemas();

        assertThat(compiled()).hasSize(Loader.values().length * 2);
    }

    @Test
    void recordsWithErrors_readConcurrentlyAtTheFirstNeed_getTheErrorsTheyGetOneByOne() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String field : List.of("label", "amount", "currency", "booked_on", "external_id", "property_external_id")) {
            ObjectNode transaction = transaction();
            transaction.remove(field);
            records.add(transaction);
            records.add(transaction().put(field, true));
        }
        List<List<FileError>> expected = new ArrayList<>();
        RecordValidator warm = new RecordValidator(CLOCK);
        records.forEach(r -> expected.add(warm.validateRecord(Loader.TRANSACTIONS, 0, r)));

        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<FileError>>> read = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(records.size());
        try {
            for (JsonNode record : records) {
                read.add(threads.submit(() -> {
                    start.await();
                    return validator.validateRecord(Loader.TRANSACTIONS, 0, record);
                }));
            }
            start.countDown();
            for (int i = 0; i < records.size(); i++) {
                assertThat(read.get(i).get()).as(records.get(i).toString()).isNotEmpty().isEqualTo(expected.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** "loader language" for each compiled set of full schemas. */
    private List<String> compiled() {
        List<String> compiled = new ArrayList<>();
        for (Loader loader : Loader.values()) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.FRENCH)) {
                if (validator.fullSchemasCompiled(loader, language)) {
                    compiled.add(loader.wireName() + " " + language.getLanguage());
                }
            }
        }
        return compiled;
    }

    private static ObjectNode transaction() throws IOException {
        return (ObjectNode) JSON.readTree(RecordValidatorTest.TRANSACTION);
    }
}
