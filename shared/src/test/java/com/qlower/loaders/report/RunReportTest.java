package com.qlower.loaders.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.testing.SampleReports;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A run's report built by name, and the decisions of its steps recorded as they are taken. */
class RunReportTest {

    private static final Instant AT = Instant.parse("2026-11-23T01:12:42Z");
    private static final FileRef FILE = new FileRef("qlower-ingest", "inbox/gestimmo/transactions_20261123_02.json",
            "v1");
    private static final RunFacts FACTS = new RunFacts("gestimmo", Loader.TRANSACTIONS, Mode.DELTA, "2026-11-23", 2,
            "c".repeat(64), new RejectTolerance(7.5, 3), new DeletionGuard(20, 4), null);
    private static final Counts THIRTEEN = new Counts(13, 13, 0, 0, 0, 0, 0, 0);

    @Test
    void validated_recordsWhatTheValidatorLearnt_andItsVerdict_andNothingOfTheLaterSteps() {
        RunReport report = RunReport.validated("run-1", FILE, FACTS, 4_096, StepOutcome.ACCEPTED, THIRTEEN,
                ErrorList.empty(), AT, AT.plusSeconds(2));

        assertThat(report.partnerId()).isEqualTo("gestimmo");
        assertThat(report.loader()).isEqualTo(Loader.TRANSACTIONS);
        assertThat(report.snapshotDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(report.rejectTolerance()).isEqualTo(new RejectTolerance(7.5, 3));
        assertThat(report.deletionGuardOrDefault()).isEqualTo(new DeletionGuard(20, 4));
        assertThat(report.outcome()).isEqualTo(FileOutcome.IN_PROGRESS);
        assertThat(report.steps()).isEqualTo(new StepOutcomes(StepOutcome.ACCEPTED, null, null));
        assertThat(report.transformedAt()).isNull();
        assertThat(report.archivedKey()).isNull();
    }

    @Test
    void eachStepsDecision_isRecordedBesideTheEarlierOnes() {
        RunReport validated = RunReport.validated("run-1", FILE, FACTS, 4_096, StepOutcome.ACCEPTED, THIRTEEN,
                ErrorList.empty(), AT, AT);

        RunReport transformed = validated.withTransformation(StepOutcome.ACCEPTED, THIRTEEN, ErrorList.empty(),
                ErrorList.empty(), AT);
        RunReport refused = transformed.refusedByIntegration(FileError.ofFile(ErrorCode.SNAPSHOT_STALE,
                Message.of("périmé", "stale"), null));
        RunReport integrated = transformed.withIntegration(THIRTEEN.withIntegration(13, 0, 0, 0, 0),
                ErrorList.empty(), AT);

        assertThat(transformed.stepsSoFar()).isEqualTo(new StepOutcomes(StepOutcome.ACCEPTED,
                StepOutcome.ACCEPTED, null));
        assertThat(refused.stepsSoFar().integrate()).isEqualTo(StepOutcome.REJECTED);
        assertThat(refused.counts().rejected()).as("every record of a file refused whole").isEqualTo(13);
        assertThat(integrated.stepsSoFar().integrate()).isEqualTo(StepOutcome.ACCEPTED);
        assertThat(integrated.counts().inserted()).isEqualTo(13);
    }

    @Test
    void reportStagedBeforeStepsWereRecorded_readsAsNoStepDecidedYet() throws Exception {
        var json = ContractJson.internalMapper().valueToTree(SampleReports.everyField());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("steps");

        RunReport older = ContractJson.internalMapper().treeToValue(json, RunReport.class);

        assertThat(older.steps()).isNull();
        assertThat(older.stepsSoFar()).isEqualTo(StepOutcomes.NONE);
    }

    @Test
    void toBuilder_changesOnlyWhatItIsTold_andKeepsEveryOtherField() {
        RunReport everyField = SampleReports.everyField();

        RunReport changed = everyField.toBuilder().sizeBytes(1).build();

        assertThat(changed.sizeBytes()).isEqualTo(1);
        assertThat(changed.toBuilder().sizeBytes(everyField.sizeBytes()).build()).isEqualTo(everyField);
    }
}
