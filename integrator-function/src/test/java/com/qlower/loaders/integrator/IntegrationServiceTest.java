package com.qlower.loaders.integrator;

import static com.qlower.loaders.integrator.StagedRuns.DOCUMENTS_BUCKET;
import static com.qlower.loaders.integrator.StagedRuns.INGEST_BUCKET;
import static com.qlower.loaders.integrator.StagedRuns.PARTNER;
import static com.qlower.loaders.integrator.StagedRuns.document;
import static com.qlower.loaders.integrator.StagedRuns.erasure;
import static com.qlower.loaders.integrator.StagedRuns.owner;
import static com.qlower.loaders.integrator.StagedRuns.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.Document;
import com.qlower.loaders.domain.Retirement;
import com.qlower.loaders.domain.StagedRecord;
import com.qlower.loaders.errors.CommittedNotReported;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.testing.InMemoryIntegrationStore;
import com.qlower.loaders.testing.InMemoryObjectStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The integration service on its own, over the in-memory object store and integration store: what a file's
 * integration writes in the report, the audit trail and the documents bucket, and how it answers the store's
 * refusals. (The store's own rules are tested by its contract, on both stores.)
 */
class IntegrationServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final InMemoryIntegrationStore database = new InMemoryIntegrationStore(CLOCK.instant());
    private final List<AuditEvent> audit = new ArrayList<>();
    private final StagedRuns staged = new StagedRuns(objects);
    private final IntegrationService service = new IntegrationService(objects, database, DOCUMENTS_BUCKET, CLOCK,
            audit::add);

    @Test
    void aStagedFile_isIntegrated_andItsReportCountsWhatChanged() {
        IntegrateRequest request = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0,
                List.of(owner("O1"), property("P1", "O1"), property("P2", "O1")));

        IntegrateResult result = service.integrate(request);

        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 3, 0, 0, 0));
        assertThat(database.isActive(PARTNER, Retirement.Kind.PROPERTY, "P2")).isTrue();
        RunReport report = staged.report(request);
        assertThat(report.integratedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.counts().inserted()).isEqualTo(3);
        assertThat(report.counts().addsUp()).isTrue();
        assertThat(audit).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditEvent.Action.INTEGRATED);
            assertThat(event.runId()).isEqualTo(request.runId());
            assertThat(event.detail()).isEqualTo("inserted 3, updated 0, unchanged 0, retired 0");
        });
    }

    @Test
    void aFileRetried_afterItsCommit_answersTheSameCounts_andReportsTheSame() {
        IntegrateRequest request = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0, List.of(owner("O1")));
        IntegrateResult first = service.integrate(request);

        IntegrateResult retried = service.integrate(request);

        assertThat(retried).isEqualTo(first);
        assertThat(staged.report(request).counts().inserted()).isEqualTo(1);
    }

    @Test
    void documents_haveTheirContentStoredOnce_underThePartnerAndTheHash_andTheirRowsPointAtIt() {
        byte[] invoice = "%PDF-1.4 invoice".getBytes(StandardCharsets.UTF_8);
        service.integrate(staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0,
                List.of(owner("O1"), property("P1", "O1"))));
        Document first = document("D1", "P1", invoice);
        IntegrateRequest request = staged.stage(Loader.DOCUMENTS, Mode.DELTA, DAY, 0,
                List.of(first, document("D2", "P1", invoice)));

        service.integrate(request);

        String key = PARTNER + "/" + first.sha256();
        assertThat(objects.keys(DOCUMENTS_BUCKET)).containsExactly(key);
        assertThat(objects.exists(DOCUMENTS_BUCKET, key)).isTrue();
        assertThat(database.record(PARTNER, Retirement.Kind.DOCUMENT, "D2")).hasValueSatisfying(d ->
                assertThat(((Document) d).storageKey()).isEqualTo(key));
    }

    @Test
    void aFileTheStoreRefuses_leavesNoDocumentObjectBehind() {
        service.integrate(staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0,
                List.of(owner("O1"), property("P1", "O1"))));
        byte[] content = "%PDF-1.4 lease".getBytes(StandardCharsets.UTF_8);
        IntegrateRequest twice = staged.stage(Loader.DOCUMENTS, Mode.DELTA, DAY, 0,
                List.of(document("D1", "P1", content), document("D1", "P1", content)));

        Throwable thrown = catchThrowable(() -> service.integrate(twice));

        assertThat(thrown).isInstanceOf(IntegrationStore.DuplicateRecords.class);
        assertThat(objects.keys(DOCUMENTS_BUCKET)).as("rolled back: nothing points at the upload").isEmpty();
    }

    @Test
    void aStaleSnapshot_isRejectedAsAWhole_andItsRetryIsRejectedWithoutAskingTheStore() {
        service.integrate(staged.stage(Loader.CARACTERISTIQUES, Mode.SNAPSHOT, DAY, 1, List.of(owner("O1"))));
        IntegrateRequest older = staged.stage(Loader.CARACTERISTIQUES, Mode.SNAPSHOT, DAY, 0, List.of(owner("O1")));

        IntegrateResult result = service.integrate(older);
        IntegrateResult retried = service.integrate(older);

        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.REJECTED, 0, 0, 0, 0));
        assertThat(retried).isEqualTo(result);
        RunReport report = staged.report(older);
        FileError reason = report.errors().first().getFirst();
        assertThat(reason.code()).isEqualTo(ErrorCode.SNAPSHOT_STALE);
        assertThat(reason.message().en()).isEqualTo("the snapshot of 2026-11-23 (_1) is already applied: this older "
                + "one is not");
        assertThat(report.counts().rejected()).isEqualTo(report.counts().received());
        assertThat(audit).extracting(AuditEvent::action).containsExactly(AuditEvent.Action.INTEGRATED,
                AuditEvent.Action.REJECTED);
    }

    @Test
    void aSnapshotBeyondTheDeletionGuard_isRejected_withTheShareItWouldRetire() {
        List<StagedRecord> twenty = IntStream.range(0, 20).mapToObj(i -> (StagedRecord) owner("O" + i)).toList();
        service.integrate(staged.stage(Loader.CARACTERISTIQUES, Mode.SNAPSHOT, DAY, 0, twenty));
        IntegrateRequest truncated = staged.stage(Loader.CARACTERISTIQUES, Mode.SNAPSHOT, DAY.plusDays(1), 0,
                twenty.subList(0, 5));

        IntegrateResult result = service.integrate(truncated);

        assertThat(result.outcome()).isEqualTo(StepOutcome.REJECTED);
        FileError reason = staged.report(truncated).errors().first().getFirst();
        assertThat(reason.code()).isEqualTo(ErrorCode.SNAPSHOT_RETIREMENT_REFUSED);
        assertThat(reason.message().en()).startsWith("this snapshot would retire 15 of the 20 active owners, beyond "
                + "the guard of 10.0 % and 5 record(s)");
        assertThat(database.activeCount(PARTNER, Retirement.Kind.OWNER)).isEqualTo(20);
    }

    @Test
    void theSameContentAgain_isApplied_withAWarningNamingTheEarlierFile() {
        String content = StagedRuns.newContent();
        IntegrateRequest first = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0, List.of(owner("O1")),
                content);
        service.integrate(first);
        IntegrateRequest again = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY.plusDays(1), 0,
                List.of(owner("O1")), content);

        IntegrateResult result = service.integrate(again);

        assertThat(result).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 0, 0, 1, 0));
        assertThat(staged.report(again).warnings().first()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo(ErrorCode.CONTENT_ALREADY_RECEIVED);
            assertThat(warning.value()).isEqualTo(first.file().key());
        });
    }

    @Test
    void anErasure_isReportedByCountsAndReference_auditedWithoutTheOwner_andPurgesTheRunsThatHeldThem() {
        IntegrateRequest sent = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0,
                List.of(owner("GI-OWN-1"), property("P1", "GI-OWN-1")));
        service.integrate(sent);
        IntegrateRequest erasing = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY.plusDays(1), 0,
                List.of(erasure("GI-OWN-1", "REQ-77")));

        service.integrate(erasing);

        FileError note = staged.report(erasing).warnings().first().getFirst();
        assertThat(note.code()).isEqualTo(ErrorCode.ERASURE_APPLIED);
        assertThat(note.message().en()).isEqualTo("request REQ-77: owner erased with 1 propert(ies), 0 "
                + "transaction(s), 0 document(s); 1 archived file(s) purged");
        assertThat(audit).filteredOn(e -> e.action() == AuditEvent.Action.ERASED).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("request REQ-77: owners 1, properties 1")
                        .doesNotContain("GI-OWN-1"));
        assertThat(objects.exists(INGEST_BUCKET, StagingLayout.transformedKey(sent.runId()))).isFalse();
        assertThat(objects.exists(INGEST_BUCKET, StagingLayout.validatedKey(sent.runId()))).isFalse();
        assertThat(database.pendingPurges(erasing.runId())).isEmpty();
    }

    @Test
    void aCommitWhoseReportCannotBeWritten_failsAsCommittedNotReported_andTheRetryReports() {
        IntegrateRequest request = staged.stage(Loader.CARACTERISTIQUES, Mode.DELTA, DAY, 0, List.of(owner("O1")));
        ObjectStore reportWritesFail = failingPutsTo(StagingLayout.reportKey(request.runId()));

        Throwable thrown = catchThrowable(() -> new IntegrationService(reportWritesFail, database, DOCUMENTS_BUCKET,
                CLOCK, audit::add).integrate(request));
        IntegrateResult retried = service.integrate(request);

        assertThat(thrown).isInstanceOf(CommittedNotReported.class).hasMessageContaining("are committed");
        assertThat(database.isActive(PARTNER, Retirement.Kind.OWNER, "O1")).isTrue();
        assertThat(retried).isEqualTo(new IntegrateResult(StepOutcome.ACCEPTED, 1, 0, 0, 0));
        assertThat(staged.report(request).integratedAt()).isEqualTo(CLOCK.instant());
    }

    /** The object store of the test, whose writes to one key fail. */
    private ObjectStore failingPutsTo(String key) {
        return (ObjectStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("put") && key.equals(args[1])) {
                        throw new IllegalStateException("S3 answered 500");
                    }
                    try {
                        return method.invoke(objects, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
