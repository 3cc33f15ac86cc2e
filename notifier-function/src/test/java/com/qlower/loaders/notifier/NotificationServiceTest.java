package com.qlower.loaders.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.notify.Email;
import com.qlower.loaders.notify.WebhookEvent;
import com.qlower.loaders.notify.WebhookOutcome;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.NotificationLog;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.staging.ReportStore;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.FileRef;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.steps.ArchiveLayout;
import com.qlower.loaders.steps.ArchiveResult;
import com.qlower.loaders.steps.StepOutcome;
import com.qlower.loaders.steps.RunFacts;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.NotifyResult;
import com.qlower.loaders.steps.NotifyResult.EmailResult;
import com.qlower.loaders.steps.NotifyResult.WebhookResult;
import com.qlower.loaders.testing.InMemoryObjectStore;
import com.qlower.loaders.testing.InMemoryPartnerRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The notifier's decisions on in-memory fakes of its ports: who is told, once, and what a channel that fails does
 * (the SES and webhook adapters have their own tests against a real HTTP server).
 */
class NotificationServiceTest {

    private static final String BUCKET = "ingest";
    private static final String RUN = "0123456789abcdef0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:20:00Z"), ZoneOffset.UTC);
    private static final URI HOOK = URI.create("https://hooks.gestimmo.example/qlower");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final InMemoryPartnerRegistry partners = new InMemoryPartnerRegistry();
    private final List<Email> emails = new ArrayList<>();
    private final List<WebhookEvent> events = new ArrayList<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final Map<String, Enum<?>> notifications = new HashMap<>();
    private Function<WebhookEvent, WebhookOutcome> endpoint =
            e -> new WebhookOutcome(WebhookOutcome.Status.DELIVERED, 1, 200, null);
    private RuntimeException emailFailure;

    private final NotificationLog log = new NotificationLog() {
        @Override
        public <E extends Enum<E>> Optional<E> outcome(String runId, Channel channel, Class<E> type) {
            return Optional.ofNullable(notifications.get(runId + "/" + channel)).map(type::cast);
        }

        @Override
        public void record(String runId, Channel channel, Enum<?> outcome, String detail) {
            notifications.put(runId + "/" + channel, outcome);
        }
    };

    private final NotificationService service = new NotificationService(store, partners,
            new NotificationService.Channels(
                    (report, partner, page) -> new Email(partner.contactEmails(),
                            partner.language() + " " + report.outcome(), "<p>" + page.url() + "</p>", page.url()),
                    email -> {
                        if (emailFailure != null) {
                            throw emailFailure;
                        }
                        emails.add(email);
                        return "ses-" + emails.size();
                    },
                    (partnerId, url, secret, event) -> {
                        assertThat(secret).isEqualTo("whsec_c2VjcmV0");
                        events.add(event);
                        return endpoint.apply(event);
                    },
                    reference -> Map.of("env:GESTIMMO_HOOK", "whsec_c2VjcmV0").get(reference),
                    (report, validity) -> URI.create("https://s3.example/" + report.key() + "?expires="
                            + validity.toDays() + "d")),
            log, audit::add, CLOCK);

    @Test
    void succeededFile_emailsTheContacts_andSendsOneSignedEvent_withTheReportLink() throws Exception {
        partners.save(gestimmo(true));
        NotifyRequest request = stage(FileOutcome.SUCCEEDED);

        NotifyResult result = service.notify(request);

        assertThat(result).isEqualTo(new NotifyResult(EmailResult.SENT, WebhookResult.DELIVERED));
        assertThat(emails).singleElement().satisfies(e -> {
            assertThat(e.to()).containsExactly("flux@gestimmo.example");
            assertThat(e.subject()).isEqualTo("FR SUCCEEDED");
            assertThat(e.text()).as("a person reads the page").isEqualTo(
                    "https://s3.example/success/gestimmo/transactions_20261123." + RUN.substring(0, 12)
                            + ".report.html?expires=7d");
        });
        WebhookEvent event = events.get(0);
        assertThat(event.id()).isEqualTo("msg_" + RUN);
        assertThat(event.type()).isEqualTo("loader.file.succeeded");
        JsonNode body = ContractJson.internalMapper().readTree(event.body());
        assertThat(body.at("/data/run_id").asText()).isEqualTo(RUN);
        assertThat(body.at("/data/counts/inserted").asLong()).isEqualTo(13);
        assertThat(body.at("/data/report_url").asText()).as("a system reads the JSON")
                .startsWith("https://s3.example/success/gestimmo/").contains(".report.json");
        assertThat(body.at("/data/report_url_expires_at").asText()).isEqualTo("2026-11-30T01:20:00Z");
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(AuditEvent.Action.NOTIFIED);
            assertThat(a.detail()).isEqualTo("email SENT, webhook DELIVERED");
        });
    }

    @Test
    void notifyRetried_sendsNothingTwice() {
        partners.save(gestimmo(true));
        NotifyRequest request = stage(FileOutcome.SUCCEEDED);
        service.notify(request);

        NotifyResult again = service.notify(request);

        assertThat(again).isEqualTo(new NotifyResult(EmailResult.ALREADY_SENT, WebhookResult.ALREADY_SENT));
        assertThat(emails).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    void endpointGone_disablesThePartnersWebhook_andTheNextFileSendsNoEvent() {
        partners.save(gestimmo(true));
        NotifyRequest request = stage(FileOutcome.FAILED);
        endpoint = e -> new WebhookOutcome(WebhookOutcome.Status.ENDPOINT_GONE, 1, 410, null);

        NotifyResult gone = service.notify(request);

        assertThat(gone.webhook()).isEqualTo(WebhookResult.ENDPOINT_GONE);
        assertThat(events.get(0).type()).isEqualTo("loader.file.failed");
        assertThat(partners.find("gestimmo").orElseThrow().webhookEnabled()).isFalse();
        notifications.clear();
        assertThat(service.notify(request).webhook())
                .isEqualTo(WebhookResult.DISABLED);
        assertThat(events).hasSize(1);
    }

    @Test
    void emailThatFails_isRecorded_theWebhookStillGoes_andNothingIsThrown() {
        partners.save(gestimmo(true));
        NotifyRequest request = stage(FileOutcome.SUCCEEDED);
        emailFailure = new IllegalArgumentException("SES: address rejected");

        NotifyResult result = service.notify(request);

        assertThat(result).isEqualTo(new NotifyResult(EmailResult.FAILED, WebhookResult.DELIVERED));
        assertThat(notifications).containsEntry(RUN + "/EMAIL", EmailResult.FAILED);
    }

    @Test
    void emailThatMayPass_isThrownForStepFunctionsToRetry_andSentOnTheRetry() {
        partners.save(gestimmo(false));
        NotifyRequest request = stage(FileOutcome.SUCCEEDED);
        emailFailure = new TransientFailure("SES answered 503", null);

        Throwable thrown = catchThrowable(() -> service.notify(request));
        emailFailure = null;
        NotifyResult retried = service.notify(request);

        assertThat(thrown).isInstanceOf(TransientFailure.class);
        assertThat(retried.email()).isEqualTo(EmailResult.SENT);
        assertThat(retried.webhook()).isEqualTo(WebhookResult.NONE);
        assertThat(emails).hasSize(1);
    }

    @Test
    void fileOfNoRegisteredPartner_tellsNobody_butIsAudited() {
        NotifyRequest request = stage(FileOutcome.FAILED);

        NotifyResult result = service.notify(request);

        assertThat(result).isEqualTo(new NotifyResult(EmailResult.NONE, WebhookResult.NONE));
        assertThat(emails).isEmpty();
        assertThat(audit).hasSize(1);
    }

    private static Partner gestimmo(boolean withWebhook) {
        return new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of("flux@gestimmo.example"),
                withWebhook ? HOOK : null, withWebhook ? "env:GESTIMMO_HOOK" : null, true,
                EnumSet.allOf(Loader.class), 5.0);
    }

    /** The final report of a transactions file, archived with the given outcome; the Notify state's request. */
    private NotifyRequest stage(FileOutcome outcome) {
        String folder = outcome == FileOutcome.SUCCEEDED ? "success" : "failure";
        String archivedKey = folder + "/gestimmo/transactions_20261123." + RUN.substring(0, 12) + ".json";
        FileRef file = new FileRef(BUCKET, "inbox/gestimmo/transactions_20261123.json", "v1");
        RunFacts facts = new RunFacts("gestimmo", Loader.TRANSACTIONS, Mode.DELTA, "2026-11-23", 0, "ab".repeat(32),
                RejectTolerance.DEFAULT, DeletionGuard.DEFAULT, null);
        RunReport report = RunReport.validated(RUN, file, facts, 4096, StepOutcome.ACCEPTED,
                new Counts(13, 13, 0, 0, 0, 0, 0, 0), ErrorList.empty(), CLOCK.instant(), CLOCK.instant())
                .withIntegration(new Counts(13, 13, 0, 13, 0, 0, 0, 0), ErrorList.empty(), CLOCK.instant())
                .archived(outcome, archivedKey, null, CLOCK.instant());
        ArchiveResult archive = new ArchiveResult(archivedKey, ArchiveLayout.reportKeyOf(archivedKey));
        new ReportStore(store).writeAt(BUCKET, archive.reportKey(), report);
        return new NotifyRequest(RUN, "gestimmo-transactions_20261123-" + RUN, file, facts, archive);
    }
}
