package com.qlower.loaders.adapters.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.ports.PipelineStarter;
import com.qlower.loaders.steps.PipelineInput;
import com.qlower.loaders.steps.StepJson;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** {@link PipelineStarter} on AWS Step Functions: one execution of the file pipeline state machine. */
public final class StepFunctionsPipelineStarter implements PipelineStarter {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsPipelineStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public StartOutcome start(String executionName, PipelineInput input) {
        String json;
        try {
            json = StepJson.mapper().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the execution input", e);
        }
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName).input(json));
            return StartOutcome.STARTED;
        } catch (ExecutionAlreadyExistsException e) {
            // S3 delivered the same event again: the first delivery's execution is the one that counts
            return StartOutcome.ALREADY_STARTED;
        } catch (SdkClientException e) {
            throw new TransientFailure("Step Functions could not be reached", e);
        } catch (SfnException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                throw new TransientFailure("Step Functions answered " + e.statusCode(), e);
            }
            throw e;
        }
    }
}
