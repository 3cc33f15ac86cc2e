package com.qlower.loaders.adapters.ses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.notify.Email;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/** What {@link SesEmailSender} sends on the wire, against WireMock standing in for the SES v2 endpoint. */
class SesEmailSenderTest {

    static final String SEND_EMAIL = "/v2/email/outbound-emails";

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SesV2Client client = AwsClients.sesV2(URI.create(ses.baseUrl()), "AKIDEXAMPLE", "secret", 2);
    private final SesEmailSender sender = new SesEmailSender(client, "Qlower <notifications@qlower.example>",
            "partner-notifications");

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void send_postsSimpleUtf8Content_fromTheSender_toEveryContact_underTheConfigurationSet() throws Exception {
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(okJson("{\"MessageId\":\"0102-abc\"}")));

        String messageId = sender.send(new Email(List.of("ops@gestimmo.example", "it@gestimmo.example"),
                "[Qlower] transactions_20261123.json : intégré", "<p>Fichier intégré</p>", "Fichier intégré"));

        assertThat(messageId).isEqualTo("0102-abc");
        JsonNode request = new ObjectMapper().readTree(onlyRequest().getBodyAsString());
        assertThat(request.path("FromEmailAddress").asText()).isEqualTo("Qlower <notifications@qlower.example>");
        assertThat(request.path("Destination").path("ToAddresses"))
                .extracting(JsonNode::asText).containsExactly("ops@gestimmo.example", "it@gestimmo.example");
        assertThat(request.path("ConfigurationSetName").asText()).isEqualTo("partner-notifications");
        JsonNode simple = request.path("Content").path("Simple");
        assertThat(simple.path("Subject").path("Data").asText())
                .isEqualTo("[Qlower] transactions_20261123.json : intégré");
        assertThat(simple.path("Body").path("Html").path("Data").asText()).isEqualTo("<p>Fichier intégré</p>");
        assertThat(simple.path("Body").path("Text").path("Data").asText()).isEqualTo("Fichier intégré");
        assertThat(List.of(simple.path("Subject"), simple.path("Body").path("Html"), simple.path("Body").path("Text")))
                .allSatisfy(content -> assertThat(content.path("Charset").asText()).isEqualTo("UTF-8"));
    }

    @Test
    void send_signsTheRequestWithSigV4_forSes() {
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(okJson("{\"MessageId\":\"0102-abc\"}")));

        sender.send(anEmail());

        String authorization = onlyRequest().getHeader("Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 ")
                .contains("Credential=AKIDEXAMPLE/").contains("/eu-west-3/ses/aws4_request")
                .contains("Signature=");
        assertThat(onlyRequest().getHeader("X-Amz-Date")).isNotBlank();
    }

    @Test
    void send_whenSesIsUnavailable_retriesThenThrowsTransientFailure() {
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Service Unavailable\"}")));

        assertThatThrownBy(() -> sender.send(anEmail())).isInstanceOf(TransientFailure.class)
                .hasMessageContaining("503");
        ses.verify(2, postRequestedFor(urlEqualTo(SEND_EMAIL)));
    }

    @Test
    void send_whenSesThrottles_throwsTransientFailure() {
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withBody("{\"message\":\"Maximum sending rate exceeded.\"}")));

        assertThatThrownBy(() -> sender.send(anEmail())).isInstanceOf(TransientFailure.class);
    }

    @Test
    void send_whenSesRejectsTheMessage_failsForGood_withoutRetrying() {
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "MessageRejected")
                .withBody("{\"message\":\"Email address is not verified.\"}")));

        assertThatThrownBy(() -> sender.send(anEmail()))
                .isInstanceOf(SesV2Exception.class).isNotInstanceOf(TransientFailure.class);
        ses.verify(1, postRequestedFor(urlEqualTo(SEND_EMAIL))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    private static Email anEmail() {
        return new Email(List.of("ops@gestimmo.example"), "subject", "<p>html</p>", "text");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = ses.findAll(postRequestedFor(urlEqualTo(SEND_EMAIL)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }
}
