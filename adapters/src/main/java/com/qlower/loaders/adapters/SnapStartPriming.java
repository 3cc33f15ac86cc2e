package com.qlower.loaders.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.qlower.loaders.adapters.SnapStartHooks.Priming;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Counts;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.Mode;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.errors.ErrorList;
import com.qlower.loaders.report.RunReport;
import com.qlower.loaders.steps.FileRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What a SnapStart function primes before its snapshot ({@link SnapStartHooks}): the first request of each SDK client
 * it uses, as a {@linkplain AwsClients#dryRun dry run} of a read (nothing is sent; were the stop ever missing, a read
 * of a made-up name changes nothing), the JSON of the report every step reads and writes, and the validator's full
 * schemas. Fixed values only:
 * nothing unique is computed here, and nothing is kept.
 */
public final class SnapStartPriming {

    /** Made up: a dry run sends nothing, so nothing needs to exist. */
    private static final String BUCKET = "qlower-snapstart-priming";
    private static final String KEY = "priming/report.json";

    private SnapStartPriming() {
    }

    /** A dry run of an object's read: S3's endpoint rules, marshalling and signing. */
    public static Priming s3(S3Client s3) {
        return new Priming("a dry run of an S3 read", () -> AwsClients.dryRun(
                () -> s3.getObject(b -> b.bucket(BUCKET).key(KEY).overrideConfiguration(AwsClients.DRY_RUN))));
    }

    /** A link signed for a made-up object: signing is local, nothing is sent. */
    public static Priming reportLinks(S3Presigner presigner) {
        return new Priming("a pre-signed link", () -> presigner.presignGetObject(b -> b
                .signatureDuration(Duration.ofMinutes(1)).getObjectRequest(g -> g.bucket(BUCKET).key(KEY))));
    }

    /** A dry run of a state machine's description: the Step Functions client's path. */
    public static Priming stepFunctions(SfnClient sfn) {
        return new Priming("a dry run of a Step Functions request", () -> AwsClients.dryRun(
                () -> sfn.describeStateMachine(b -> b.stateMachineArn(
                        "arn:aws:states:eu-west-3:000000000000:stateMachine:" + BUCKET)
                        .overrideConfiguration(AwsClients.DRY_RUN))));
    }

    /** A dry run of the account's reading: the SES v2 client's path. */
    public static Priming ses(SesV2Client ses) {
        return new Priming("a dry run of an SES request",
                () -> AwsClients.dryRun(() -> ses.getAccount(b -> b.overrideConfiguration(AwsClients.DRY_RUN))));
    }

    /**
     * The contract's full JSON Schemas and the mapping profiles' schema, compiled before the snapshot rather than at a
     * restored instance's first need.
     */
    public static Priming contractSchemas(RecordValidator validator, ProfileCheck profiles) {
        return new Priming("the contract's and the mapping profiles' schemas", () -> {
            validator.prepareFullSchemas();
            profiles.prepare();
        });
    }

    /**
     * A report written as JSON and read back, in memory, as the steps store it: Jackson's mapper and the report's
     * serializers and deserializers.
     */
    public static Priming reportJson() {
        return new Priming("the report's JSON", SnapStartPriming::reportRoundTrip);
    }

    static RunReport reportRoundTrip() {
        RunReport report = RunReport.builder("priming", new FileRef(BUCKET, KEY, "v1")).partnerId("priming")
                .loader(Loader.TRANSACTIONS).mode(Mode.DELTA).snapshotDate(LocalDate.EPOCH)
                .counts(Counts.ofValidation(1, 0)).errors(ErrorList.empty()).warnings(ErrorList.empty())
                .receivedAt(Instant.EPOCH).build();
        ObjectMapper json = ContractJson.internalMapper();
        try {
            return json.readValue(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report), RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
