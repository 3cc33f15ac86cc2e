package com.qlower.loaders.daily;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.pages.DailySummaryPage;
import com.qlower.loaders.pages.ReportPage;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.report.DailySummary;
import com.qlower.loaders.staging.ReportStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one day's summary of each partner into the ingest bucket: {@code summaries/{date}/{partner}.json} and, in
 * the partner's language, {@code .html}. Writing a day again replaces its summaries with what the database holds
 * then.
 */
public final class DailySummaryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DailySummaryWriter.class);

    private final ObjectStore store;
    private final String bucket;
    private final RunHistory history;
    private final PartnerRegistry partners;

    public DailySummaryWriter(ObjectStore store, String bucket, RunHistory history, PartnerRegistry partners) {
        this.store = store;
        this.bucket = bucket;
        this.history = history;
        this.partners = partners;
    }

    /** Writes the day's summaries; returns their keys. */
    public List<String> write(LocalDate date) {
        Map<String, Partner.Language> languages = partners.all().stream()
                .collect(Collectors.toMap(Partner::partnerId, Partner::language));
        List<String> keys = new ArrayList<>();
        for (DailySummary summary : DailySummary.of(date, history.receivedOn(date), partners.partnerIds())) {
            String base = "summaries/" + date + "/" + summary.partnerId();
            store.put(bucket, base + ".json", json(summary), ReportStore.CONTENT_TYPE);
            store.put(bucket, base + ".html", DailySummaryPage.render(summary,
                    languages.getOrDefault(summary.partnerId(), Partner.Language.FR))
                    .getBytes(StandardCharsets.UTF_8), ReportPage.CONTENT_TYPE);
            keys.add(base + ".json");
            keys.add(base + ".html");
            LOG.info("daily summary date={} partner={} files={} succeeded={} failed={} inProgress={}", date,
                    summary.partnerId(), summary.filesReceived(), summary.succeeded(), summary.failed(),
                    summary.inProgress());
        }
        return keys;
    }

    private static byte[] json(DailySummary summary) {
        try {
            return ContractJson.internalMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary of " + summary.partnerId(), e);
        }
    }
}
