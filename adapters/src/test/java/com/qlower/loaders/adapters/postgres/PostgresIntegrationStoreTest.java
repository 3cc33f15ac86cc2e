package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.steps.FileRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The integration store on a real PostgreSQL, migrated by Flyway: one transaction per file, records matched by
 * partner and external id, unchanged rows left untouched.
 */
class PostgresIntegrationStoreTest {

    private static final String SHA256 = "bf040677f3a1e48f633be24a9caa1e730e09bb4acc5944fc335a6524a0663ab5";
    private static final List<String> TABLES = List.of("owners", "properties", "transactions", "documents");

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();
    private static final Database database = testDatabase.database();
    private static final PostgresIntegrationStore store = new PostgresIntegrationStore(database);

    // ---------------------------------------------------------------------------------------------- inserting

    @Test
    void integrate_insertsNewOwnersAndProperties_andCountsThemInserted() {
        List<StagedRecord> records = caracteristiques();
        IngestionRun run = run("gestimmo", Loader.CARACTERISTIQUES, records.size());

        IntegrationCounts counts = store.integrate(run, records.stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(5, 0, 0, 0));
        assertThat(externalIds("owners", "gestimmo")).containsExactly("GI-OWN-000412", "GI-OWN-000587");
        assertThat(externalIds("properties", "gestimmo"))
                .containsExactly("GI-PRP-001203", "GI-PRP-001204", "GI-PRP-001377");
        assertThat(lastRunIds("owners", "gestimmo")).containsOnly(run.runId());
        assertThat(lastRunIds("properties", "gestimmo")).containsOnly(run.runId());
    }

