package com.qlower.loaders.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.adapters.ses.SesEmailSender;
import com.qlower.loaders.partners.Partner.Language;
import com.qlower.loaders.report.RunReport;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The partner emails as SES receives them: rendered from a report, sent by {@link SesEmailSender} to WireMock
 * standing in for SES v2, read back from the JSON request the SDK sent.
 */
class PartnerEmailOverSesTest {

    @RegisterExtension
    static WireMockExtension ses = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static SesV2Client client;

    private final EmailRenderer renderer = new EmailRenderer();

    @BeforeAll
    static void connect() {
        client = AwsClients.sesV2(URI.create(ses.baseUrl()), "AKIDEXAMPLE", "secret", 1);
    }

    @BeforeEach
    void sesAcceptsEveryEmail() {
        ses.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(okJson("{\"MessageId\":\"m-1\"}")));
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void integratedFile_inFrench_arrivesWithAFrenchSubjectAndFrenchBodies() throws Exception {
        Sent sent = send(RunReportFixture.integrated(), Language.FR);

        assertThat(sent.to).containsExactly("ops@gestimmo.example", "it@gestimmo.example");
        assertThat(sent.subject).isEqualTo("[Qlower] transactions_20261123.json : intégré (13 enregistrements)");
        for (String body : List.of(sent.html, sent.text)) {
            assertThat(body).contains("Tout le fichier est intégré",
                    "Enregistrements", "Reçus", "Insérés", "Aucune erreur.", "2 avertissements",
                    "Ce lien expire le 1er décembre 2026 à 09:00 (heure de Paris).", RunReportFixture.RUN_ID)
                    .doesNotContain("Records", "Received", "warnings", "expires");
        }
        assertThat(sent.html).contains("Voir le rapport complet");
    }

    @Test
    void integratedFile_inEnglish_arrivesWithAnEnglishSubjectAndEnglishBodies() throws Exception {
        Sent sent = send(RunReportFixture.integrated(), Language.EN);

        assertThat(sent.subject).isEqualTo("[Qlower] transactions_20261123.json: integrated (13 records)");
        for (String body : List.of(sent.html, sent.text)) {
            assertThat(body).contains("The whole file is integrated", "Records", "Received", "Inserted", "No errors.",
                    "2 warnings", "This link expires on 1 December 2026 at 09:00 (Paris time).", RunReportFixture.RUN_ID)
                    .doesNotContain("Enregistrements", "Reçus", "avertissements", "expire le");
        }
        assertThat(sent.html).contains("Open the full report");
    }

    @Test
    void rejectedFile_inFrench_listsTheErrorsInFrench_escaped_withoutTheirValues() throws Exception {
        Sent sent = send(RunReportFixture.rejected(), Language.FR);

        assertThat(sent.subject).isEqualTo("[Qlower] transactions_20261124.json : rejeté");
        for (String body : List.of(sent.html, sent.text)) {
            assertThat(body).contains("Rien de ce fichier n’est intégré", "Les 10 premières erreurs sur 13",
                    "TOO_MANY_REJECTED_RECORDS", "fichier entier", "IBAN_INVALID",
                    "enregistrement 3 · /records/3/bank_account_iban", "la clé de contrôle de l",
                    "1 avertissement :")
                    .doesNotContain("check digits", "nothing from this file");
        }
        assertNoQuotedValues(sent);
        assertEscaped(sent, "libellé refusé : ");
    }

    @Test
    void rejectedFile_inEnglish_listsTheErrorsInEnglish_escaped_withoutTheirValues() throws Exception {
        Sent sent = send(RunReportFixture.rejected(), Language.EN);

        assertThat(sent.subject).isEqualTo("[Qlower] transactions_20261124.json: rejected");
        for (String body : List.of(sent.html, sent.text)) {
            assertThat(body).contains("Nothing from this file is integrated", "The first 10 of 13 errors",
                    "TOO_MANY_REJECTED_RECORDS", "whole file", "IBAN_INVALID",
                    "record 3 · /records/3/bank_account_iban", "the IBAN check digits do not match", "1 warning:")
                    .doesNotContain("clé de contrôle", "rien de ce fichier");
        }
        assertNoQuotedValues(sent);
        assertEscaped(sent, "label refused: ");
    }

    /** The SES request's HTML has the markup of a message as text; the plain text keeps it as it is. */
    private static void assertEscaped(Sent sent, String messageStart) {
        assertThat(sent.html).doesNotContain("<script").contains(messageStart
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(sent.text).contains(messageStart + RunReportFixture.SCRIPT);
    }

    private static void assertNoQuotedValues(Sent sent) {
        assertThat(List.of(sent.subject, sent.html, sent.text)).allSatisfy(part -> assertThat(part)
                .doesNotContain(RunReportFixture.QUOTED_IBAN, RunReportFixture.QUOTED_NAME, "-56.125", "2026-09-01"));
    }

    private Sent send(RunReport report, Language language) throws Exception {
        String messageId = new SesEmailSender(client, "notifications@qlower.example", "partner-notifications")
                .send(renderer.render(report, RunReportFixture.partner(language), RunReportFixture.LINK));
        assertThat(messageId).isEqualTo("m-1");
        List<LoggedRequest> requests = ses.findAll(postRequestedFor(urlEqualTo("/v2/email/outbound-emails")));
        assertThat(requests).hasSize(1);
        JsonNode request = new ObjectMapper().readTree(requests.getFirst().getBodyAsString());
        JsonNode simple = request.path("Content").path("Simple");
        return new Sent(toList(request.path("Destination").path("ToAddresses")),
                simple.path("Subject").path("Data").asText(),
                simple.path("Body").path("Html").path("Data").asText(),
                simple.path("Body").path("Text").path("Data").asText());
    }

    private static List<String> toList(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private record Sent(List<String> to, String subject, String html, String text) {
    }
}
