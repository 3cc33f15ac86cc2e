package com.qlower.loaders.transformer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.steps.TransformResult;

/** Lambda entry point of the Transform state: maps a validated file's records to the internal model. */
public class TransformerHandler implements RequestHandler<TransformRequest, TransformResult> {

    private final TransformationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public TransformerHandler() {
        this(ColdStart.wire("transformer", TransformerConfig::fromEnvironment, TransformerWiring::forAws),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators, from {@link TransformerWiring}. */
    TransformerHandler(TransformationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public TransformResult handleRequest(TransformRequest request, Context context) {
        return metrics.measure(MetricsLog.Step.TRANSFORM, request.runId(), request.executionName(),
                request.file().key(), () -> service.transform(request), (result, step) -> {
                    if (result.outcome() != StepOutcome.WAITING) { // a waiting file is counted once transformed
                        step.count(Count.RECORDS_ACCEPTED, result.accepted())
                                .count(Count.RECORDS_REJECTED, result.rejected());
                    }
                });
    }
}
