package com.qlower.loaders.daily;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.qlower.loaders.adapters.ColdStart;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Lambda entry point of the two daily schedules: the partners' summaries, and the nightly drop check. */
public class DailyHandler implements RequestHandler<DailyRequest, DailyResult> {

    private final DailySummaryWriter summaries;
    private final MissingDropCheck dropCheck;
    private final Clock clock;

    /** Wires the real adapters, once per cold start. */
    public DailyHandler() {
        this(ColdStart.wire("daily", DailyConfig::fromEnvironment, DailyWiring::forAws));
    }

    private DailyHandler(DailyWiring.Tasks tasks) {
        this(tasks.summaries(), tasks.dropCheck(), Clock.systemUTC());
    }

    /** Takes its collaborators: {@link DailyWiring}'s. */
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
}
