package com.qlower.loaders.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Address;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.domain.Owner;
import com.qlower.loaders.domain.Property;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.ports.ErasureOutcome;
import com.qlower.loaders.ports.IngestionRun;
import com.qlower.loaders.ports.IntegrationCounts;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.Purge;
import com.qlower.loaders.steps.FileRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IntegrationStore}, run against each store: the PostgreSQL one and the in-memory one the core
 * tests use, so that what the core tests learn from the fake holds for the real thing. A subclass gives a store
 * whose partner "contract" has no data yet.
 */
public abstract class IntegrationStoreContract {

    private static final String PARTNER = "contract";

    /** A store holding nothing of the partner "contract". */
    protected abstract IntegrationStore emptyStore();

    @Test
    void delta_insertsNewRecords_leavesEqualOnesAlone_andUpdatesChangedOnes() {
        IntegrationStore store = emptyStore();
        assertThat(integrate(store, delta(), owner("O1"), owner("O2"))).isEqualTo(new IntegrationCounts(2, 0, 0, 0));

        IntegrationCounts again = integrate(store, delta(), owner("O1"), ownerNamed("O2", "Renamed"), owner("O3"));

        assertThat(again).isEqualTo(new IntegrationCounts(1, 1, 1, 0));
    }

    @Test
    void aRunAlreadyIntegrated_changesNothing_andAnswersTheCountsOfTheFirstTime() {
        IntegrationStore store = emptyStore();
        IngestionRun run = delta();
        IntegrationCounts first = integrate(store, run, owner("O1"), owner("O2"));

        IntegrationCounts retried = integrate(store, run, owner("O1"), owner("O2"));

        assertThat(retried).isEqualTo(first);
        assertThat(integrate(store, delta(), owner("O1"))).as("still there, unchanged")
                .isEqualTo(new IntegrationCounts(0, 0, 1, 0));
    }

    @Test
    void theSameExternalIdTwice_isRefused_andNothingOfTheFileIsApplied() {
        IntegrationStore store = emptyStore();

        Throwable refused = catchThrowable(() -> integrate(store, delta(), owner("O1"), owner("O2"), owner("O1")));

        assertThat(refused).isInstanceOf(IntegrationStore.DuplicateRecords.class).hasMessageContaining("O1");
        assertThat(integrate(store, delta(), owner("O1"))).isEqualTo(new IntegrationCounts(1, 0, 0, 0));
    }

    @Test
    void aFileWhoseRecordsWentMissing_isRefused_andNothingOfItIsApplied() {
        IntegrationStore store = emptyStore();
        IngestionRun claimsThree = run(Mode.DELTA, LocalDate.of(2026, 11, 23), 0, 3, 0);

        Throwable refused = catchThrowable(() -> store.integrate(claimsThree, Stream.of(owner("O1"), owner("O2"))));

        assertThat(refused).isInstanceOf(IllegalStateException.class);
        assertThat(integrate(store, delta(), owner("O1"))).isEqualTo(new IntegrationCounts(1, 0, 0, 0));
    }

    @Test
    void aDeltaRetirement_retiresAnActiveRecord_andOneUnknownCountsAsUnchanged() {
        IntegrationStore store = emptyStore();
        integrate(store, delta(), owner("O1"));

        IntegrationCounts counts = integrate(store, delta(), new Retirement(Retirement.Kind.OWNER, "O1"),
                new Retirement(Retirement.Kind.OWNER, "NEVER-SENT"));

        assertThat(counts).isEqualTo(new IntegrationCounts(0, 0, 1, 1));
        assertThat(integrate(store, delta(), owner("O1"))).as("sent again: reactivated")
                .isEqualTo(new IntegrationCounts(0, 1, 0, 0));
    }

    @Test
    void snapshot_retiresTheRecordsItLeavesOut_withinTheDeletionGuard() {
        IntegrationStore store = withTwentyOwnersSnapshotted();

        IntegrationCounts counts = integrate(store, snapshot(24, 0, 0), owners(0, 19));

        assertThat(counts.retired()).isEqualTo(1);
        assertThat(counts.unchanged()).isEqualTo(19);
    }

