package com.qlower.loaders.local;

import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.archiver.ArchiverWiring;
import com.qlower.loaders.integrator.IntegratorWiring;
import com.qlower.loaders.notifier.NotifierWiring;
import com.qlower.loaders.steps.ArchiveRequest;
import com.qlower.loaders.steps.IntegrateRequest;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.TransformRequest;
import com.qlower.loaders.transformer.TransformerWiring;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The four functions the state machine invokes, wired to the local adapters and chained by the same definition
 * that SAM deploys, its function ARNs substituted by local names. Kept apart from {@link LocalPipeline} so that
 * the pipeline reads as servers plus files, and what runs between the steps reads here on its own.
 */
final class PipelineFunctions {

    private static final String DEFINITION_RESOURCE = "/statemachine/file-pipeline.asl.json";

    private PipelineFunctions() {
    }

    /**
     * A starter of executions of the file pipeline, each function invocation waiting for its turn within
     * {@code budget} and wrapped by the settings' decorator.
     */
    static LocalPipelineStarter starter(LocalAdapters adapters, String documentsBucket, LocalPipeline.Settings settings,
                                        ConnectionBudget budget, ExecutionJournal journal) throws IOException {
        // every function uses the database: each invocation waits for its turn within the budget
        Map<String, LocalFunction> handlers = Map.of(
                "local:transformer", LocalFunction.of(TransformerWiring.forLocal(adapters,
                        settings.upstreamWait(), settings.metrics()), TransformRequest.class),
                "local:integrator", LocalFunction.of(IntegratorWiring.forLocal(adapters, documentsBucket,
                        settings.metrics()), IntegrateRequest.class),
                "local:archiver", LocalFunction.of(ArchiverWiring.forLocal(adapters, settings.metrics()),
                        ArchiveRequest.class),
                "local:notifier", LocalFunction.of(NotifierWiring.forLocal(adapters, settings.metrics()),
                        NotifyRequest.class));
        Map<String, LocalFunction> functions = new HashMap<>();
        handlers.forEach((name, handler) -> functions.put(name,
                settings.functions().decorate(name, budget.bound(handler))));
        LocalStateMachine stateMachine = new LocalStateMachine(definition(),
                Map.of("TransformerFunctionArn", "local:transformer",
                        "IntegratorFunctionArn", "local:integrator",
                        "ArchiverFunctionArn", "local:archiver",
                        "NotifierFunctionArn", "local:notifier"),
                functions, seconds -> Thread.sleep((long) (seconds * 1000 / settings.retrySpeedup())),
                settings.listener(), journal);
        return new LocalPipelineStarter(stateMachine, journal);
    }

    private static String definition() throws IOException {
        try (InputStream in = PipelineFunctions.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the state machine definition is not on the classpath: "
                        + DEFINITION_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
