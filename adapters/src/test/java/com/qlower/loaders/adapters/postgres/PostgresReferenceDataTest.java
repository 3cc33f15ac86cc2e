package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.localservers.LocalPostgres;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.ReferenceData.Entity;
import com.qlower.loaders.steps.FileRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lookups the transformer makes of what a partner sent before, on a real PostgreSQL. */
class PostgresReferenceDataTest {

    private static LocalPostgres postgres;
    private static PostgresReferenceData references;

    @BeforeAll
    static void fiveOwnersOfOnePartner_oneRetired_andOneOfAnother() throws Exception {
        postgres = LocalPostgres.fresh();
        Database database = new Database(new DatabaseConfig(postgres.createDatabase("t"), LocalPostgres.USER, null));
        database.migrate();
        PostgresIntegrationStore store = new PostgresIntegrationStore(database);
        List<StagedRecord> owners = IntStream.range(0, 5).<StagedRecord>mapToObj(PostgresReferenceDataTest::owner)
                .toList();
        store.integrate(run("gestimmo", owners.size()), owners.stream());
        store.integrate(run("gestimmo", 1), java.util.stream.Stream.of(
                new Retirement(Retirement.Kind.OWNER, "OWN-4")));
        store.integrate(run("autre", 1), java.util.stream.Stream.of(owner(9)));
        references = new PostgresReferenceData(database);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void allActive_listsThePartnersActiveIds_only() {
        assertThat(references.allActive("gestimmo", Entity.OWNER, 4))
                .contains(Set.of("OWN-0", "OWN-1", "OWN-2", "OWN-3"));
        assertThat(references.allActive("gestimmo", Entity.PROPERTY, 4)).contains(Set.of());
    }

    @Test
    void allActive_isEmpty_whenThereAreMoreThanTheLimit_soThatEachIdIsLookedUp() {
        assertThat(references.allActive("gestimmo", Entity.OWNER, 3)).isEqualTo(Optional.empty());
        assertThat(references.exists("gestimmo", Entity.OWNER, "OWN-3")).isTrue();
        assertThat(references.exists("gestimmo", Entity.OWNER, "OWN-4")).isFalse();
        assertThat(references.exists("gestimmo", Entity.OWNER, "OWN-9")).isFalse();
    }

    private static Owner owner(int i) {
        return new Owner("OWN-" + i, "person", "Camille", "Martin", null, "Martin Camille", null, null, null,
                new Address("1 rue X", null, "69001", "Lyon", "FR"));
    }

    private static IngestionRun run(String partner, long accepted) {
        return new IngestionRun(UUID.randomUUID().toString(), partner, Loader.CARACTERISTIQUES, Mode.DELTA,
                new FileRef("qlower-ingest", "inbox/" + partner + "/caracteristiques_20261123.json", null),
                UUID.randomUUID().toString().replace("-", "").repeat(2), LocalDate.of(2026, 11, 23), 0, accepted,
                accepted, 0, Instant.parse("2026-11-23T01:30:00Z"));
    }
}
