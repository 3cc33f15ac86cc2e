package com.qlower.loaders.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.CLOCK;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.DOCUMENTS_BUCKET;
import static com.qlower.loaders.adapters.testing.SamplePartnerFile.INGEST_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.LocalAdapters;
import com.qlower.loaders.adapters.logging.MetricsLog;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresWebhookAttemptLog;
import com.qlower.loaders.adapters.s3.S3ReportLinks;
import com.qlower.loaders.adapters.ses.SesEmailSender;
import com.qlower.loaders.adapters.testing.FilePipelineDefinition;
import com.qlower.loaders.adapters.testing.LambdaContexts;
import com.qlower.loaders.adapters.testing.LocalInfrastructure;
import com.qlower.loaders.adapters.testing.StagedSample;
import com.qlower.loaders.adapters.webhooks.StandardWebhookSender;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.steps.FileOutcome;
import com.qlower.loaders.steps.NotifyRequest;
import com.qlower.loaders.steps.NotifyResult;
import com.qlower.loaders.steps.NotifyResult.EmailResult;
import com.qlower.loaders.steps.NotifyResult.WebhookResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The notifier's handler on {@code events/notifier-request.json}, read by the Lambda runtime's serializer, on what
 * the real earlier steps leave for the sample ({@link StagedSample}, held to those steps by their own tests: the
 * archived file, its report and its page), over an S3 protocol server and PostgreSQL, with SES and the partner's
 * webhook endpoint stood in for by a real HTTP server.
 */
class NotifierHandlerTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @RegisterExtension
    static final LocalInfrastructure infrastructure = LocalInfrastructure.s3AndPostgres()
            .withBuckets(INGEST_BUCKET, DOCUMENTS_BUCKET);
    private static WireMockServer http;
    private static NotifierHandler handler;
    private static final List<String> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        http = new WireMockServer(wireMockConfig().dynamicPort());
        http.start();
        http.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(okJson("{\"MessageId\":\"ses-1\"}")));
        http.stubFor(post(urlEqualTo("/hooks/qlower")).willReturn(aResponse().withStatus(204)));

        var database = infrastructure.database();
        var partners = new PostgresPartnerRegistry(database);
        partners.save(new Partner("gestimmo", "GestImmo", Partner.Language.FR, List.of("flux@gestimmo.example"),
                URI.create(http.baseUrl() + "/hooks/qlower"), "env:GESTIMMO_WEBHOOK_SECRET", true,
                EnumSet.allOf(Loader.class), 5.0));
        handler = NotifierWiring.forLocal(LocalAdapters.onPostgres(infrastructure.objectStore(), database, CLOCK)
                .withPartners(partners).withChannels(
                        new SesEmailSender(AwsClients.sesV2(URI.create(http.baseUrl()), "key", "secret", 1),
                                "fichiers@qlower.fr", "qlower-loaders-prod-notifications"),
                        // the stand-in endpoint is on this machine: loopback allowed, as only the local runner does
                        new StandardWebhookSender(new StandardWebhookSender.Settings(Duration.ofSeconds(2),
                                Duration.ofSeconds(5), 2, true), new PostgresWebhookAttemptLog(database)),
                        reference -> reference.equals("env:GESTIMMO_WEBHOOK_SECRET") ? SECRET : null,
                        new S3ReportLinks(AwsClients.s3Presigner(infrastructure.s3Endpoint(),
                                LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY))),
                new MetricsLog(metrics::add, CLOCK));

        // the sample as the real earlier steps leave it, archived as integrated
        StagedSample.archived(infrastructure.objectStore());
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.stop();
        }
    }

    @ParameterizedTest
    @Event(value = "../events/notifier-request.json", type = NotifyRequest.class)
    void archivedFile_isToldToItsPartner_byOneEmailAndOneEvent_withALinkThatOpensTheReport(NotifyRequest request)
            throws Exception {
        NotifyResult result = handler.handleRequest(request, LambdaContexts.named("qlower-loaders-prod-notifier"));
        NotifyResult again = handler.handleRequest(request, LambdaContexts.named("qlower-loaders-prod-notifier"));

        assertThat(result).isEqualTo(new NotifyResult(EmailResult.SENT, WebhookResult.DELIVERED));
        assertThat(again).isEqualTo(new NotifyResult(EmailResult.ALREADY_SENT, WebhookResult.ALREADY_SENT));
        List<LoggedRequest> ses = http.findAll(postRequestedFor(urlEqualTo("/v2/email/outbound-emails")));
        assertThat(ses).hasSize(1);
        JsonNode email = ContractJson.internalMapper().readTree(ses.get(0).getBodyAsString());
        assertThat(email.at("/Content/Simple/Subject/Data").asText())
                .contains("transactions_20261123.json", "intégré");
        assertThat(email.at("/ConfigurationSetName").asText()).isEqualTo("qlower-loaders-prod-notifications");

        List<LoggedRequest> hooks = http.findAll(postRequestedFor(urlEqualTo("/hooks/qlower")));
        assertThat(hooks).singleElement().satisfies(hook -> {
            assertThat(hook.getHeader("webhook-id")).isEqualTo("msg_" + request.runId());
            assertThat(hook.getHeader("webhook-signature")).startsWith("v1,");
        });
        JsonNode event = ContractJson.internalMapper().readTree(hooks.get(0).getBodyAsString());
        assertThat(event.at("/type").asText()).isEqualTo("loader.file.succeeded");
        assertThat(event.at("/data/outcome").asText()).isEqualTo(FileOutcome.SUCCEEDED.name());

        // the link the partner receives opens the archived report, without credentials
        String link = event.at("/data/report_url").asText();
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(ContractJson.internalMapper().readTree(report.body()).path("run_id").asText())
                .isEqualTo(request.runId());
        String html = email.at("/Content/Simple/Body/Html/Data").asText();
        String page = html.substring(html.indexOf("href=\"") + 6, html.indexOf('"', html.indexOf("href=\"") + 6))
                .replace("&amp;", "&");
        HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).as("the email's link opens the report page").contains("<html", request.runId());

        JsonNode metric = ContractJson.internalMapper().readTree(metrics.get(0));
        assertThat(metric.path("Step").asText()).isEqualTo("Notify");
        assertThat(metric.path("Partner").asText()).isEqualTo("gestimmo");
        assertThat(metric.path("WebhookDeliveriesFailed").asLong()).isZero();
        assertThat(metric.path("EmailsFailed").asLong()).isZero();

        long audited = infrastructure.database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from audit_events where run_id = :run and action = 'NOTIFIED'")
                .bind("run", request.runId()).mapTo(Long.class).one());
        assertThat(audited).as("each Notify is an interaction with the file").isEqualTo(2);
    }

    @Test
    void requestAndResult_areWhatTheStateMachineSendsAndSelects() throws Exception {
        for (String state : List.of("NotifyIntegrated", "NotifyRejected", "NotifyFailed")) {
            FilePipelineDefinition.assertSendsTheEvent(state, "../events/notifier-request.json", NotifyRequest.class);
        }
        NotifyResult emailedOnly = new NotifyResult(EmailResult.SENT, WebhookResult.NONE);
        JsonNode payload = FilePipelineDefinition.assertSelectsFrom(emailedOnly, "NotifyIntegrated", "NotifyRejected",
                "NotifyFailed");
        assertThat(payload.path("email").asText()).isEqualTo("SENT");
    }
}
