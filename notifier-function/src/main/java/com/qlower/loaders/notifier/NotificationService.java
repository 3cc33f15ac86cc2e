package com.qlower.loaders.notifier;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.notify.WebhookOutcome;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.EmailSender;
import com.qlower.loaders.ports.NotificationLog;
import com.qlower.loaders.ports.NotificationLog.Channel;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.ReportLinks;
import com.qlower.loaders.ports.Secrets;
import com.qlower.loaders.ports.WebhookSender;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.NotifyResult;
import com.qlower.loaders.steps.NotifyResult.EmailResult;
import com.qlower.loaders.steps.NotifyResult.WebhookResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a file's partner what happened to it, once the file is archived: one email to its contacts in its
 * language, one Standard Webhooks event to its endpoint, each with a link to the archived report. Each channel is
 * sent at most once per run (a retried Notify skips what went); a channel that fails is recorded and never fails
 * the file. A partner whose endpoint answers 410 Gone has its webhook disabled.
 */
public final class NotificationService {

    /** How long report links are asked to last (a role's temporary credentials may end them sooner). */
    static final Duration LINK_VALIDITY = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    /** Writes the email of a file's end; the renderer of the partner's language. */
    @FunctionalInterface
    public interface EmailComposer {
        Email compose(RunReport report, Partner partner, ReportLink reportPage);
    }

    /** The notifier's collaborators: what it reads, and where it sends. */
    public record Channels(EmailComposer composer, EmailSender email, WebhookSender webhooks, Secrets secrets,
                           ReportLinks links) {
    }

    private final ReportStore reports;
    private final PartnerRegistry partners;
    private final Channels channels;
    private final NotificationLog sent;
    private final AuditTrail audit;
    private final Clock clock;

    public NotificationService(ObjectStore store, PartnerRegistry partners, Channels channels, NotificationLog sent,
                               AuditTrail audit, Clock clock) {
        this.reports = new ReportStore(store);
        this.partners = partners;
        this.channels = channels;
        this.sent = sent;
        this.audit = audit;
        this.clock = clock;
    }

    public NotifyResult notify(NotifyRequest request) {
        String bucket = request.file().bucket();
        // the partner's own output, as archived: the email and the event say what it says
        RunReport report = reports.readAt(bucket, request.archive().reportKey());
        String partnerId = request.run().partnerId();
        Optional<Partner> partner = partnerId == null ? Optional.empty() : partners.find(partnerId);
        NotifyResult result;
        if (partner.isEmpty()) {
            // a file in the folder of no registered partner: there is nobody to tell, only operators
            result = NotifyResult.NOBODY;
        } else {
            // a person reads the report page; a partner's system reads the JSON report
            ReportLink page = link(bucket, ArchiveLayout.htmlReportKeyOf(request.archive().archivedKey()));
            ReportLink json = link(bucket, request.archive().reportKey());
            result = new NotifyResult(email(report, partner.get(), page), webhook(report, partner.get(), json));
        }
        audit.record(AuditEvent.of(report, request.executionName(), AuditEvent.Action.NOTIFIED, "notifier",
                "email " + result.email() + ", webhook " + result.webhook(), clock.instant()));
        LOG.info("notified: email={} webhook={}", result.email(), result.webhook());
        return result;
    }

    private ReportLink link(String bucket, String key) {
        return new ReportLink(channels.links().linkTo(new FileRef(bucket, key, null), LINK_VALIDITY).toString(),
                clock.instant().plus(LINK_VALIDITY));
    }

    private EmailResult email(RunReport report, Partner partner, ReportLink page) {
        if (partner.contactEmails().isEmpty()) {
            return EmailResult.NONE;
        }
        if (sent.outcome(report.runId(), Channel.EMAIL, EmailResult.class).orElse(null) == EmailResult.SENT) {
            return EmailResult.ALREADY_SENT;
        }
        try {
            String messageId = channels.email().send(channels.composer().compose(report, partner, page));
            sent.record(report.runId(), Channel.EMAIL, EmailResult.SENT, messageId);
            return EmailResult.SENT;
        } catch (TransientFailure e) {
            sent.record(report.runId(), Channel.EMAIL, EmailResult.FAILED, e.getMessage());
            throw e; // Step Functions retries the Notify state; what went is not sent again
        } catch (RuntimeException e) {
            LOG.warn("email of run={} not sent: {}", report.runId(), e.toString());
            sent.record(report.runId(), Channel.EMAIL, EmailResult.FAILED, e.getClass().getSimpleName());
            return EmailResult.FAILED;
        }
    }

    private WebhookResult webhook(RunReport report, Partner partner, ReportLink json) {
        if (partner.webhookUrl() == null) {
            return WebhookResult.NONE;
        }
        if (!partner.webhookEnabled()) {
            return WebhookResult.DISABLED;
        }
        if (sent.outcome(report.runId(), Channel.WEBHOOK, WebhookResult.class).orElse(null)
                == WebhookResult.DELIVERED) {
            return WebhookResult.ALREADY_SENT;
        }
        String secret;
        try {
            secret = channels.secrets().resolve(partner.webhookSecretRef());
        } catch (RuntimeException e) {
            LOG.warn("webhook of run={} not sent: its secret cannot be read: {}", report.runId(), e.toString());
            sent.record(report.runId(), Channel.WEBHOOK, WebhookResult.FAILED, "signing secret unavailable");
            return WebhookResult.FAILED;
        }
        WebhookOutcome outcome = channels.webhooks().deliver(partner.partnerId(), partner.webhookUrl(), secret,
                WebhookPayload.of(report, json));
        if (outcome.status() == WebhookOutcome.Status.ENDPOINT_GONE) {
            partners.disableWebhook(partner.partnerId(), "410 Gone at " + clock.instant() + " (run "
                    + report.runId() + ")");
        }
        sent.record(report.runId(), Channel.WEBHOOK, WebhookResult.of(outcome.status()),
                outcome.attempts() + " attempt(s), last status " + outcome.lastStatus()
                        + (outcome.detail() == null ? "" : ": " + outcome.detail()));
        return WebhookResult.of(outcome.status());
    }
}