    @Test
    void snapshot_beyondTheDeletionGuard_isRefused_andChangesNothing() {
        IntegrationStore store = withTwentyOwnersSnapshotted();

        Throwable refused = catchThrowable(() -> integrate(store, snapshot(24, 0, 0), owners(0, 10)));

        assertThat(refused).isInstanceOfSatisfying(IntegrationStore.RetirementRefused.class, r -> {
            assertThat(r.entity()).isEqualTo("owners");
            assertThat(r.wouldRetire()).isEqualTo(10);
            assertThat(r.active()).isEqualTo(20);
        });
        assertThat(integrate(store, delta(), owners(0, 20))).as("all still active")
                .isEqualTo(new IntegrationCounts(0, 0, 20, 0));
    }

    @Test
    void snapshot_withRejectedRecords_retiresNothing_andSaysSo() {
        IntegrationStore store = withTwentyOwnersSnapshotted();

        IntegrationCounts counts = integrate(store, snapshot(24, 0, 1), owners(0, 19));

        assertThat(counts.retired()).isZero();
        assertThat(counts.retirementSkipped()).isTrue();
    }

    @Test
    void snapshot_olderThanTheLastApplied_isRefused() {
        IntegrationStore store = emptyStore();
        integrate(store, snapshot(24, 1, 0), owner("O1"));

        Throwable refused = catchThrowable(() -> integrate(store, snapshot(24, 0, 0), owner("O1")));

        assertThat(refused).isInstanceOfSatisfying(IntegrationStore.StaleSnapshot.class, stale -> {
            assertThat(stale.lastDate()).isEqualTo(LocalDate.of(2026, 11, 24));
            assertThat(stale.lastCorrection()).isEqualTo(1);
        });
    }

    @Test
    void theSameContentAgain_isApplied_andTheEarlierFileIsNamed() {
        IntegrationStore store = emptyStore();
        IngestionRun first = delta();
        integrate(store, first, owner("O1"));
        IngestionRun again = new IngestionRun(UUID.randomUUID().toString(), PARTNER, Loader.CARACTERISTIQUES,
                Mode.DELTA, new FileRef("ingest", "inbox/contract/caracteristiques_20261125.json", null),
                first.sha256(), LocalDate.of(2026, 11, 25), 0, 1, 1, 0, Instant.parse("2026-11-25T01:00:00Z"));

        IntegrationCounts counts = integrate(store, again, owner("O1"));

        assertThat(counts.sameContentAs()).isEqualTo(first.file().key());
        assertThat(counts.unchanged()).isEqualTo(1);
    }

    @Test
    void erasure_deletesTheOwnerAndTheirProperties_thenIsAlreadyDone_andAnUnknownOwnerIsSaidSo() {
        IntegrationStore store = emptyStore();
        IngestionRun sent = delta();
        integrate(store, sent, owner("O1"), property("P1", "O1"), property("P2", "O1"), owner("O2"));
        IngestionRun erasing = delta();

        IntegrationCounts counts = integrate(store, erasing, erasure("O1", "REQ-1"), erasure("NOBODY", "REQ-2"));
        IntegrationCounts again = integrate(store, delta(), erasure("O1", "REQ-3"));

        ErasureOutcome applied = counts.erasures().get(0);
        assertThat(applied.status()).isEqualTo(ErasureOutcome.Status.APPLIED);
        assertThat(List.of(applied.owners(), applied.properties(), applied.files())).containsExactly(1L, 2L, 1L);
        assertThat(counts.erasures().get(1).status()).isEqualTo(ErasureOutcome.Status.OWNER_UNKNOWN);
        assertThat(counts.erased()).isEqualTo(2);
        assertThat(again.erasures().get(0).status()).isEqualTo(ErasureOutcome.Status.ALREADY_DONE);
        assertThat(again.erasures().get(0).erasedOn()).isNotNull();
        assertThat(integrate(store, delta(), owner("O2"))).as("another owner stays")
                .isEqualTo(new IntegrationCounts(0, 0, 1, 0));
    }

    @Test
    void erasure_leavesThePurgeOfTheFilesThatHeldTheOwner_untilEachIsMarkedDone() {
        IntegrationStore store = emptyStore();
        IngestionRun sent = delta();
        integrate(store, sent, owner("O1"), property("P1", "O1"));
        IngestionRun erasing = delta();
        integrate(store, erasing, erasure("O1", "REQ-1"));

        List<Purge> pending = store.pendingPurges(erasing.runId());

        assertThat(pending).singleElement().satisfies(purge -> {
            assertThat(purge.kind()).isEqualTo(Purge.Kind.RUN_FILES);
            assertThat(purge.runId()).isEqualTo(sent.runId());
            assertThat(purge.bucket()).isEqualTo(sent.file().bucket());
            assertThat(purge.ownerExternalId()).isEqualTo("O1");
            assertThat(purge.propertyExternalIds()).containsExactly("P1");
        });
        assertThat(store.pendingPurges(sent.runId())).isEmpty();

        store.purged(pending.get(0).id());

        assertThat(store.pendingPurges(erasing.runId())).isEmpty();
    }

