package com.qlower.loaders.daily;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.ColdStart;
import com.qlower.loaders.adapters.Environment;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.DatabaseSecret;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresRunHistory;
import com.qlower.loaders.adapters.s3.S3ObjectStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/** Lambda entry point of the two daily schedules: the partners' summaries, and the nightly drop check. */
public class DailyHandler implements RequestHandler<DailyRequest, DailyResult> {

    private final DailySummaryWriter summaries;
    private final MissingDropCheck dropCheck;
    private final Clock clock;

    /** Wires the real adapters, once per cold start. */
    public DailyHandler() {
        this(ColdStart.wire("daily", () -> wire(System.getenv())), Clock.systemUTC());
    }

    private DailyHandler(Wiring wiring, Clock clock) {
        this(wiring.summaries(), wiring.dropCheck(), clock);
    }

    /** Takes its collaborators: for the tests. */
    DailyHandler(DailySummaryWriter summaries, MissingDropCheck dropCheck, Clock clock) {
        this.summaries = summaries;
        this.dropCheck = dropCheck;
        this.clock = clock;
    }

    @Override
    public DailyResult handleRequest(DailyRequest request, Context context) {
        return switch (Objects.requireNonNull(request.task(), "the request names no task")) {
            case SUMMARY -> new DailyResult(summaries.write(request.summaryDate(clock)), List.of());
            case MISSING_DROP_CHECK -> new DailyResult(List.of(), dropCheck.check(request.firedAt(clock)));
        };
    }

    private record Wiring(DailySummaryWriter summaries, MissingDropCheck dropCheck) {
    }

    private static Wiring wire(Map<String, String> env) {
        Region region = Region.of(Environment.required(env, "AWS_REGION"));
        Database database = new Database(DatabaseSecret.fromEnvironment(env));
        PostgresRunHistory history = new PostgresRunHistory(database);
        PostgresPartnerRegistry partners = new PostgresPartnerRegistry(database);
        return new Wiring(new DailySummaryWriter(new S3ObjectStore(AwsClients.s3(region)),
                Environment.required(env, "INGEST_BUCKET"), history, partners),
                // standard output: the lines Lambda sends to CloudWatch Logs as they are, where EMF is read
                new MissingDropCheck(history, partners, MetricsLog.standardOutput()));
    }
}
