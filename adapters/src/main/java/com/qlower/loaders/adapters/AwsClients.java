package com.qlower.loaders.adapters;

import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the AWS SDK clients, once per cold start: explicit region, the light URL connection HTTP client. With an
 * endpoint override (the local S3 server), path-style addressing, static credentials, and checksums only when an
 * operation requires them, since S3 protocol servers do not all speak the SDK's newer checksum trailers. Every client
 * can make a {@linkplain #dryRun dry run} of a request: all of the request's path but the sending.
 */
public final class AwsClients {

    /** Marks a request of a {@linkplain #dryRun dry run}: stopped once signed, never sent. */
    private static final String DRY_RUN_HEADER = "x-qlower-dry-run";

    /** Stops the dry runs' requests, and only them, just before they would be sent. */
    private static final Consumer<ClientOverrideConfiguration.Builder> STOPS_DRY_RUNS =
            o -> o.addExecutionInterceptor(new DryRunStop());

    /** The override configuration of a {@linkplain #dryRun dry run}'s request. */
    public static final Consumer<AwsRequestOverrideConfiguration.Builder> DRY_RUN =
            o -> o.putHeader(DRY_RUN_HEADER, "stop");

    private AwsClients() {
    }

    /**
     * Runs {@code request} as far as it goes without sending anything: endpoint resolution, marshalling, the
     * credentials, signing and the HTTP request, then stopped. {@code request} makes one call of a client of this
     * class with {@link #DRY_RUN} as its override configuration. What a first real request would load and
     * initialise is then in a SnapStart snapshot rather than paid after a restore (SnapStartHooks), with no call
     * to AWS and no connection in the snapshot.
     *
     * @throws IllegalStateException if the request was not stopped (sent, or failed before it was signed)
     */
    public static void dryRun(Runnable request) {
        try {
            request.run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DryRunStopped) {
                    return;
                }
            }
            throw new IllegalStateException("the dry run failed before its request was signed: " + e, e);
        }
        throw new IllegalStateException("the dry run's request was sent: its client does not stop dry runs");
    }

    /** The S3 client of a Lambda function: region and credentials from the Lambda environment. */
    public static S3Client s3(Region region) {
        return S3Client.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(STOPS_DRY_RUNS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** An S3 client for an S3 protocol server at {@code endpoint} (the local runner, the tests). */
    public static S3Client s3(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .region(Region.US_EAST_1) // a local server knows no regions: no location constraint
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(credentials(accessKey, secretKey))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(STOPS_DRY_RUNS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static SfnClient stepFunctions(Region region) {
        return SfnClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(STOPS_DRY_RUNS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static SecretsManagerClient secretsManager(Region region) {
        return SecretsManagerClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(STOPS_DRY_RUNS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Signs report links with the Lambda's own credentials. */
    public static S3Presigner s3Presigner(Region region) {
        return S3Presigner.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    /** Signs links to an S3 protocol server at {@code endpoint} (the local runner, the tests). */
    public static S3Presigner s3Presigner(URI endpoint, String accessKey, String secretKey) {
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(credentials(accessKey, secretKey))
                .build();
    }

    /** The SES v2 client of a Lambda function: region and credentials from the Lambda environment. */
    public static SesV2Client sesV2(Region region) {
        return SesV2Client.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(STOPS_DRY_RUNS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * An SES v2 client for a stand-in at {@code endpoint} (the tests), making at most {@code maxAttempts} attempts
     * per call, so that a test of an error answer does not wait for the SDK's full backoff.
     */
    public static SesV2Client sesV2(URI endpoint, String accessKey, String secretKey, int maxAttempts) {
        return SesV2Client.builder()
                .region(Region.EU_WEST_3) // only signs the requests: the endpoint is given
                .endpointOverride(endpoint)
                .credentialsProvider(credentials(accessKey, secretKey))
                .overrideConfiguration(STOPS_DRY_RUNS.andThen(o -> o.retryStrategy(r -> r.maxAttempts(maxAttempts))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static final class DryRunStop implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.httpRequest().firstMatchingHeader(DRY_RUN_HEADER).isPresent()) {
                throw new DryRunStopped();
            }
        }
    }

    private static final class DryRunStopped extends RuntimeException {
        DryRunStopped() {
            super("a dry run, stopped before it was sent", null, false, false);
        }
    }
}
