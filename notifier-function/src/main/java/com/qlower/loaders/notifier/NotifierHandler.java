package com.qlower.loaders.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.LogContext;
import com.qlower.loaders.adapters.logging.MetricsLog.Count;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.NotifyResult;

/** Lambda entry point of the Notify states: tells a file's partner what happened to it. */
public class NotifierHandler implements RequestHandler<NotifyRequest, NotifyResult> {

    private final NotificationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public NotifierHandler() {
        this(ColdStart.wire("notifier", () -> NotifierWiring.fromEnvironment(System.getenv())),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators: for the local runner and the tests. */
    public NotifierHandler(NotificationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public NotifyResult handleRequest(NotifyRequest request, Context context) {
        try (LogContext log = LogContext.forFile(request.runId(), request.executionName(), request.file().key())) {
            MetricsLog.StepMetrics step = metrics.start(MetricsLog.Step.NOTIFY, log);
            NotifyResult result = service.notify(request);
            step.count(Count.WEBHOOK_DELIVERIES_FAILED, result.webhook().notDelivered() ? 1 : 0)
                    .count(Count.EMAILS_FAILED, result.email() == NotifyResult.EmailResult.FAILED ? 1 : 0)
                    .emit();
            return result;
        }
    }
}
