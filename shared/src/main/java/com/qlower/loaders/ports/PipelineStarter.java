package com.qlower.loaders.ports;

import com.qlower.loaders.steps.PipelineInput;

/**
 * Starts the file pipeline for one file (a Step Functions execution on AWS, the in-process interpreter locally).
 *
 * <p>Contract: the execution name is derived from the file's identity, so starting the same name twice starts
 * one execution: the second call returns {@link StartOutcome#ALREADY_STARTED} and changes nothing.
 */
public interface PipelineStarter {

    enum StartOutcome { STARTED, ALREADY_STARTED }

    StartOutcome start(String executionName, PipelineInput input);
}
