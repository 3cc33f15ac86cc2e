package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.domain.Transaction;
import com.qlower.loaders.domain.TransactionCategory;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.bulkload.StagedTable;
import com.qlower.loaders.steps.FileRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transformer's staged rows go into PostgreSQL as they are, through {@code COPY}: every value, however hostile
 * to COPY's text format, reads back from the tables equal to the record staged.
 */
class StagedRowsCopyTest {

    /** Every character COPY's text format escapes, text that looks like its markers, and text beyond ASCII. */
    private static final List<String> HOSTILE = List.of("tab\there", "new\nline", "carriage\rreturn",
            "back\\slash", "\\N", "\\.", "ends with \\", "\b\f\u000b", "quote \" and ' and ,", "é à ç ÿ Œ",
            "emoji 😀 and 中文 and 𝄞", "\u007f and \u0001", "   spaces   ", "line\n\\.\nafter");

    @RegisterExtension
    static final TestDatabase testDatabase = TestDatabase.emptiedBeforeEachTest();
    private static final PostgresIntegrationStore store = new PostgresIntegrationStore(testDatabase.database());

    @Test
    void hostileValues_copiedIntoPostgreSql_readBackEqual() {
        List<StagedRecord> caracteristiques = new ArrayList<>();
        List<StagedRecord> transactions = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            caracteristiques.add(new Owner("OWN-" + i, "person", text, "Martin", null, "Martin " + text, null,
                    "a@example.com", text, new Address(text, null, "75011", "PARIS", "FR")));
            caracteristiques.add(new Property("PRP-" + i, "OWN-" + i, text, new Address("1 rue " + text, text,
                    "69001", "LYON", "FR"), "apartment", "lmnp", LocalDate.of(2019, 3, 1), 21_000_000, 1_500_000L,
                    null, new BigDecimal("12.50"), null, new BigDecimal("48.00"), null, 22_500_000, 19_687_500L));
            transactions.add(new Transaction("TRX-" + i, "PRP-" + i, LocalDate.of(2026, 11, 2),
                    LocalDate.of(2026, 11, 3), -12_345 - i, "EUR", text, "to " + text, TransactionCategory.values()[0],
                    Transaction.CategorySource.INFERRED, "6068", null, "partner " + text));
        }

        store.integrate(run(Loader.CARACTERISTIQUES, caracteristiques.size()), caracteristiques.stream());
        store.integrate(run(Loader.TRANSACTIONS, transactions.size()), transactions.stream());

        List<StagedRecord> read = new ArrayList<>();
        read.addAll(rows(StagedTable.OWNERS));
        read.addAll(rows(StagedTable.PROPERTIES));
        List<StagedRecord> expected = new ArrayList<>();
        caracteristiques.stream().filter(r -> r instanceof Owner).forEach(expected::add);
        caracteristiques.stream().filter(r -> r instanceof Property).forEach(expected::add);
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(rows(StagedTable.TRANSACTIONS)).containsExactlyElementsOf(transactions);
    }

    @Test
    void everyRow_takesTheRunsPartner_quotedAsATextLiteral() {
        String partner = "o'brien; drop table owners";
        Owner owner = new Owner("OWN-1", "person", "Ann", "Brien", null, "Brien Ann", null, null, null, null);

        store.integrate(new IngestionRun(UUID.randomUUID().toString(), partner, Loader.CARACTERISTIQUES, Mode.DELTA,
                new FileRef("qlower-ingest", "inbox/x/caracteristiques_20261123.json", null),
                UUID.randomUUID().toString().replace("-", "").repeat(2), LocalDate.of(2026, 11, 23), 0, 1, 1, 0,
                Instant.parse("2026-11-23T01:30:00Z")), java.util.stream.Stream.of(owner));

        List<String> partners = testDatabase.jdbi().withHandle(h -> h.createQuery("select partner_id from owners")
                .mapTo(String.class).list());
        assertThat(partners).containsExactly(partner);
    }

    /** The partner's rows of a table, read back through the staged format's own reading, by external id. */
    private static List<StagedRecord> rows(StagedTable table) {
        String columns = "external_id, " + String.join(", ", table.columns());
        return testDatabase.jdbi().withHandle(h -> h.createQuery("select " + columns + " from " + table.table()
                        + " where partner_id = 'gestimmo' order by length(external_id), external_id")
                .map((rs, ctx) -> table.read(IntStream.rangeClosed(1, table.columns().size() + 1)
                        .mapToObj(i -> {
                            try {
                                return rs.getString(i);
                            } catch (java.sql.SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        }).toList()))
                .list());
    }

    private static IngestionRun run(Loader loader, long accepted) {
        return new IngestionRun(UUID.randomUUID().toString(), "gestimmo", loader, Mode.DELTA,
                new FileRef("qlower-ingest", "inbox/gestimmo/" + loader.wireName() + "_20261123.json", null),
                UUID.randomUUID().toString().replace("-", "").repeat(2), LocalDate.of(2026, 11, 23), 0, accepted,
                accepted, 0, Instant.parse("2026-11-23T01:30:00Z"));
    }
}
