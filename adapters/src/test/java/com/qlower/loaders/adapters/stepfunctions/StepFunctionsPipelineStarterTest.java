package com.qlower.loaders.adapters.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.PipelineStarter.StartOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.StepJson;
import com.qlower.loaders.steps.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Starting the file pipeline on Step Functions. The only test with a mocked SDK client: there is no local Step
 * Functions server. The mock calls the SDK's real default methods, so the Consumer-builder overload the code uses
 * builds the request exactly as the SDK does, and the request itself is captured.
 */
class StepFunctionsPipelineStarterTest {

    private static final String ARN = "arn:aws:states:eu-west-3:123456789012:stateMachine:qlower-file-pipeline";
    private static final String EXECUTION = "gestimmo-transactions_20261123-3f2a9c";
    private static final PipelineInput INPUT = new PipelineInput("run-3f2a9c",
            new FileRef("qlower-ingest", "inbox/gestimmo/transactions_20261123.json", "3HL4kqtJlcpXroDTDmJ+rmSpXd3d"),
            new RunFacts("gestimmo", Loader.TRANSACTIONS, Mode.SNAPSHOT, "2026-11-23", 0, "a".repeat(64),
                    RejectTolerance.DEFAULT, DeletionGuard.DEFAULT, null),
            new PipelineInput.Validation(StepOutcome.ACCEPTED, 13, 0));

    private SfnClient sfn;
    private StepFunctionsPipelineStarter starter;

    @BeforeEach
    void mockStepFunctions() {
        sfn = mock(SfnClient.class, CALLS_REAL_METHODS);
        starter = new StepFunctionsPipelineStarter(sfn, ARN);
    }

    @Test
    void start_startsAnExecutionOfTheStateMachine_underTheGivenName() {
        StartExecutionRequest request = startAndCapture(INPUT);

        assertThat(request.stateMachineArn()).isEqualTo(ARN);
        assertThat(request.name()).isEqualTo(EXECUTION);
    }

    @Test
    void start_passesTheInputAsCamelCaseJson() throws Exception {
        JsonNode input = new ObjectMapper().readTree(startAndCapture(INPUT).input());

        assertThat(input.path("runId").asText()).isEqualTo("run-3f2a9c");
        assertThat(input.path("file").path("bucket").asText()).isEqualTo("qlower-ingest");
        assertThat(input.path("file").path("key").asText()).isEqualTo("inbox/gestimmo/transactions_20261123.json");
        assertThat(input.path("file").path("versionId").asText()).isEqualTo("3HL4kqtJlcpXroDTDmJ+rmSpXd3d");
        assertThat(input.path("run").path("partnerId").asText()).isEqualTo("gestimmo");
        assertThat(input.path("run").path("loader").asText()).as("by name, as the Lambda runtime reads an enum")
                .isEqualTo("TRANSACTIONS");
        assertThat(input.path("run").path("mode").asText()).isEqualTo("SNAPSHOT");
        assertThat(input.path("run").path("snapshotDate").asText()).isEqualTo("2026-11-23");
        assertThat(input.path("validation").path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(input.path("validation").path("received").asLong()).isEqualTo(13);
        assertThat(input.path("validation").path("rejected").asLong()).isZero();
        List<String> names = new ArrayList<>();
        input.fieldNames().forEachRemaining(names::add);
        input.path("file").fieldNames().forEachRemaining(names::add);
        input.path("run").fieldNames().forEachRemaining(names::add);
        assertThat(names).noneMatch(n -> n.contains("_"));
    }

    @Test
    void start_passesAnInputTheStepsReadBack_asItWas() throws Exception {
        String json = startAndCapture(INPUT).input();

        assertThat(StepJson.mapper().readValue(json, PipelineInput.class)).isEqualTo(INPUT);
    }

    @Test
    void start_passesNullsForWhatTheKeyDidNotName_aRejectedFile() throws Exception {
        PipelineInput rejected = new PipelineInput("run-1", new FileRef("qlower-ingest", "inbox/releve.json", null),
                new RunFacts(null, null, null, null, 0, null, RejectTolerance.DEFAULT, DeletionGuard.DEFAULT, null),
                new PipelineInput.Validation(StepOutcome.REJECTED, 0, 0));

        JsonNode input = new ObjectMapper().readTree(startAndCapture(rejected).input());

        assertThat(input.path("file").has("versionId")).isTrue();
        assertThat(input.path("file").path("versionId").isNull()).isTrue();
        assertThat(input.path("run").path("partnerId").isNull()).isTrue();
        assertThat(input.path("run").path("loader").isNull()).isTrue();
        assertThat(input.path("validation").path("outcome").asText()).isEqualTo("REJECTED");
    }

    @Test
    void start_ofAnExecutionThatExistsAlready_isAlreadyStarted() {
        doThrow(ExecutionAlreadyExistsException.builder().message("Execution Already Exists").statusCode(400).build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));

        assertThat(starter.start(EXECUTION, INPUT)).isEqualTo(StartOutcome.ALREADY_STARTED);
        verify(sfn, times(1)).startExecution(any(StartExecutionRequest.class));
    }

    @Test
    void start_whenStepFunctionsCannotBeReached_isATransientFailure() {
        SdkClientException unreachable = SdkClientException.create("Unable to execute HTTP request");
        doThrow(unreachable).when(sfn).startExecution(any(StartExecutionRequest.class));

        assertThatThrownBy(() -> starter.start(EXECUTION, INPUT))
                .isInstanceOf(TransientFailure.class)
                .hasCause(unreachable);
    }

    @Test
    void start_whenStepFunctionsFailsOrThrottles_isATransientFailure() {
        SfnException serverError = (SfnException) SfnException.builder().message("internal").statusCode(500).build();
        SfnException throttled = (SfnException) SfnException.builder().message("slow down").statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build();

        doThrow(serverError).when(sfn).startExecution(any(StartExecutionRequest.class));
        assertThatThrownBy(() -> starter.start(EXECUTION, INPUT)).isInstanceOf(TransientFailure.class)
                .hasCause(serverError);

        doThrow(throttled).when(sfn).startExecution(any(StartExecutionRequest.class));
        assertThatThrownBy(() -> starter.start(EXECUTION, INPUT)).isInstanceOf(TransientFailure.class)
                .hasCause(throttled);
    }

    @Test
    void start_whenTheRequestIsWrong_rethrowsTheError_notRetried() {
        StateMachineDoesNotExistException missing = StateMachineDoesNotExistException.builder()
                .message("State Machine Does Not Exist").statusCode(400).build();
        doThrow(missing).when(sfn).startExecution(any(StartExecutionRequest.class));

        assertThatThrownBy(() -> starter.start(EXECUTION, INPUT)).isSameAs(missing);
    }

    private StartExecutionRequest startAndCapture(PipelineInput input) {
        doReturn(StartExecutionResponse.builder().executionArn(ARN + ":" + EXECUTION).build())
                .when(sfn).startExecution(any(StartExecutionRequest.class));

        StartOutcome outcome = starter.start(EXECUTION, input);

        assertThat(outcome).isEqualTo(StartOutcome.STARTED);
        ArgumentCaptor<StartExecutionRequest> request = ArgumentCaptor.forClass(StartExecutionRequest.class);
        verify(sfn).startExecution(request.capture());
        return request.getValue();
    }
}
