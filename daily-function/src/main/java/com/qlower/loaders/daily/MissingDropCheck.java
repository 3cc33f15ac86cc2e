package com.qlower.loaders.daily;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.report.DailySummary;
import java.io.PrintStream;
import java.time.Clock;
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

    public static final String NAMESPACE = "QlowerLoaders";
    public static final String METRIC = "MissingNightlyDrop";

    private static final Logger LOG = LoggerFactory.getLogger(MissingDropCheck.class);

    private final RunHistory history;
    private final PartnerRegistry partners;
    private final PrintStream metrics;
    private final Clock clock;

    /**
     * @param metrics where the embedded-metric lines go: standard output in Lambda, whose log CloudWatch reads them
     *     from
     */
    public MissingDropCheck(RunHistory history, PartnerRegistry partners, PrintStream metrics, Clock clock) {
        this.history = history;
        this.partners = partners;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Checks the day before {@code deadline}; returns the partners that sent nothing in it. */
    public List<String> check(Instant deadline) {
        // the same wall-clock time the day before: 23 or 25 hours earlier across a change of time
        Instant previous = deadline.atZone(DailySummary.ZONE).minusDays(1).toInstant();
        Set<String> heardFrom = history.partnersHeardFromBetween(previous, deadline);
        List<String> missing = partners.all().stream().map(Partner::partnerId)
                .filter(id -> !heardFrom.contains(id)).toList();
        for (String partnerId : missing) {
            LOG.warn("missing nightly drop: partner={} sent no file between {} and {}", partnerId, previous,
                    deadline);
            metrics.println(metricLine(partnerId));
        }
        LOG.info("nightly drop check deadline={} partners={} missing={}", deadline, partners.all().size(),
                missing.size());
        return missing;
    }

    /** One line of CloudWatch's embedded metric format: the metric's definition and its value, together. */
    private String metricLine(String partnerId) {
        ObjectNode line = ContractJson.internalMapper().createObjectNode();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Partner");
        directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "Count");
        line.put("Partner", partnerId).put(METRIC, 1);
        return line.toString();
    }
}
