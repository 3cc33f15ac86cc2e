package com.qlower.loaders.validator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.logging.MetricsLog;
import java.util.List;

/** Lambda entry point of S3's events under {@code inbox/}: validates each file and starts its execution. */
public class ValidatorHandler implements RequestHandler<S3Event, ValidatorHandler.Result> {

    /** One verdict per file of the event. */
    public record Result(List<ValidationService.Verdict> files) {
    }

    private final ValidationService service;
    private final MetricsLog metrics;

    /** Wires the real adapters, once per cold start. */
    public ValidatorHandler() {
        this(ColdStart.wire("validator", ValidatorConfig::fromEnvironment, ValidatorWiring::forAws),
                MetricsLog.standardOutput());
    }

    /** Takes its collaborators, from {@link ValidatorWiring}. */
    ValidatorHandler(ValidationService service, MetricsLog metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        return new Result(event.getRecords().stream().map(IncomingFile::of).map(file -> metrics.measure(
                MetricsLog.Step.VALIDATE, file.runId(), file.executionName(), file.key(), () -> service.validate(file),
                (verdict, step) -> { })).toList());
    }
}
