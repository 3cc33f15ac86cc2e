package com.qlower.loaders.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * A dry run of an SDK request ({@link AwsClients#dryRun}), against WireMock standing in for the service: the request
 * goes through its whole path but is never sent, and a request without the mark is sent as always.
 */
class AwsClientsDryRunTest {

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final S3Client s3 = AwsClients.s3(URI.create(aws.baseUrl()), "AKIDEXAMPLE", "secret");

    @Test
    void dryRun_ofAnS3Read_sendsNothing() {
        AwsClients.dryRun(() -> s3.getObject(b -> b.bucket("bucket").key("key")
                .overrideConfiguration(AwsClients.DRY_RUN)));

        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void dryRun_ofAnSesRequest_sendsNothing() {
        SesV2Client ses = AwsClients.sesV2(URI.create(aws.baseUrl()), "AKIDEXAMPLE", "secret", 1);

        AwsClients.dryRun(() -> ses.getAccount(b -> b.overrideConfiguration(AwsClients.DRY_RUN)));

        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aRequestWithoutTheMark_isSent_andADryRunOfIt_saysSo() {
        aws.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("content")));

        assertThatThrownBy(() -> AwsClients.dryRun(() -> s3.getObjectAsBytes(b -> b.bucket("bucket").key("key"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was sent");
        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aDryRunThatFailsBeforeItsRequestIsSigned_isReported() {
        assertThatThrownBy(() -> AwsClients.dryRun(() -> s3.getObject(b -> b.key("no bucket")
                .overrideConfiguration(AwsClients.DRY_RUN))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its request was signed");
        assertThat(aws.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
