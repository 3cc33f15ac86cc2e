package com.qlower.loaders.validator;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.PartnerFileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StagingLayout;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.testing.InMemoryObjectStore;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validator's decisions, on an in-memory object store and a recording pipeline. */
class ValidationServiceTest {

    private static final String BUCKET = "ingest";
    private static final String KEY = "inbox/gestimmo/transactions_20261123.json";

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final List<String> started = new ArrayList<>();
    private final Set<String> executions = new HashSet<>();
    private final List<PipelineInput> inputs = new ArrayList<>();
    private final List<DeliveryLog.Delivery> deliveries = new ArrayList<>();
    /** gestimmo, at a 10 % tolerance: one bad record of the 13 of the sample is within it. */
    private final InMemoryPartnerRegistry partners = registryWith(new Partner("gestimmo", "GestImmo",
            Partner.Language.FR, List.of(), null, null, true, EnumSet.allOf(Loader.class), 10.0));
    private final PipelineStarter pipeline = (name, input) -> {
        started.add(name);
        inputs.add(input);
        return executions.add(name) ? PipelineStarter.StartOutcome.STARTED
                : PipelineStarter.StartOutcome.ALREADY_STARTED;
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    private final ValidationService service = new ValidationService(store, pipeline,
                new PartnerFileCheck(new RecordValidator(clock), 10_000_000, 10.0), partners, deliveries::add, clock,
                        AuditTrail.NONE);

    private ValidationService.Verdict validate(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        store.put(BUCKET, KEY, bytes, "application/json");
        return service.validate(new IncomingFile(BUCKET, KEY, "v1", bytes.length, "0055AED6DCD90281E5"));
    }

    private static InMemoryPartnerRegistry registryWith(Partner partner) {
        InMemoryPartnerRegistry registry = new InMemoryPartnerRegistry();
        registry.save(partner);
        return registry;
    }

    private static String sample() throws Exception {
        return Files.readString(Path.of("../samples/drop/gestimmo/transactions_20261123.json"));
    }

    @Test
    void duplicateExternalId_rejectsTheSecondRecord_namingTheFirst() throws Exception {
        var file = (com.fasterxml.jackson.databind.node.ObjectNode) ContractJson.partnerFileMapper()
                .readTree(sample());
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) file.get("records");
        String firstId = records.get(0).get("external_id").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) records.get(4)).put("external_id", firstId);

        ValidationService.Verdict verdict = validate(file.toString());

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(verdict.counts()).isEqualTo(Counts.ofValidation(13, 1));
        RunReport report = new ReportStore(store).read(BUCKET, verdict.runId());
        assertThat(report.errors().first()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_EXTERNAL_ID);
            assertThat(e.recordIndex()).isEqualTo(4);
            assertThat(e.pointer()).isEqualTo("/records/4/external_id");
            assertThat(e.message().en()).contains("record 0");
        });
    }

    @Test
    void redeliveredEvent_doesNotValidateAgain_norRewriteTheReport_andStartsNothingTwice() throws Exception {
        ValidationService.Verdict first = validate(sample());
        byte[] reportAfterFirst = store.content(BUCKET, StagingLayout.reportKey(first.runId()));
        // the transformer has since completed the staged report
        store.put(BUCKET, StagingLayout.reportKey(first.runId()),
                new String(reportAfterFirst, StandardCharsets.UTF_8).replace("\"transformed_at\"", "\"x\"")
                        .getBytes(StandardCharsets.UTF_8), "application/json");
        byte[] reportMeanwhile = store.content(BUCKET, StagingLayout.reportKey(first.runId()));

        ValidationService.Verdict second = service.validate(new IncomingFile(BUCKET, KEY, "v1", 10,
                "0055AED6DCD90281E5"));

        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.start()).isEqualTo(PipelineStarter.StartOutcome.ALREADY_STARTED);
        assertThat(started).containsExactly(first.executionName(), first.executionName());
        assertThat(inputs.get(1)).isEqualTo(inputs.get(0));
        assertThat(store.content(BUCKET, StagingLayout.reportKey(first.runId()))).isEqualTo(reportMeanwhile);
    }

    @Test
    void tripleDelivery_startsOneExecution_andRecordsTheOtherTwoAsIgnored() throws Exception {
        ValidationService.Verdict first = validate(sample());
        IncomingFile sameEvent = new IncomingFile(BUCKET, KEY, "v1", 10, "0055AED6DCD90281E5");

        service.validate(sameEvent);
        service.validate(sameEvent);

        assertThat(executions).containsExactly(first.executionName());
        assertThat(deliveries).extracting(DeliveryLog.Delivery::outcome).containsExactly(
                DeliveryLog.Outcome.STARTED, DeliveryLog.Outcome.DUPLICATE_IGNORED,
                DeliveryLog.Outcome.DUPLICATE_IGNORED);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.runId()).isEqualTo(first.runId());
            assertThat(d.executionName()).isEqualTo(first.executionName());
            assertThat(d.file().key()).isEqualTo(KEY);
            assertThat(d.file().versionId()).isEqualTo("v1");
        });
    }

    @Test
    void reportStagedButExecutionNeverStarted_isStartedOnTheRetry() throws Exception {
        ValidationService.Verdict first = validate(sample());
        executions.clear(); // as if the first attempt died after staging, before StartExecution

        ValidationService.Verdict retry = service.validate(new IncomingFile(BUCKET, KEY, "v1", 10,
                "0055AED6DCD90281E5"));

        assertThat(retry.start()).isEqualTo(PipelineStarter.StartOutcome.STARTED);
        assertThat(inputs.get(1)).isEqualTo(inputs.get(0));
    }

    @Test
    void anotherVersionOfTheSameKey_isAnotherRun() throws Exception {
        ValidationService.Verdict first = validate(sample());

        ValidationService.Verdict second = service.validate(new IncomingFile(BUCKET, KEY, "v2", 10,
                "0055AED6DCD90281F0"));

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.start()).isEqualTo(PipelineStarter.StartOutcome.STARTED);
    }

    @Test
    void fileOverTheSizeLimit_isRejectedFromTheEventSize_withoutReadingIt() {
        ValidationService small = new ValidationService(store, pipeline,
                new PartnerFileCheck(new RecordValidator(clock), 100, 5.0), partners, deliveries::add, clock,
                        AuditTrail.NONE);

        ValidationService.Verdict verdict = small.validate(new IncomingFile(BUCKET, KEY, "v1", 101, "01"));

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.REJECTED);
        RunReport report = new ReportStore(store).read(BUCKET, verdict.runId());
        assertThat(report.errors().first()).extracting(FileError::code).containsExactly(ErrorCode.FILE_TOO_LARGE);
        assertThat(report.sha256()).isNull();
        assertThat(store.exists(BUCKET, StagingLayout.validatedKey(verdict.runId()))).isFalse();
    }

    // ------------------------------------------------------------------------------------------ the registry

    @Test
    void fileOfAPartnerNotRegistered_isRejectedUnread_withPartnerUnknown() throws Exception {
        partners.disableWebhook("gestimmo", "irrelevant"); // still registered: only the unknown one is refused
        store.put(BUCKET, "inbox/inconnu/transactions_20261123.json", sample().getBytes(StandardCharsets.UTF_8),
                "application/json");

        ValidationService.Verdict verdict = service.validate(new IncomingFile(BUCKET,
                "inbox/inconnu/transactions_20261123.json", "v1", 10, "01"));

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.REJECTED);
        RunReport report = new ReportStore(store).read(BUCKET, verdict.runId());
        assertThat(report.errors().first()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PARTNER_UNKNOWN);
            assertThat(e.value()).isEqualTo("inconnu");
            assertThat(e.message().en()).contains("'inconnu' is not registered");
        });
        assertThat(report.sha256()).as("not read").isNull();
        assertThat(report.partnerId()).isEqualTo("inconnu");
    }

    @Test
    void fileOfALoaderThePartnerMayNotSend_isRejectedUnread() throws Exception {
        partners.save(new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of(), null, null, true,
                EnumSet.of(Loader.CARACTERISTIQUES), 5.0));

        ValidationService.Verdict verdict = validate(sample());

        RunReport report = new ReportStore(store).read(BUCKET, verdict.runId());
        assertThat(report.errors().first()).extracting(FileError::code)
                .containsExactly(ErrorCode.LOADER_NOT_ALLOWED);
    }

    @Test
    void thePartnersOwnTolerance_decides() throws Exception {
        String oneBadOfThirteen = sample().replaceFirst("\"currency\": \"EUR\"", "\"currency\": \"USD\"");
        partners.save(new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of(), null, null, true,
                EnumSet.allOf(Loader.class), 10.0));
        ValidationService.Verdict tolerant = validate(oneBadOfThirteen);
        partners.save(new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of(), null, null, true,
                EnumSet.allOf(Loader.class), new RejectTolerance(5.0, 0), DeletionGuard.DEFAULT));
        ValidationService.Verdict strict = service.validate(new IncomingFile(BUCKET, KEY, "v2", 10, "02"));

        assertThat(tolerant.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(new ReportStore(store).read(BUCKET, tolerant.runId()).rejectTolerancePercent()).isEqualTo(10.0);
        assertThat(strict.outcome()).isEqualTo(StepOutcome.REJECTED);
    }

    @Test
    void thePartnersFloor_letsOneBadRecordOfThirteenThrough_andBothGuardsAreRecordedInTheReport() throws Exception {
        String oneBadOfThirteen = sample().replaceFirst("\"currency\": \"EUR\"", "\"currency\": \"USD\"");
        partners.save(new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of(), null, null, true,
                EnumSet.allOf(Loader.class), new RejectTolerance(5.0, 1), new DeletionGuard(20, 3)));

        ValidationService.Verdict verdict = validate(oneBadOfThirteen);

        assertThat(verdict.outcome()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(verdict.counts().rejected()).isEqualTo(1);
        RunReport report = new ReportStore(store).read(BUCKET, verdict.runId());
        assertThat(report.rejectTolerance()).isEqualTo(new RejectTolerance(5.0, 1));
        assertThat(report.deletionGuard()).isEqualTo(new DeletionGuard(20, 3));
    }
}
