package com.qlower.loaders.daily;

import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.report.DailySummary;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly drop check, run at the deadline: every registered partner must have sent at least one file since the
 * previous deadline (the same time the day before, in Paris). For each that did not, a warning in the log and one
 * CloudWatch embedded-metric line, {@value #METRIC} = 1 with the partner as dimension, which an alarm watches.
 */
public final class MissingDropCheck {

    public static final String METRIC = "MissingNightlyDrop";

    private static final Logger LOG = LoggerFactory.getLogger(MissingDropCheck.class);

    private final RunHistory history;
    private final PartnerRegistry partners;
    private final MetricsLog metrics;

    public MissingDropCheck(RunHistory history, PartnerRegistry partners, MetricsLog metrics) {
        this.history = history;
        this.partners = partners;
        this.metrics = metrics;
    }

    /** Checks the day before {@code deadline}; returns the partners that sent nothing in it. */
    public List<String> check(Instant deadline) {
        // the same wall-clock time the day before: 23 or 25 hours earlier across a change of time
        Instant previous = deadline.atZone(DailySummary.ZONE).minusDays(1).toInstant();
        Set<String> heardFrom = history.partnersHeardFromBetween(previous, deadline);
        List<Partner> registered = partners.all();
        List<String> missing = registered.stream().map(Partner::partnerId)
                .filter(id -> !heardFrom.contains(id)).toList();
        for (String partnerId : missing) {
            LOG.warn("missing nightly drop: partner={} sent no file between {} and {}", partnerId, previous,
                    deadline);
            metrics.partnerCount(METRIC, partnerId, 1);
        }
        LOG.info("nightly drop check deadline={} partners={} missing={}", deadline, registered.size(),
                missing.size());
        return missing;
    }
}
