package com.qlower.loaders.integrator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.IntegrateResult;

/** Lambda entry point of the Integrate state: loads a transformed file into PostgreSQL. */
public class IntegratorHandler implements RequestHandler<IntegrateRequest, IntegrateResult> {

    private final IntegrationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public IntegratorHandler() {
        this(ColdStart.wire("integrator", IntegratorConfig::fromEnvironment, IntegratorWiring::forAws),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators, from {@link IntegratorWiring}. */
    IntegratorHandler(IntegrationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public IntegrateResult handleRequest(IntegrateRequest request, Context context) {
        return metrics.measure(MetricsLog.Step.INTEGRATE, request.runId(), request.executionName(),
                request.file().key(), () -> service.integrate(request), (result, step) -> step
                        .count(Count.RECORDS_INSERTED, result.inserted()).count(Count.RECORDS_UPDATED, result.updated())
                        .count(Count.RECORDS_RETIRED, result.retired()));
    }
}