    @Test
    void integrate_recordsItsRun_withTheFileAndTheCounts() {
        List<StagedRecord> records = caracteristiques();
        IngestionRun run = new IngestionRun(UUID.randomUUID().toString(), "gestimmo", Loader.CARACTERISTIQUES,
                Mode.SNAPSHOT, new FileRef("qlower-ingest", "inbox/gestimmo/caracteristiques_20261123.json", "v-3"),
                SHA256, LocalDate.of(2026, 11, 23), 0, 7, 5, 2, Instant.parse("2026-11-23T01:30:00.123456Z"));

        store.integrate(run, records.stream());

        Map<String, Object> row = database.jdbi().withHandle(h -> h.createQuery("""
                        select run_id, partner_id, loader, object_bucket, object_key, object_version, sha256,
                               snapshot_date, mode, status, received, accepted, rejected, inserted, updated,
                               unchanged, retired, started_at
                        from ingestion_runs""")
                .map((rs, ctx) -> {
                    Map<String, Object> values = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        String column = rs.getMetaData().getColumnName(i);
                        values.put(column, switch (column) {
                            case "snapshot_date" -> rs.getObject(i, LocalDate.class);
                            case "started_at" -> rs.getObject(i, OffsetDateTime.class).toInstant();
                            default -> rs.getObject(i);
                        });
                    }
                    return values;
                })
                .one());
        assertThat(row).containsEntry("run_id", run.runId())
                .containsEntry("partner_id", "gestimmo")
                .containsEntry("loader", "caracteristiques")
                .containsEntry("object_bucket", "qlower-ingest")
                .containsEntry("object_key", "inbox/gestimmo/caracteristiques_20261123.json")
                .containsEntry("object_version", "v-3")
                .containsEntry("sha256", SHA256)
                .containsEntry("snapshot_date", LocalDate.of(2026, 11, 23))
                .containsEntry("mode", "snapshot")
                .containsEntry("status", "INTEGRATED")
                .containsEntry("received", 7L)
                .containsEntry("accepted", 5L)
                .containsEntry("rejected", 2L)
                .containsEntry("inserted", 5L)
                .containsEntry("updated", 0L)
                .containsEntry("unchanged", 0L)
                .containsEntry("retired", 0L)
                .containsEntry("started_at", Instant.parse("2026-11-23T01:30:00.123456Z"));
    }

    @Test
    void integrate_ofNoRecords_recordsTheRunWithZeroCounts() {
        IngestionRun run = run("gestimmo", Loader.TRANSACTIONS, 0);

        IntegrationCounts counts = store.integrate(run, Stream.empty());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 0, 0));
        assertThat(runCounts(run.runId())).isEqualTo(List.of(0L, 0L, 0L));
        assertThat(TABLES).allSatisfy(t -> assertThat(count(t)).as(t).isZero());
    }

    @Test
    void integrate_acceptsRecordsOfSeveralKindsInAnyOrder() {
        List<StagedRecord> interleaved = List.of(property("GI-PRP-1", "GI-OWN-1", "T1"), person("GI-OWN-1"),
                property("GI-PRP-2", "GI-OWN-1", "T2"), person("GI-OWN-2"), property("GI-PRP-3", "GI-OWN-2", "T3"));

        IntegrationCounts counts = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 5), interleaved.stream());

        assertThat(counts.inserted()).isEqualTo(5);
        assertThat(count("owners")).isEqualTo(2);
        assertThat(count("properties")).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------- merging

    @Test
    void integrate_ofTheSameRecordsAgain_changesNothing_andCountsThemUnchanged() {
        List<StagedRecord> records = caracteristiques();
        IngestionRun first = run("gestimmo", Loader.CARACTERISTIQUES, records.size());
        store.integrate(first, records.stream());
        Map<String, Stamps> before = stamps("gestimmo");

        IngestionRun second = run("gestimmo", Loader.CARACTERISTIQUES, records.size());
        IntegrationCounts counts = store.integrate(second, caracteristiques().stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 5, 0));
        assertThat(stamps("gestimmo")).isEqualTo(before);
        assertThat(before.values()).extracting(Stamps::lastRunId).containsOnly(first.runId());
        assertThat(runCounts(second.runId())).isEqualTo(List.of(0L, 0L, 5L));
    }

    @Test
    void integrate_ofOneChangedField_updatesOnlyThatRow() {
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 5), caracteristiques().stream());
        Map<String, Stamps> before = stamps("gestimmo");
        List<StagedRecord> changed = new ArrayList<>(caracteristiques());
        Property prp1204 = (Property) changed.get(3);
        changed.set(3, withLabel(prp1204, "Marseille 6e - parking n° 17 (renommé)"));

        IngestionRun second = run("gestimmo", Loader.CARACTERISTIQUES, 5);
        IntegrationCounts counts = store.integrate(second, changed.stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 1, 4, 0));
        Map<String, Stamps> after = stamps("gestimmo");
        Stamps was = before.get("properties/GI-PRP-001204");
        Stamps is = after.get("properties/GI-PRP-001204");
        assertThat(is.lastRunId()).isEqualTo(second.runId());
        assertThat(is.updatedAt()).isAfter(was.updatedAt());
        assertThat(is.createdAt()).isEqualTo(was.createdAt());
        assertThat(label("gestimmo", "GI-PRP-001204")).isEqualTo("Marseille 6e - parking n° 17 (renommé)");
        after.remove("properties/GI-PRP-001204");
        before.remove("properties/GI-PRP-001204");
        assertThat(after).isEqualTo(before);
        assertThat(runCounts(second.runId())).isEqualTo(List.of(0L, 1L, 4L));
    }

    @Test
    void integrate_seesAFieldThatBecameNull_asAChange() {
        Owner withEmail = person("GI-OWN-1");
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1), Stream.of(withEmail));
        Owner withoutEmail = new Owner(withEmail.externalId(), withEmail.kind(), withEmail.firstName(),
                withEmail.lastName(), null, withEmail.displayName(), null, null, withEmail.phone(),
                withEmail.address());

        IntegrationCounts removed = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1),
                Stream.of(withoutEmail));
        IntegrationCounts again = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1),
                Stream.of(withoutEmail));

        assertThat(removed).isEqualTo(new IntegrationCounts(0, 1, 0, 0));
        assertThat(again).isEqualTo(new IntegrationCounts(0, 0, 1, 0));
        boolean emailIsNull = database.jdbi().withHandle(h -> h.createQuery(
                "select email is null from owners where external_id = 'GI-OWN-1'").mapTo(Boolean.class).one());
        assertThat(emailIsNull).isTrue();
    }

    // ---------------------------------------------------------------------------------------------- partners

    @Test
    void integrate_keepsPartnersApart_evenWithTheSameExternalIds() {
        IngestionRun runA = run("gestimmo", Loader.CARACTERISTIQUES, 1);
        store.integrate(runA, Stream.of(person("OWN-1")));
        Map<String, Stamps> partnerABefore = stamps("gestimmo");
        String nameABefore = displayName("gestimmo", "OWN-1");

        Owner sameIdOtherData = new Owner("OWN-1", "company", null, null, "SCI du Port", "SCI du Port",
                "732829320", "contact@agence-du-port.example", null,
                new Address("1 quai du Port", null, "13002", "Marseille", "FR"));
        IntegrationCounts countsB = store.integrate(run("agence-du-port", Loader.CARACTERISTIQUES, 1),
                Stream.of(sameIdOtherData));
        IntegrationCounts countsBAgain = store.integrate(run("agence-du-port", Loader.CARACTERISTIQUES, 1),
                Stream.of(withDisplayName(sameIdOtherData, "SCI du Port (renommée)")));

        assertThat(countsB).isEqualTo(new IntegrationCounts(1, 0, 0, 0));
        assertThat(countsBAgain).isEqualTo(new IntegrationCounts(0, 1, 0, 0));
        assertThat(count("owners")).isEqualTo(2);
        assertThat(stamps("gestimmo")).isEqualTo(partnerABefore);
        assertThat(displayName("gestimmo", "OWN-1")).isEqualTo(nameABefore).isEqualTo("Rousseau Hélène");
        assertThat(displayName("agence-du-port", "OWN-1")).isEqualTo("SCI du Port (renommée)");
    }

    // ---------------------------------------------------------------------------------------------- refusals

    @Test
    void integrate_refusesTwoRecordsWithTheSameExternalId_andWritesNothing() {
        List<StagedRecord> records = List.of(person("GI-OWN-1"), person("GI-OWN-2"), person("GI-OWN-1"));
        IngestionRun run = run("gestimmo", Loader.CARACTERISTIQUES, 3);

        Throwable thrown = catchThrowable(() -> store.integrate(run, records.stream()));

        assertThat(thrown).isInstanceOf(IntegrationStore.DuplicateRecords.class)
                .hasMessageContaining("owners").hasMessageContaining("GI-OWN-1");
        assertThat(count("ingestion_runs")).isZero();
        assertThat(TABLES).allSatisfy(t -> assertThat(count(t)).as(t).isZero());
    }

    @Test
    void integrate_refusesDuplicates_ofALaterKind_andRollsBackTheEarlierKindsToo() {
        List<StagedRecord> records = List.of(person("GI-OWN-1"), property("GI-PRP-1", "GI-OWN-1", "T2"),
                property("GI-PRP-1", "GI-OWN-1", "T2 bis"));

        Throwable thrown = catchThrowable(() -> store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 3),
                records.stream()));

        assertThat(thrown).isInstanceOf(IntegrationStore.DuplicateRecords.class)
                .hasMessageContaining("properties").hasMessageContaining("GI-PRP-1");
        assertThat(count("ingestion_runs")).isZero();
        assertThat(TABLES).allSatisfy(t -> assertThat(count(t)).as(t).isZero());
    }

    @Test
    void integrate_refusesDuplicates_withoutTouchingWhatAnEarlierRunStored() {
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 5), caracteristiques().stream());
        Map<String, Stamps> before = stamps("gestimmo");
        List<StagedRecord> withDuplicate = new ArrayList<>(caracteristiques());
        withDuplicate.set(0, withDisplayName((Owner) withDuplicate.get(0), "changed"));
        withDuplicate.add(withDuplicate.get(4));

        Throwable thrown = catchThrowable(() -> store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 6),
                withDuplicate.stream()));

        assertThat(thrown).isInstanceOf(IntegrationStore.DuplicateRecords.class);
        assertThat(count("ingestion_runs")).isEqualTo(1);
        assertThat(stamps("gestimmo")).isEqualTo(before);
        assertThat(displayName("gestimmo", "GI-OWN-000412")).isEqualTo("Rousseau Hélène");
    }

    // ---------------------------------------------------------------------------------------------- values

    @Test
    void integrate_storesPropertyValuesExactly_includingNulls() {
        Property full = new Property("GI-PRP-001203", "GI-OWN-000412", "Marseille 6e - T2 meublé rue Paradis",
                new Address("48 rue Paradis", "Bât. B, 3e étage, porte droite", "13006", "Marseille", "FR"),
                "apartment", "lmnp", LocalDate.of(2019, 6, 14), 18_500_000L, 1_387_550L, 650_000L,
                new BigDecimal("15.5"), 842_000L, new BigDecimal("42.5"), LocalDate.of(2019, 9, 1),
                20_537_550L, 16_512_367L);
        Property sparse = new Property("GI-PRP-001204", "GI-OWN-000412", "Parking",
                new Address("48 rue Paradis", null, "13006", "Marseille", "FR"), "parking", "nu",
                LocalDate.of(2019, 6, 14), 999_999_999_999_999L, null, null, null, null, null, null,
                999_999_999_999_999L, null);

        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 2), Stream.of(full, sparse));

        assertThat(readProperty("GI-PRP-001203")).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(full);
        assertThat(readProperty("GI-PRP-001204")).isEqualTo(sparse);
    }

    @Test
    void integrate_storesTextExactly_quotesCommasNewlinesBackslashesAndEmptyStrings() {
        String awkward = "Loyer \"novembre\", lot 4;\nligne 2\r\n\\. \\N NULL é – 日本 😀";
        Transaction transaction = new Transaction("GI-TRX-1", "GI-PRP-001203", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 1), -31_245L, "EUR", awkward, "", TransactionCategory.CONDO_FEES,
                Transaction.CategorySource.GIVEN, TransactionCategory.CONDO_FEES.accountCode(), null);
        Transaction endMarker = new Transaction("GI-TRX-2", "GI-PRP-001203", LocalDate.of(2026, 10, 3),
                LocalDate.of(2026, 10, 3), 78_000L, "EUR", "\\.", "NULL", TransactionCategory.OTHER,
                Transaction.CategorySource.INFERRED, TransactionCategory.OTHER.accountCode(),
                "FR7630004012340001234567862");

        store.integrate(run("gestimmo", Loader.TRANSACTIONS, 2), Stream.of(transaction, endMarker));

        assertThat(readTransaction("GI-TRX-1")).isEqualTo(transaction);
        assertThat(readTransaction("GI-TRX-2")).isEqualTo(endMarker);
    }

    @Test
    void integrate_storesOwnersExactly_personAndCompany() {
        Owner person = new Owner("GI-OWN-000412", "person", "Hélène", "Rousseau", null, "Rousseau Hélène", null,
                "helene.rousseau@example.fr", "+33 6 39 98 12 34",
                new Address("27 rue Edmond Rostand", null, "13006", "Marseille", "FR"));
        Owner company = new Owner("GI-OWN-000587", "company", null, null, "SCI Les Tilleuls", "SCI Les Tilleuls",
                "914528732", null, null, null);

        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 2), Stream.of(person, company));

        assertThat(readOwner("GI-OWN-000412")).isEqualTo(person);
        assertThat(readOwner("GI-OWN-000587")).isEqualTo(company);
    }

    @Test
    @Timeout(60) // the failure this guards against is a rollback waiting forever on an open COPY
    void integrate_refusesADocumentNotYetStored_rollsBack_andDoesNotHang() {
        List<StagedRecord> records = List.of(document("GI-DOC-1", "gestimmo/" + SHA256),
                document("GI-DOC-2", null));

        Throwable thrown = catchThrowable(() -> store.integrate(run("gestimmo", Loader.DOCUMENTS, 2),
                records.stream()));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GI-DOC-2");
        assertThat(count("ingestion_runs")).isZero();
        assertThat(count("documents")).isZero();
    }

    @Test
    @Timeout(60)
    void integrate_whenTheStagedRecordsFailToRead_rollsBack_andDoesNotHang() {
        Stream<StagedRecord> failingMidway = Stream.<java.util.function.Supplier<StagedRecord>>of(
                () -> person("GI-OWN-1"),
                () -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection reset by S3"));
                }).map(java.util.function.Supplier::get);

        Throwable thrown = catchThrowable(() -> store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 2),
                failingMidway));

        assertThat(thrown).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(TABLES).allSatisfy(t -> assertThat(count(t)).as(t).isZero());
        assertThat(count("ingestion_runs")).isZero();
    }

    @Test
    void integrate_refusesAFileWhoseRecordCountDiffersFromTheRun_beforeCommitting() {
        Throwable thrown = catchThrowable(() -> store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 5),
                Stream.of(person("GI-OWN-1"))));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("accepted 5");
        assertThat(count("owners")).isZero();
        assertThat(count("ingestion_runs")).isZero();
    }

    @Test
    void integrate_storesWhereADocumentIs_notItsContent() {
        Document stored = document("GI-DOC-2026-000981", "documents/gestimmo/GI-DOC-2026-000981.pdf");

        IntegrationCounts counts = store.integrate(run("gestimmo", Loader.DOCUMENTS, 1), Stream.of(stored));

        assertThat(counts.inserted()).isEqualTo(1);
        Document read = database.jdbi().withHandle(h -> h.createQuery("""
                        select external_id, property_external_id, transaction_external_id, document_type, file_name,
                               content_type, size_bytes, sha256, storage_key
                        from documents where partner_id = 'gestimmo'""")
                .map((rs, ctx) -> new Document(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), null, rs.getString(9)))
                .one());
        assertThat(read).isEqualTo(stored.stored(stored.storageKey()));
    }

    @Test
    void integrate_ofAThousandRecords_insertsThemAll() {
        List<StagedRecord> many = IntStream.range(0, 1_000)
                .mapToObj(i -> (StagedRecord) property("PRP-" + i, "OWN-" + (i % 10), "Lot " + i)).toList();

        IntegrationCounts counts = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1_000), many.stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(1_000, 0, 0, 0));
        assertThat(count("properties")).isEqualTo(1_000);
    }

    // ---------------------------------------------------------------------------------------------- snapshots

    /** Each file of these tests has its own content: the same content twice is another rule, tested apart. */
    private static String anotherContent() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    private static IngestionRun withGuard(IngestionRun run, DeletionGuard guard) {
        return new IngestionRun(run.runId(), run.partnerId(), run.loader(), run.mode(), run.file(), run.sha256(),
                run.snapshotDate(), run.correction(), run.received(), run.accepted(), run.rejected(), run.startedAt(),
                guard);
    }

    private static IngestionRun snapshot(String partner, Loader loader, long accepted, long rejected) {
        return new IngestionRun(UUID.randomUUID().toString(), partner, loader, Mode.SNAPSHOT,
                new FileRef("qlower-ingest", "inbox/" + partner + "/" + loader.wireName() + "_20261124.json", null),
                anotherContent(), LocalDate.of(2026, 11, 24), 0, accepted + rejected, accepted, rejected,
                Instant.parse("2026-11-24T01:30:00Z"));
    }

    /** Twenty owners: one of them absent is 5 %, within the 10 % guard. */
    private static List<StagedRecord> owners(int count) {
        List<StagedRecord> owners = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            owners.add(person("GI-OWN-" + i));
        }
        return owners;
    }

    private static java.util.Map<String, Object> ownerRow(String partner, String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery("select retired_at, updated_at, last_run_id from owners "
                + "where partner_id = :p and external_id = :id").bind("p", partner).bind("id", externalId)
                .mapToMap().one());
    }

    @Test
    void snapshot_retiresAbsentRecords_whenBelowTheDeletionGuard_andLeavesTheOthersUntouched() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        var keptBefore = ownerRow("gestimmo", "GI-OWN-0");
        IngestionRun next = snapshot("gestimmo", Loader.CARACTERISTIQUES, 19, 0);

        IntegrationCounts counts = store.integrate(next, owners(20).subList(0, 19).stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 19, 1));
        assertThat(ownerRow("gestimmo", "GI-OWN-19")).containsEntry("last_run_id", next.runId())
                .extractingByKey("retired_at").isNotNull();
        assertThat(ownerRow("gestimmo", "GI-OWN-0")).isEqualTo(keptBefore);
        assertThat(count("owners")).isEqualTo(20); // retired, never deleted
    }

    @Test
    void snapshot_reactivatesARetiredRecordThatReappears() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 19, 0), owners(20).subList(0, 19).stream());

        IntegrationCounts counts = store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0),
                owners(20).stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 1, 19, 0));
        assertThat(ownerRow("gestimmo", "GI-OWN-19").get("retired_at")).isNull();
    }

    @Test
    void snapshot_thatBringsOneBack_addsOne_andLeavesOneOut_retiresExactlyTheOneLeftOut() {
        store.integrate(snapshot("other", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 19, 0), owners(20).subList(0, 19).stream());
        List<StagedRecord> next = new java.util.ArrayList<>(owners(21).subList(1, 21)); // GI-OWN-0 left out
        IngestionRun run = snapshot("gestimmo", Loader.CARACTERISTIQUES, next.size(), 0);

        IntegrationCounts counts = store.integrate(run, next.stream());

        // GI-OWN-19 back (updated), GI-OWN-20 new (inserted), GI-OWN-1..18 unchanged, GI-OWN-0 retired
        assertThat(counts).isEqualTo(new IntegrationCounts(1, 1, 18, 1));
        assertThat(ownerRow("gestimmo", "GI-OWN-0")).containsEntry("last_run_id", run.runId())
                .extractingByKey("retired_at").isNotNull();
        assertThat(ownerRow("gestimmo", "GI-OWN-19").get("retired_at")).isNull();
        assertThat(ownerRow("other", "GI-OWN-0").get("retired_at")).as("another partner's").isNull();
    }

    @Test
    void snapshot_aboveTheDeletionGuard_isRefused_andChangesNothing() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        var before = ownerRow("gestimmo", "GI-OWN-0");

        Throwable thrown = catchThrowable(() -> store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 14, 0),
                owners(20).subList(0, 14).stream().map(o -> withDisplayName((Owner) o, "Changed"))));

        assertThat(thrown).isInstanceOfSatisfying(IntegrationStore.RetirementRefused.class, refused -> {
            assertThat(refused.entity()).isEqualTo("owners");
            assertThat(refused.wouldRetire()).isEqualTo(6);
            assertThat(refused.active()).isEqualTo(20);
            assertThat(refused.guard()).isEqualTo(DeletionGuard.DEFAULT);
        });
        assertThat(ownerRow("gestimmo", "GI-OWN-0")).isEqualTo(before);
        assertThat(ownerRow("gestimmo", "GI-OWN-19").get("retired_at")).isNull();
        assertThat(count("ingestion_runs")).isEqualTo(1);
    }

    @Test
    void snapshot_retiringNoMoreThanTheFloor_isApplied_evenAboveTheShare() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());

        IntegrationCounts counts = store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 15, 0),
                owners(20).subList(0, 15).stream());

        assertThat(counts.retired()).as("5 of 20 is 25 %, within the floor of 5").isEqualTo(5);
    }

    @Test
    void snapshot_leavingOutMoreThanTheGuardOfTheRecordsActiveBefore_isRefused_evenIfItAddsNewOnes() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 50, 0), owners(50).stream());
        List<StagedRecord> rekeyed = new java.util.ArrayList<>(owners(50).subList(0, 44));
        for (int i = 0; i < 20; i++) {
            rekeyed.add(person("GI-NEW-" + i));
        }

        // 6 of the 50 active before is 12 %, beyond 10 % and the floor of 5; of the 70 active once the new ones
        // are in, it would be 8.6 %
        Throwable thrown = catchThrowable(() -> store.integrate(
                snapshot("gestimmo", Loader.CARACTERISTIQUES, 64, 0), rekeyed.stream()));

        assertThat(thrown).isInstanceOfSatisfying(IntegrationStore.RetirementRefused.class, refused -> {
            assertThat(refused.wouldRetire()).isEqualTo(6);
            assertThat(refused.active()).isEqualTo(50);
        });
        assertThat(count("owners")).as("nothing applied").isEqualTo(50);
    }

    @Test
    void snapshot_isGuardedByItsRunsGuard_thePartnersOwn() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        IngestionRun shareOnly = withGuard(snapshot("gestimmo", Loader.CARACTERISTIQUES, 19, 0),
                new DeletionGuard(1, 0));

        Throwable thrown = catchThrowable(() -> store.integrate(shareOnly, owners(20).subList(0, 19).stream()));

        assertThat(thrown).isInstanceOfSatisfying(IntegrationStore.RetirementRefused.class,
                refused -> assertThat(refused.guard()).isEqualTo(new DeletionGuard(1, 0)));
    }

    @Test
    void emptySnapshot_whereRecordsExist_isRefused() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());

        Throwable thrown = catchThrowable(() -> store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 0, 0),
                Stream.empty()));

        assertThat(thrown).isInstanceOfSatisfying(IntegrationStore.RetirementRefused.class,
                refused -> assertThat(refused.wouldRetire()).isEqualTo(20));
    }

    @Test
    void snapshot_aboveTheGuard_isApplied_onceAnOperatorAuthorizedIt() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        database.jdbi().useHandle(h -> h.execute("insert into retirement_authorizations (partner_id, loader, "
                + "snapshot_date, authorized_by, reason) values ('gestimmo', 'caracteristiques', '2026-11-24', "
                + "'ops@qlower', 'partner closed 6 mandates')"));
        IngestionRun authorized = snapshot("gestimmo", Loader.CARACTERISTIQUES, 14, 0);

        IntegrationCounts counts = store.integrate(authorized, owners(20).subList(0, 14).stream());

        assertThat(counts.retired()).isEqualTo(6);
        String usedBy = database.jdbi().withHandle(h -> h.createQuery(
                "select used_by_run_id from retirement_authorizations").mapTo(String.class).one());
        assertThat(usedBy).isEqualTo(authorized.runId());
        // used once: the next snapshot below the guard is checked again
        Throwable again = catchThrowable(() -> store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 0, 0),
                Stream.empty()));
        assertThat(again).isInstanceOf(IntegrationStore.RetirementRefused.class);
    }

    @Test
    void snapshotWithRejectedRecords_retiresNothing_andSaysSo() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());

        IntegrationCounts counts = store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 19, 1),
                owners(20).subList(0, 19).stream());

        assertThat(counts.retired()).isZero();
        assertThat(counts.retirementSkipped()).isTrue();
        assertThat(ownerRow("gestimmo", "GI-OWN-19").get("retired_at")).isNull();
    }

    @Test
    void snapshot_neverRetiresAnotherPartnersRecords_norDeltasAnything() {
        store.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());
        store.integrate(snapshot("other-partner", Loader.CARACTERISTIQUES, 20, 0), owners(20).stream());

        IntegrationCounts delta = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1),
                Stream.of(person("GI-OWN-0")));
        IntegrationCounts snapshot = store.integrate(snapshot("other-partner", Loader.CARACTERISTIQUES, 19, 0),
                owners(20).subList(0, 19).stream());

        assertThat(delta.retired()).isZero();
        assertThat(snapshot.retired()).isEqualTo(1);
        assertThat(ownerRow("gestimmo", "GI-OWN-19").get("retired_at")).isNull();
        assertThat(ownerRow("other-partner", "GI-OWN-19").get("retired_at")).isNotNull();
    }

    // ---------------------------------------------------------------------------------------------- ordering

    private static IngestionRun snapshotOf(LocalDate date, int correction, String sha256, long accepted) {
        return new IngestionRun(UUID.randomUUID().toString(), "gestimmo", Loader.CARACTERISTIQUES, Mode.SNAPSHOT,
                new FileRef("qlower-ingest", "inbox/gestimmo/caracteristiques_" + date.toString().replace("-", "")
                        + (correction > 0 ? "_0" + correction : "") + ".json", null),
                sha256, date, correction, accepted, accepted, 0, Instant.parse("2026-11-24T01:30:00Z"));
    }

    @Test
    void olderSnapshot_arrivingLate_isRefusedAsStale_andChangesNothing() {
        store.integrate(snapshotOf(LocalDate.of(2026, 11, 24), 0, anotherContent(), 20), owners(20).stream());

        Throwable thrown = catchThrowable(() -> store.integrate(
                snapshotOf(LocalDate.of(2026, 11, 23), 0, anotherContent(), 1),
                Stream.of(withDisplayName(person("GI-OWN-0"), "Yesterday's name"))));

        assertThat(thrown).isInstanceOfSatisfying(IntegrationStore.StaleSnapshot.class,
                stale -> assertThat(stale.lastDate()).isEqualTo(LocalDate.of(2026, 11, 24)));
        String name = database.jdbi().withHandle(h -> h.createQuery(
                "select display_name from owners where external_id = 'GI-OWN-0'").mapTo(String.class).one());
        assertThat(name).isEqualTo("Rousseau Hélène");
    }

    @Test
    void sameDayCorrection_appliesOverTheEarlierSnapshot_butNotTheOtherWayRound() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        store.integrate(snapshotOf(day, 0, anotherContent(), 20), owners(20).stream());

        IntegrationCounts corrected = store.integrate(snapshotOf(day, 2, anotherContent(), 20),
                owners(20).stream().map(o -> o.externalId().equals("GI-OWN-3")
                        ? withDisplayName((Owner) o, "Corrected") : o));
        Throwable earlierCorrection = catchThrowable(() -> store.integrate(snapshotOf(day, 1, anotherContent(), 20),
                owners(20).stream()));

        assertThat(corrected.updated()).isEqualTo(1);
        assertThat(earlierCorrection).isInstanceOfSatisfying(IntegrationStore.StaleSnapshot.class,
                stale -> assertThat(stale.lastCorrection()).isEqualTo(2));
    }

    @Test
    void sameContentAgain_afterACorrection_isApplied_andNamesTheEarlierFile() {
        String content = anotherContent();
        IngestionRun first = snapshotOf(LocalDate.of(2026, 11, 24), 0, content, 20);
        store.integrate(first, owners(20).stream());
        store.integrate(snapshotOf(LocalDate.of(2026, 11, 24), 1, anotherContent(), 20), owners(20).stream()
                .map(o -> o.externalId().equals("GI-OWN-3") ? withDisplayName((Owner) o, "Corrected") : o));

        IngestionRun again = snapshotOf(LocalDate.of(2026, 11, 24), 2, content, 20);
        IntegrationCounts counts = store.integrate(again, owners(20).stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 1, 19, 0, false, first.file().key(), List.of()));
        assertThat(ownerRow("gestimmo", "GI-OWN-3").get("display_name")).isNotEqualTo("Corrected");
        long runs = database.jdbi().withHandle(h -> h.createQuery(
                "select count(*) from ingestion_runs where sha256 = :sha").bind("sha", content)
                .mapTo(Long.class).one());
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void sameContentTwiceInARow_changesNothingTheSecondTime() {
        String content = anotherContent();
        IngestionRun first = snapshotOf(LocalDate.of(2026, 11, 24), 0, content, 20);
        store.integrate(first, owners(20).stream());
        var before = ownerRow("gestimmo", "GI-OWN-0");

        IntegrationCounts counts = store.integrate(snapshotOf(LocalDate.of(2026, 11, 25), 0, content, 20),
                owners(20).stream());

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 20, 0, false, first.file().key(), List.of()));
        assertThat(ownerRow("gestimmo", "GI-OWN-0")).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------------- failures

    @Test
    @Timeout(120)
    void connectionLostMidFile_leavesNoPartialCommit_andTheRetryCompletesWithoutDuplicates() {
        IngestionRun run = run("gestimmo", Loader.CARACTERISTIQUES, 1_000);
        List<StagedRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(property("GI-PRP-" + i, "GI-OWN-1", "Bien " + i));
        }
        // at the 500th record, the server drops the integrating connection (as a failover or a restart would)
        Stream<StagedRecord> failingMidway = java.util.stream.IntStream.range(0, records.size()).mapToObj(i -> {
            if (i == 500) {
                // a connection of its own: Jdbi would lend this thread's open handle, the one in COPY
                try (var admin = java.sql.DriverManager.getConnection(testDatabase.url());
                     var statement = admin.createStatement()) {
                    statement.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                            + "where datname = current_database() and pid <> pg_backend_pid() "
                            + "and backend_type = 'client backend'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return records.get(i);
        });

        Throwable thrown = catchThrowable(() -> store.integrate(run, failingMidway));

        assertThat(thrown).isInstanceOf(com.qlower.loaders.errors.TransientFailure.class);
        assertThat(count("properties")).isZero();
        assertThat(count("ingestion_runs")).isZero();

        IntegrationCounts retried = store.integrate(run, records.stream());

        assertThat(retried).isEqualTo(new IntegrationCounts(1_000, 0, 0, 0));
        assertThat(count("properties")).isEqualTo(1_000);
        assertThat(count("ingestion_runs")).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- concurrency

    @Test
    @Timeout(120)
    void twoFilesOfOnePartnerAndLoader_integrateOneAfterTheOther_underTheAdvisoryLock() throws Exception {
        IngestionRun runA = run("gestimmo", Loader.CARACTERISTIQUES, 3);
        IngestionRun runB = run("gestimmo", Loader.CARACTERISTIQUES, 2);
        // B changes a row that A inserts: a merge of B that did not wait for A's commit would miss it
        List<StagedRecord> recordsB = List.of(withDisplayName(person("GI-OWN-2"), "Rousseau Hélène (B)"),
                person("GI-OWN-4"));
        CountDownLatch aPaused = new CountDownLatch(1);
        CountDownLatch resumeA = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<IntegrationCounts> a = CompletableFuture.supplyAsync(() -> store.integrate(runA,
                    pausingAfterTheFirst(List.of(person("GI-OWN-1"), person("GI-OWN-2"), person("GI-OWN-3")),
                            aPaused, resumeA)), executor);
            assertThat(aPaused.await(30, TimeUnit.SECONDS)).as("A reached its second record").isTrue();

            CompletableFuture<IntegrationCounts> b = CompletableFuture.supplyAsync(
                    () -> store.integrate(runB, recordsB.stream()), executor);

            // B waits on the advisory lock that A's open transaction holds, at its first statement (on a busy
            // machine its activity can still read as the set-up of its new connection for a moment: not counted)
            List<String> waiting = awaitRows(Duration.ofSeconds(30), """
                    select a.query from pg_locks w join pg_stat_activity a on a.pid = w.pid
                    where a.query not like 'SET application_name%'
                    and w.locktype = 'advisory' and not w.granted and w.database = (
                        select oid from pg_database where datname = current_database())
                        and exists (select 1 from pg_locks h where h.locktype = 'advisory' and h.granted
                            and h.classid = w.classid and h.objid = w.objid and h.objsubid = w.objsubid
                            and h.pid <> w.pid)""");
            assertThat(waiting).singleElement(InstanceOfAssertFactories.STRING)
                    .contains("pg_advisory_xact_lock");
            assertThat(b).as("B, while A holds the lock").isNotDone();
            assertThat(a).as("A, paused mid-file").isNotDone();
            assertThat(runRows(runB.runId())).as("B's run row while it waits").isZero();
            assertThat(count("owners")).isZero();

            resumeA.countDown();

            assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(new IntegrationCounts(3, 0, 0, 0));
            // B's merge saw A's committed GI-OWN-2: it ran after A's commit, not beside it
            assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(new IntegrationCounts(1, 1, 0, 0));
            assertThat(runRows(runA.runId())).isEqualTo(1);
            assertThat(runRows(runB.runId())).isEqualTo(1);
            assertThat(externalIds("owners", "gestimmo"))
                    .containsExactly("GI-OWN-1", "GI-OWN-2", "GI-OWN-3", "GI-OWN-4");
            assertThat(displayName("gestimmo", "GI-OWN-2")).isEqualTo("Rousseau Hélène (B)");
            assertThat(stamps("gestimmo")).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().lastRunId())
                    .containsExactlyInAnyOrder("owners/GI-OWN-1=" + runA.runId(), "owners/GI-OWN-2=" + runB.runId(),
                            "owners/GI-OWN-3=" + runA.runId(), "owners/GI-OWN-4=" + runB.runId());
        } finally {
            resumeA.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).as("integrations finished").isTrue();
        }
    }

    @Test
    @Timeout(120)
    void filesOfTwoPartners_integrateInParallel() throws Exception {
        IngestionRun runA = run("gestimmo", Loader.CARACTERISTIQUES, 3);
        IngestionRun runB = run("immopro", Loader.CARACTERISTIQUES, 2);
        CountDownLatch aPaused = new CountDownLatch(1);
        CountDownLatch resumeA = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<IntegrationCounts> a = CompletableFuture.supplyAsync(() -> store.integrate(runA,
                    pausingAfterTheFirst(List.of(person("GI-OWN-1"), person("GI-OWN-2"), person("GI-OWN-3")),
                            aPaused, resumeA)), executor);
            assertThat(aPaused.await(30, TimeUnit.SECONDS)).as("A reached its second record").isTrue();

            CompletableFuture<IntegrationCounts> b = CompletableFuture.supplyAsync(
                    () -> store.integrate(runB, Stream.of(person("IP-OWN-1"), person("IP-OWN-2"))), executor);

            // B commits while A's transaction is still open, paused mid-file
            assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(new IntegrationCounts(2, 0, 0, 0));
            assertThat(a).as("A, paused mid-file").isNotDone();
            assertThat(runRows(runB.runId())).isEqualTo(1);
            assertThat(externalIds("owners", "immopro")).containsExactly("IP-OWN-1", "IP-OWN-2");
            assertThat(runRows(runA.runId())).as("A's run row, not committed yet").isZero();

            resumeA.countDown();

            assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(new IntegrationCounts(3, 0, 0, 0));
            assertThat(runRows(runA.runId())).isEqualTo(1);
            assertThat(externalIds("owners", "gestimmo")).containsExactly("GI-OWN-1", "GI-OWN-2", "GI-OWN-3");
            assertThat(externalIds("owners", "immopro")).containsExactly("IP-OWN-1", "IP-OWN-2");
        } finally {
            resumeA.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).as("integrations finished").isTrue();
        }
    }

    /**
     * The records, pausing before the second: the integration's transaction is then open, its lock taken, its COPY
     * under way. {@code paused} opens when it gets there; it goes on once {@code resume} opens.
     */
    private static Stream<StagedRecord> pausingAfterTheFirst(List<StagedRecord> records, CountDownLatch paused,
                                                             CountDownLatch resume) {
        return IntStream.range(0, records.size()).mapToObj(i -> {
            if (i == 1) {
                paused.countDown();
                try {
                    if (!resume.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never resumed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return records.get(i);
        });
    }

    /** Polls a query on a connection of its own until it returns rows, or the time is up (then: none). */
    private static List<String> awaitRows(Duration within, String sql) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<String> rows = database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
            if (!rows.isEmpty() || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(20);
        }
    }

    private static long runRows(String runId) {
        return database.jdbi().withHandle(h -> h.createQuery("select count(*) from ingestion_runs where run_id = :r")
                .bind("r", runId).mapTo(Long.class).one());
    }

    // ------------------------------------------------------------------------------ delta retirements, erasure

    @Test
    void deltaRetirements_retireWhatIsActive_andCountTheRestUnchanged() {
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 3), Stream.of(person("GI-OWN-1"),
                property("GI-PRP-1", "GI-OWN-1", "a"), property("GI-PRP-2", "GI-OWN-1", "b")));

        IntegrationCounts counts = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 3), Stream.of(
                new Retirement(Retirement.Kind.PROPERTY, "GI-PRP-1"),
                new Retirement(Retirement.Kind.PROPERTY, "GI-PRP-UNKNOWN"),
                new Retirement(Retirement.Kind.OWNER, "GI-PRP-2"))); // a property's id, named as an owner

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 2, 1));
        List<String> retired = database.jdbi().withHandle(h -> h.createQuery("select external_id from properties "
                + "where retired_at is not null").mapTo(String.class).list());
        assertThat(retired).containsExactly("GI-PRP-1");
        assertThat(count("owners")).isEqualTo(1);
    }

    @Test
    void erasure_deletesTheOwnerAndTheirRows_leavesTheS3WorkPending_thenForgetsTheOwnersIds() {
        IngestionRun first = run("gestimmo", Loader.CARACTERISTIQUES, 4);
        store.integrate(first, Stream.of(person("GI-OWN-1"), person("GI-OWN-2"),
                property("GI-PRP-1", "GI-OWN-1", "a"), property("GI-PRP-2", "GI-OWN-2", "b")));
        IngestionRun erasing = run("gestimmo", Loader.CARACTERISTIQUES, 1);

        IntegrationCounts counts = store.integrate(erasing, Stream.of(new ErasureRequest("GI-OWN-1", "RGPD-7",
                OffsetDateTime.parse("2026-11-20T10:00:00+01:00"))));

        assertThat(counts.erasures()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ErasureOutcome.Status.APPLIED);
            assertThat(List.of(e.owners(), e.properties(), e.files())).containsExactly(1L, 1L, 1L);
        });
        assertThat(externalIds("owners", "gestimmo")).containsExactly("GI-OWN-2");
        assertThat(externalIds("properties", "gestimmo")).containsExactly("GI-PRP-2");
        List<Purge> pending = store.pendingPurges(erasing.runId());
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Purge.Kind.RUN_FILES);
            assertThat(p.runId()).isEqualTo(first.runId());
            assertThat(p.ownerExternalId()).isEqualTo("GI-OWN-1");
            assertThat(p.propertyExternalIds()).containsExactly("GI-PRP-1");
        });

        store.purged(pending.get(0).id());

        assertThat(store.pendingPurges(erasing.runId())).isEmpty();
        long doneAndForgotten = database.jdbi().withHandle(h -> h.createQuery("select count(*) from erasure_purges "
                + "where owner_external_id is null and property_external_ids is null and done_at is not null")
                .mapTo(Long.class).one());
        boolean erasurePurged = database.jdbi().withHandle(h -> h.createQuery(
                "select purged_at is not null from erasures").mapTo(Boolean.class).one());
        assertThat(doneAndForgotten).isEqualTo(1);
        assertThat(erasurePurged).isTrue();
    }

    @Test
    void fileCheckedBeforeAnErasureCommitted_sendingTheErasedOwner_isRefusedWhole_untilTheErasureIsLifted() {
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 3), Stream.of(person("GI-OWN-1"),
                person("GI-OWN-2"), property("GI-PRP-1", "GI-OWN-1", "a")));
        store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1), Stream.of(new ErasureRequest("GI-OWN-1",
                "RGPD-10", OffsetDateTime.parse("2026-11-20T10:00:00+01:00"))));
        // transformed while the erasure was not yet committed: nothing rejected the owner's records
        IngestionRun late = run("gestimmo", Loader.CARACTERISTIQUES, 3);

        Throwable refused = catchThrowable(() -> store.integrate(late, Stream.of(person("GI-OWN-1"),
                person("GI-OWN-2"), property("GI-PRP-1", "GI-OWN-1", "a"))));

        assertThat(refused).isInstanceOfSatisfying(IntegrationStore.ErasedOwnerSent.class,
                e -> assertThat(e.records()).isEqualTo(2));
        assertThat(externalIds("owners", "gestimmo")).containsExactly("GI-OWN-2");
        assertThat(count("properties")).isZero();
        long lateRuns = database.jdbi().withHandle(h -> h.createQuery("select count(*) from ingestion_runs "
                + "where run_id = :run").bind("run", late.runId()).mapTo(Long.class).one());
        assertThat(lateRuns).isZero();

        database.jdbi().useHandle(h -> h.execute("update erasures set lifted_at = now() where partner_id = ? "
                + "and owner_hash = encode(sha256(convert_to('gestimmo/GI-OWN-1', 'UTF8')), 'hex')", "gestimmo"));
        IntegrationCounts applied = store.integrate(late, Stream.of(person("GI-OWN-1"), person("GI-OWN-2"),
                property("GI-PRP-1", "GI-OWN-1", "a")));

        assertThat(applied.inserted()).isEqualTo(2);
    }

    @Test
    void erasure_ofAnOwnerNeverSent_doesNothing_andSaysSo() {
        IntegrationCounts counts = store.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1), Stream.of(
                new ErasureRequest("GI-OWN-NEVER", "RGPD-8", OffsetDateTime.parse("2026-11-20T10:00:00+01:00"))));

        assertThat(counts.erasures()).singleElement().extracting(ErasureOutcome::status)
                .isEqualTo(ErasureOutcome.Status.OWNER_UNKNOWN);
        assertThat(count("erasures")).isZero();
    }

    // ------------------------------------------------------------------------------------ the functions' role

    @Test
    void theFunctionsRole_integratesASnapshot_retiresAndErases_withoutOwningTheTables() throws Exception {
        database.jdbi().useHandle(h -> h.execute("do $$ begin if not exists (select 1 from pg_roles "
                + "where rolname = 'loaders_functions') then create role loaders_functions login "
                + "in role qlower_loaders_app; end if; end $$"));
        PostgresIntegrationStore asTheFunctions = new PostgresIntegrationStore(new Database(
                new DatabaseConfig(testDatabase.urlAs("loaders_functions"), "loaders_functions", null)));
        String owner = database.jdbi().withHandle(h -> h.createQuery(
                "select tableowner from pg_tables where tablename = 'properties'").mapTo(String.class).one());
        assertThat(owner).as("precondition: the tables are not the role's").isNotEqualTo("loaders_functions");

        IntegrationCounts first = asTheFunctions.integrate(snapshot("gestimmo", Loader.CARACTERISTIQUES, 5, 0),
                caracteristiques().stream());
        IntegrationCounts erased = asTheFunctions.integrate(run("gestimmo", Loader.CARACTERISTIQUES, 1),
                Stream.of(new ErasureRequest("GI-OWN-000587", "RGPD-9",
                        OffsetDateTime.parse("2026-11-20T10:00:00+01:00"))));

        assertThat(first.inserted()).isEqualTo(5);
        assertThat(erased.erasures()).singleElement().extracting(ErasureOutcome::status)
                .isEqualTo(ErasureOutcome.Status.APPLIED);
        assertThat(count("properties")).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private record Stamps(OffsetDateTime createdAt, OffsetDateTime updatedAt, String lastRunId) {
    }

    private static IngestionRun run(String partner, Loader loader, long accepted) {
        return new IngestionRun(UUID.randomUUID().toString(), partner, loader, Mode.DELTA,
                new FileRef("qlower-ingest", "inbox/" + partner + "/" + loader.wireName() + "_20261123.json", null),
                anotherContent(), LocalDate.of(2026, 11, 23), 0, accepted, accepted, 0,
                Instant.parse("2026-11-23T01:30:00Z"));
    }

    /** The owners and properties of the sample caracteristiques file, as the transformer stages them. */
    private static List<StagedRecord> caracteristiques() {
        Address marseille = new Address("27 rue Edmond Rostand", null, "13006", "Marseille", "FR");
        Address paradis = new Address("48 rue Paradis", "Bât. B, 3e étage, porte droite", "13006", "Marseille", "FR");
        return List.of(
                new Owner("GI-OWN-000412", "person", "Hélène", "Rousseau", null, "Rousseau Hélène", null,
                        "helene.rousseau@example.fr", "+33 6 39 98 12 34", marseille),
                new Owner("GI-OWN-000587", "company", null, null, "SCI Les Tilleuls", "SCI Les Tilleuls",
                        "914528732", "gerance.sci-tilleuls@example.fr", null,
                        new Address("5 place Bellecour", "c/o Antoine Garnier, gérant", "69002", "Lyon", "FR")),
                new Property("GI-PRP-001203", "GI-OWN-000412", "Marseille 6e - T2 meublé rue Paradis", paradis,
                        "apartment", "lmnp", LocalDate.of(2019, 6, 14), 18_500_000L, 1_387_550L, 650_000L,
                        new BigDecimal("15"), 842_000L, new BigDecimal("42.5"), LocalDate.of(2019, 9, 1),
                        20_537_550L, 16_614_917L),
                new Property("GI-PRP-001204", "GI-OWN-000412", "Marseille 6e - parking résidence Paradis",
                        new Address("48 rue Paradis", "Sous-sol, place n° 17", "13006", "Marseille", "FR"),
                        "parking", "nu", LocalDate.of(2019, 6, 14), 1_800_000L, 145_000L, null, null, null,
                        new BigDecimal("12.5"), LocalDate.of(2019, 10, 1), 1_945_000L, null),
                new Property("GI-PRP-001377", "GI-OWN-000587", "Lyon 5e - T3 quai Pierre Scize",
                        new Address("12 quai Pierre Scize", "Lot 4", "69005", "Lyon", "FR"), "apartment", "sci_is",
                        LocalDate.of(2021, 3, 30), 26_400_000L, 1_985_000L, 900_000L, new BigDecimal("20"), null,
                        new BigDecimal("68"), LocalDate.of(2021, 5, 1), 29_285_000L, 23_428_000L));
    }

    private static Owner person(String externalId) {
        return new Owner(externalId, "person", "Hélène", "Rousseau", null, "Rousseau Hélène", null,
                "helene.rousseau@example.fr", "+33 6 39 98 12 34",
                new Address("27 rue Edmond Rostand", null, "13006", "Marseille", "FR"));
    }

    private static Property property(String externalId, String owner, String label) {
        return new Property(externalId, owner, label, new Address("48 rue Paradis", null, "13006", "Marseille", "FR"),
                "apartment", "lmnp", LocalDate.of(2019, 6, 14), 18_500_000L, null, null, null, null, null, null,
                18_500_000L, null);
    }

    private static Document document(String externalId, String storageKey) {
        return new Document(externalId, "GI-PRP-001203", "GI-TRX-20261106-0011", "invoice",
                "facture_plomberie_F-2026-1187.pdf", "application/pdf", 1125, SHA256, null, storageKey);
    }

    private static Property withLabel(Property p, String label) {
        return new Property(p.externalId(), p.ownerExternalId(), label, p.address(), p.propertyType(),
                p.rentalRegime(), p.acquisitionDate(), p.acquisitionPriceCents(), p.notaryFeesCents(),
                p.agencyFeesCents(), p.landSharePct(), p.furnitureValueCents(), p.surfaceM2(), p.rentalStartDate(),
                p.totalCostCents(), p.depreciableBaseCents());
    }

    private static Owner withDisplayName(Owner o, String displayName) {
        return new Owner(o.externalId(), o.kind(), o.firstName(), o.lastName(), o.companyName(), displayName,
                o.siren(), o.email(), o.phone(), o.address());
    }

    // ---------------------------------------------------------------------------------------------- queries

    private static long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("select count(*) from " + table)
                .mapTo(Long.class).one());
    }

    private static List<String> externalIds(String table, String partner) {
        return database.jdbi().withHandle(h -> h.createQuery("select external_id from " + table
                        + " where partner_id = :p order by external_id")
                .bind("p", partner).mapTo(String.class).list());
    }

    private static List<String> lastRunIds(String table, String partner) {
        return database.jdbi().withHandle(h -> h.createQuery("select last_run_id from " + table
                        + " where partner_id = :p")
                .bind("p", partner).mapTo(String.class).list());
    }

    /** inserted, updated, unchanged of a run's row. */
    private static List<Long> runCounts(String runId) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "select inserted, updated, unchanged from ingestion_runs where run_id = :r")
                .bind("r", runId)
                .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
    }

    /** When each business row of a partner was created and changed, and by which run: "table/external_id". */
    private static Map<String, Stamps> stamps(String partner) {
        return database.jdbi().withHandle(h -> TABLES.stream()
                .flatMap(t -> h.createQuery("select external_id, created_at, updated_at, last_run_id from " + t
                                + " where partner_id = :p")
                        .bind("p", partner)
                        .map((rs, ctx) -> Map.entry(t + "/" + rs.getString(1),
                                new Stamps(rs.getObject(2, OffsetDateTime.class),
                                        rs.getObject(3, OffsetDateTime.class), rs.getString(4))))
                        .list().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.TreeMap::new)));
    }

    private static String label(String partner, String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "select label from properties where partner_id = :p and external_id = :id")
                .bind("p", partner).bind("id", externalId).mapTo(String.class).one());
    }

    private static String displayName(String partner, String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "select display_name from owners where partner_id = :p and external_id = :id")
                .bind("p", partner).bind("id", externalId).mapTo(String.class).one());
    }

    private static Property readProperty(String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        select external_id, owner_external_id, label, address_line1, address_line2, postal_code,
                               city, country, property_type, rental_regime, acquisition_date,
                               acquisition_price_cents, notary_fees_cents, agency_fees_cents, land_share_pct,
                               furniture_value_cents, surface_m2, rental_start_date, total_cost_cents,
                               depreciable_base_cents
                        from properties where partner_id = 'gestimmo' and external_id = :id""")
                .bind("id", externalId)
                .map((rs, ctx) -> new Property(rs.getString(1), rs.getString(2), rs.getString(3),
                        new Address(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)),
                        rs.getString(9), rs.getString(10), rs.getObject(11, LocalDate.class), rs.getLong(12),
                        rs.getObject(13, Long.class), rs.getObject(14, Long.class), rs.getBigDecimal(15),
                        rs.getObject(16, Long.class), rs.getBigDecimal(17), rs.getObject(18, LocalDate.class),
                        rs.getLong(19), rs.getObject(20, Long.class)))
                .one());
    }

    private static Transaction readTransaction(String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        select external_id, property_external_id, booked_on, value_date, amount_cents, currency,
                               label, counterparty, category, category_source, account_code, bank_account_iban
                        from transactions where partner_id = 'gestimmo' and external_id = :id""")
                .bind("id", externalId)
                .map((rs, ctx) -> new Transaction(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getLong(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), TransactionCategory.fromWireName(rs.getString(9)),
                        Transaction.CategorySource.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12)))
                .one());
    }

    private static Owner readOwner(String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        select external_id, kind, first_name, last_name, company_name, display_name, siren, email,
                               phone, address_line1, address_line2, postal_code, city, country
                        from owners where partner_id = 'gestimmo' and external_id = :id""")
                .bind("id", externalId)
                .map((rs, ctx) -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10) == null ? null : new Address(rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13), rs.getString(14))))
                .one());
    }
}
