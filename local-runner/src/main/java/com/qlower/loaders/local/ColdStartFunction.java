package com.qlower.loaders.local;

import static com.qlower.loaders.local.ColdStartProbe.Client.S3;
import static com.qlower.loaders.local.ColdStartProbe.Client.S3_PRESIGNER;
import static com.qlower.loaders.local.ColdStartProbe.Client.SECRETS_MANAGER;
import static com.qlower.loaders.local.ColdStartProbe.Client.SES;
import static com.qlower.loaders.local.ColdStartProbe.Client.STEP_FUNCTIONS;

import java.nio.file.Path;
import java.util.List;

/**
 * A deployed function as {@code ./loaders bench-coldstart} starts it: its module ({@code NAME-function}), handler,
 * event file, memory (template.yaml) and the SDK clients its wiring builds at cold start (its {@code *Wiring.forAws},
 * one per service). Apart from the benchmark so that the list of functions is read in one place.
 */
record ColdStartFunction(String name, String handler, String event, int memoryMb,
                         List<ColdStartProbe.Client> clients) {

    /** Every deployed function, in the order of the pipeline, then the daily summary. */
    static final List<ColdStartFunction> ALL = List.of(
            new ColdStartFunction("validator", "com.qlower.loaders.validator.ValidatorHandler",
                    "validator-s3-put.json", 1024, List.of(SECRETS_MANAGER, S3, STEP_FUNCTIONS)),
            new ColdStartFunction("transformer", "com.qlower.loaders.transformer.TransformerHandler",
                    "transformer-request.json", 2048, List.of(SECRETS_MANAGER, S3)),
            new ColdStartFunction("integrator", "com.qlower.loaders.integrator.IntegratorHandler",
                    "integrator-request.json", 2048, List.of(SECRETS_MANAGER, S3)),
            new ColdStartFunction("archiver", "com.qlower.loaders.archiver.ArchiverHandler",
                    "archiver-succeeded-request.json", 1024, List.of(SECRETS_MANAGER, S3)),
            new ColdStartFunction("notifier", "com.qlower.loaders.notifier.NotifierHandler",
                    "notifier-request.json", 1024, List.of(SECRETS_MANAGER, S3, SES, S3_PRESIGNER)),
            new ColdStartFunction("daily", "com.qlower.loaders.daily.DailyHandler", "daily-summary.json", 1024,
                    List.of(SECRETS_MANAGER, S3)));

    /** Its deployable (shaded) jar, as {@code ./loaders build} packages it. */
    Path jar(Path root) {
        return root.resolve(name + "-function/target/" + name + "-function.jar");
    }
}
