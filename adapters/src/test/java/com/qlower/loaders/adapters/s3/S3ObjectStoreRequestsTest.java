package com.qlower.loaders.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.qlower.loaders.steps.FileRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The requests {@link S3ObjectStore} sends where the local S3 server cannot show them: SSE-KMS (it has no KMS) and
 * versions (it keeps none). The SDK client is mocked here, in the adapter's own test, and only here.
 */
class S3ObjectStoreRequestsTest {

    private static final String KEY_ARN = "arn:aws:kms:eu-west-3:123456789012:key/0b7c-data";

    private final S3Client s3 = mock(S3Client.class, withSettings().defaultAnswer(Mockito.CALLS_REAL_METHODS));

    @Test
    void put_withADataKey_asksForSseKmsUnderThatKey_onEveryObject() {
        doReturn(PutObjectResponse.builder().versionId("v9").build())
                .when(s3).putObject(any(PutObjectRequest.class), any(RequestBody.class));

        FileRef written = new S3ObjectStore(s3, KEY_ARN).put("docs", "gestimmo/abc", new byte[] {1}, "application/pdf");

        ArgumentCaptor<PutObjectRequest> request = ArgumentCaptor.forClass(PutObjectRequest.class);
        verify(s3).putObject(request.capture(), any(RequestBody.class));
        assertThat(request.getValue().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(request.getValue().ssekmsKeyId()).isEqualTo(KEY_ARN);
        assertThat(written).isEqualTo(new FileRef("docs", "gestimmo/abc", "v9"));
    }

    @Test
    void put_withoutADataKey_leavesEncryptionToTheBucket() {
        doReturn(PutObjectResponse.builder().build())
                .when(s3).putObject(any(PutObjectRequest.class), any(RequestBody.class));

        new S3ObjectStore(s3).put("docs", "gestimmo/abc", new byte[] {1}, "application/pdf");

        ArgumentCaptor<PutObjectRequest> request = ArgumentCaptor.forClass(PutObjectRequest.class);
        verify(s3).putObject(request.capture(), any(RequestBody.class));
        assertThat(request.getValue().serverSideEncryption()).isNull();
    }

    @Test
    void deleteAllVersions_deletesEveryVersionAndDeleteMarkerOfExactlyThatKey() {
        versionsAre();

        new S3ObjectStore(s3).deleteAllVersions("docs", "gestimmo/abc");

        assertThat(deletedVersions()).containsExactlyInAnyOrder("v1", "v2", "m1");
    }

    @Test
    void deleteEarlierVersions_keepsTheVersionJustWritten() {
        versionsAre();

        new S3ObjectStore(s3).deleteEarlierVersions(new FileRef("docs", "gestimmo/abc", "v2"));

        assertThat(deletedVersions()).containsExactlyInAnyOrder("v1", "m1");
    }

    /** Two versions and a delete marker of the key; a version of a longer key with the same prefix. */
    private void versionsAre() {
        doReturn(ListObjectVersionsResponse.builder().isTruncated(false)
                .versions(ObjectVersion.builder().key("gestimmo/abc").versionId("v1").build(),
                        ObjectVersion.builder().key("gestimmo/abc").versionId("v2").build(),
                        ObjectVersion.builder().key("gestimmo/abcd").versionId("other").build())
                .deleteMarkers(DeleteMarkerEntry.builder().key("gestimmo/abc").versionId("m1").build())
                .build()).when(s3).listObjectVersions(any(ListObjectVersionsRequest.class));
        doReturn(DeleteObjectResponse.builder().build()).when(s3).deleteObject(any(DeleteObjectRequest.class));
    }

    private List<String> deletedVersions() {
        ArgumentCaptor<DeleteObjectRequest> deletes = ArgumentCaptor.forClass(DeleteObjectRequest.class);
        verify(s3, Mockito.atLeast(0)).deleteObject(deletes.capture());
        assertThat(deletes.getAllValues()).allSatisfy(d -> assertThat(d.key()).isEqualTo("gestimmo/abc"));
        return deletes.getAllValues().stream().map(DeleteObjectRequest::versionId).toList();
    }
}