    @Test
    void aCaracteristiquesFileSendingAnErasedOwner_isRefused() {
        IntegrationStore store = emptyStore();
        integrate(store, delta(), owner("O1"));
        integrate(store, delta(), erasure("O1", "REQ-1"));

        Throwable refused = catchThrowable(() -> integrate(store, delta(), owner("O1"), property("P9", "O1")));

        assertThat(refused).isInstanceOfSatisfying(IntegrationStore.ErasedOwnerSent.class,
                sent -> assertThat(sent.records()).isEqualTo(2));
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    /** Twenty owners from a snapshot of the 23rd: one of them left out is 5 %, within the guard. */
    private IntegrationStore withTwentyOwnersSnapshotted() {
        IntegrationStore store = emptyStore();
        integrate(store, snapshot(23, 0, 0), owners(0, 20));
        return store;
    }

    private static IntegrationCounts integrate(IntegrationStore store, IngestionRun run, StagedRecord... records) {
        return integrate(store, run, List.of(records));
    }

    /** A run of this many records, as the validator counted them: the file's own count. */
    private static IntegrationCounts integrate(IntegrationStore store, IngestionRun run, List<StagedRecord> records) {
        return store.integrate(withCounts(run, records.size()), records.stream());
    }

    private static IngestionRun delta() {
        return run(Mode.DELTA, LocalDate.of(2026, 11, 23), 0, -1, 0);
    }

    private static IngestionRun snapshot(int dayOfNovember, int correction, long rejected) {
        return run(Mode.SNAPSHOT, LocalDate.of(2026, 11, dayOfNovember), correction, -1, rejected);
    }

    /** @param accepted -1: as many as the file holds */
    private static IngestionRun run(Mode mode, LocalDate date, int correction, long accepted, long rejected) {
        String sha256 = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
        return new IngestionRun(UUID.randomUUID().toString(), PARTNER, Loader.CARACTERISTIQUES, mode,
                new FileRef("ingest", "inbox/contract/caracteristiques_" + date.toString().replace("-", "")
                        + (correction > 0 ? "_0" + correction : "") + ".json", null),
                sha256, date, correction, accepted + rejected, accepted, rejected, date.atTime(1, 0).toInstant(
                        java.time.ZoneOffset.UTC));
    }

    private static IngestionRun withCounts(IngestionRun run, long accepted) {
        if (run.accepted() >= 0) {
            return run;
        }
        return new IngestionRun(run.runId(), run.partnerId(), run.loader(), run.mode(), run.file(), run.sha256(),
                run.snapshotDate(), run.correction(), accepted + run.rejected(), accepted, run.rejected(),
                run.startedAt(), run.deletionGuard());
    }

    private static List<StagedRecord> owners(int from, int to) {
        List<StagedRecord> owners = new ArrayList<>();
        for (int i = from; i < to; i++) {
            owners.add(owner("O" + i));
        }
        return owners;
    }

    private static Owner owner(String externalId) {
        return ownerNamed(externalId, "Rousseau Hélène");
    }

    private static Owner ownerNamed(String externalId, String displayName) {
        return new Owner(externalId, "person", "Hélène", "Rousseau", null, displayName, null,
                "helene.rousseau@example.fr", null, new Address("27 rue Edmond Rostand", null, "13006", "Marseille",
                "FR"));
    }

    private static Property property(String externalId, String owner) {
        return new Property(externalId, owner, "T2 " + externalId,
                new Address("48 rue Paradis", null, "13006", "Marseille", "FR"), "apartment", "lmnp",
                LocalDate.of(2019, 6, 14), 18_500_000L, null, null, null, null, null, null, 18_500_000L, null);
    }

    private static ErasureRequest erasure(String owner, String reference) {
        return new ErasureRequest(owner, reference, OffsetDateTime.parse("2026-11-23T09:00:00+01:00"));
    }
}
