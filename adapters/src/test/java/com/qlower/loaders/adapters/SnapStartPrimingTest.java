package com.qlower.loaders.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.contract.RecordValidator;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The priming a SnapStart function runs before its snapshot: each piece runs to its end without sending anything
 * (WireMock stands in for AWS and must see no request), the report's JSON reads back what it wrote, and the
 * validator's schemas are compiled.
 */
class SnapStartPrimingTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void s3AndSesPriming_runWithoutSendingAnyRequest() {
        URI endpoint = URI.create(aws.baseUrl());

        SnapStartPriming.s3(AwsClients.s3(endpoint, "AKIDEXAMPLE", "secret")).work().run();
        SnapStartPriming.ses(AwsClients.sesV2(endpoint, "AKIDEXAMPLE", "secret", 1)).work().run();
        try (S3Presigner presigner = AwsClients.s3Presigner(endpoint, "AKIDEXAMPLE", "secret")) {
            SnapStartPriming.reportLinks(presigner).work().run();
        }

        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void contractSchemas_compilesEveryLoadersFullSchemas_inBothLanguages_andTheProfileSchema() {
        RecordValidator validator = new RecordValidator(Clock.systemUTC());
        ProfileCheck profiles = new ProfileCheck();
        assertThat(validator.fullSchemasCompiled(Loader.TRANSACTIONS, Locale.ENGLISH)).as("before").isFalse();
        assertThat(profiles.schemaCompiled()).as("before").isFalse();

        SnapStartPriming.contractSchemas(validator, profiles).work().run();

        assertThat(profiles.schemaCompiled()).isTrue();

        for (Loader loader : Loader.values()) {
            assertThat(validator.fullSchemasCompiled(loader, Locale.ENGLISH)).as(loader + " en").isTrue();
            assertThat(validator.fullSchemasCompiled(loader, Locale.FRENCH)).as(loader + " fr").isTrue();
        }
    }

    @Test
    void reportJson_readsBackTheReportItWrote_withFixedValuesOnly() {
        var report = SnapStartPriming.reportRoundTrip();

        assertThat(report.runId()).isEqualTo("priming");
        assertThat(report.loader()).isEqualTo(Loader.TRANSACTIONS);
        assertThat(report.receivedAt()).as("nothing unique in a snapshot").isEqualTo(Instant.EPOCH);
        assertThat(report).isEqualTo(SnapStartPriming.reportRoundTrip());
    }
}
