package com.qlower.loaders.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.adapters.AwsClients;
import com.qlower.loaders.errors.ObjectNotFound;
import com.qlower.loaders.errors.TransientFailure;
import com.qlower.loaders.localservers.LocalS3Server;
import com.qlower.loaders.steps.FileRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store on a real S3 protocol server (S3Proxy, in memory, signed requests). */
class S3ObjectStoreTest {

    private static final String BUCKET = "qlower-ingest";
    private static final String OTHER_BUCKET = "qlower-documents";

    private static LocalS3Server server;
    private static S3Client s3;
    private static S3ObjectStore store;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalS3Server.inMemory();
        s3 = AwsClients.s3(server.endpoint(), LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY);
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.createBucket(b -> b.bucket(OTHER_BUCKET));
        store = new S3ObjectStore(s3);
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void putBytes_thenOpen_givesBackTheSameBytes_everyByteValue() throws IOException {
        byte[] content = new byte[256 * 4];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }

        store.put(BUCKET, "reports/all-bytes.bin", content, "application/octet-stream");

        assertThat(readAll(new FileRef(BUCKET, "reports/all-bytes.bin", null))).isEqualTo(content);
    }

    @Test
    void putBytes_storesTheContentType() {
        store.put(BUCKET, "reports/run.report.json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("reports/run.report.json")).contentType())
                .isEqualTo("application/json");
    }

    @Test
    void putEmptyBytes_thenOpen_givesAnEmptyObject() throws IOException {
        store.put(BUCKET, "reports/empty.json", new byte[0], "application/json");

        assertThat(store.exists(BUCKET, "reports/empty.json")).isTrue();
        assertThat(readAll(new FileRef(BUCKET, "reports/empty.json", null))).isEmpty();
    }

    @Test
    void putFile_thenOpen_givesBackTheSameBytes() throws IOException {
        Path file = Files.write(folder.resolve("transactions.json"),
                "{\"label\": \"Hélène – loyer\"}\n".getBytes(StandardCharsets.UTF_8));

        store.put(BUCKET, "inbox/gestimmo/transactions_20261123.json", file, "application/json");

        assertThat(readAll(new FileRef(BUCKET, "inbox/gestimmo/transactions_20261123.json", null)))
                .isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void putFile_ofFiveMegabytes_thenOpen_givesBackExactlyTheSameBytes() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(20261123).nextBytes(content);
        Path file = Files.write(folder.resolve("large.pdf"), content);

        store.put(BUCKET, "documents/gestimmo/large.pdf", file, "application/pdf");

        byte[] read = readAll(new FileRef(BUCKET, "documents/gestimmo/large.pdf", null));
        assertThat(read).hasSize(content.length);
        assertThat(sha256(read)).isEqualTo(sha256(content));
        assertThat(read).isEqualTo(content);
    }

    @Test
    void put_replacesTheCurrentObject() throws IOException {
        store.put(BUCKET, "reports/replaced.json", "first".getBytes(StandardCharsets.UTF_8), "text/plain");
        store.put(BUCKET, "reports/replaced.json", "second, longer".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(new String(readAll(new FileRef(BUCKET, "reports/replaced.json", null)), StandardCharsets.UTF_8))
                .isEqualTo("second, longer");
    }

    @Test
    void exists_isTrueForAStoredObject_andFalseOtherwise() {
        store.put(BUCKET, "inbox/gestimmo/caracteristiques_20261123.json", new byte[] {'{', '}'}, "application/json");

        assertThat(store.exists(BUCKET, "inbox/gestimmo/caracteristiques_20261123.json")).isTrue();
        assertThat(store.exists(BUCKET, "inbox/gestimmo/caracteristiques_20261124.json")).isFalse();
        assertThat(store.exists(BUCKET, "inbox/gestimmo")).as("a prefix is not an object").isFalse();
        assertThat(store.exists(BUCKET, "inbox/gestimmo/")).isFalse();
        assertThat(store.exists(OTHER_BUCKET, "inbox/gestimmo/caracteristiques_20261123.json")).isFalse();
    }

    @Test
    void copy_toAnotherKeyAndBucket_keepsTheSourceAndCopiesTheBytes() throws IOException {
        byte[] content = "{\"records\": []}".getBytes(StandardCharsets.UTF_8);
        store.put(BUCKET, "inbox/gestimmo/documents_20261123.json", content, "application/json");
        FileRef source = new FileRef(BUCKET, "inbox/gestimmo/documents_20261123.json", null);

        store.copy(source, BUCKET, "success/gestimmo/documents_20261123.json");
        store.copy(source, OTHER_BUCKET, "archive/documents_20261123.json");

        assertThat(readAll(source)).isEqualTo(content);
        assertThat(readAll(new FileRef(BUCKET, "success/gestimmo/documents_20261123.json", null))).isEqualTo(content);
        assertThat(readAll(new FileRef(OTHER_BUCKET, "archive/documents_20261123.json", null))).isEqualTo(content);
    }

    @Test
    void copy_ofAMissingObject_isObjectNotFound() {
        assertThatThrownBy(() -> store.copy(new FileRef(BUCKET, "inbox/gestimmo/never-there.json", null), BUCKET,
                "success/gestimmo/never-there.json"))
                .isInstanceOf(ObjectNotFound.class);
        assertThat(store.exists(BUCKET, "success/gestimmo/never-there.json")).isFalse();
    }

    @Test
    void delete_removesTheObject() {
        store.put(BUCKET, "inbox/gestimmo/to-delete.json", new byte[] {'x'}, "application/json");
        FileRef ref = new FileRef(BUCKET, "inbox/gestimmo/to-delete.json", null);

        store.delete(ref);

        assertThat(store.exists(BUCKET, "inbox/gestimmo/to-delete.json")).isFalse();
        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(ObjectNotFound.class);
    }

    @Test
    void delete_ofWhatDoesNotExist_isNotAnError() {
        assertThatCode(() -> store.delete(new FileRef(BUCKET, "inbox/gestimmo/never-there.json", null)))
                .doesNotThrowAnyException();
    }

    @Test
    void open_ofAMissingKey_isObjectNotFound_namingTheObject() {
        assertThatThrownBy(() -> store.open(new FileRef(BUCKET, "inbox/gestimmo/missing.json", null)))
                .isInstanceOf(ObjectNotFound.class)
                .hasMessageContaining("s3://" + BUCKET + "/inbox/gestimmo/missing.json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "inbox/gestimmo/releve novembre.json",
            "inbox/gestimmo/relevé de l'agence – novembre.json",
            "inbox/gestimmo/facture n° 17 (copie) #2.json",
            "inbox/gestimmo/loyer 50% + charges & frais.json",
            "inbox/gestimmo/日本語 ファイル.json",
    })
    void keysWithSpacesAccentsAndSymbols_workForEveryOperation(String key) throws IOException {
        byte[] content = key.getBytes(StandardCharsets.UTF_8);
        FileRef ref = new FileRef(BUCKET, key, null);
        String copied = key.replace("inbox/", "failure/");

        store.put(BUCKET, key, content, "application/json");
        assertThat(store.exists(BUCKET, key)).isTrue();
        assertThat(readAll(ref)).isEqualTo(content);

        store.copy(ref, BUCKET, copied);
        assertThat(readAll(new FileRef(BUCKET, copied, null))).isEqualTo(content);

        store.delete(ref);
        assertThat(store.exists(BUCKET, key)).isFalse();
        assertThat(store.exists(BUCKET, copied)).isTrue();
    }

    @Test
    void deleteAllVersions_onAServerWithoutVersioning_deletesTheObject_andAMissingOneIsNotAnError() {
        store.put(BUCKET, "success/gestimmo/erased.json", new byte[] {1, 2}, "application/json");

        store.deleteAllVersions(BUCKET, "success/gestimmo/erased.json");
        store.deleteAllVersions(BUCKET, "success/gestimmo/never-there.json");

        assertThat(store.exists(BUCKET, "success/gestimmo/erased.json")).isFalse();
    }

    @Test
    void deleteEarlierVersions_onAServerWithoutVersioning_keepsWhatWasJustWritten() throws IOException {
        store.put(BUCKET, "success/gestimmo/rewritten.json", new byte[] {1}, "application/json");
        FileRef rewritten = store.put(BUCKET, "success/gestimmo/rewritten.json", new byte[] {2}, "application/json");

        store.deleteEarlierVersions(rewritten);

        assertThat(readAll(new FileRef(BUCKET, "success/gestimmo/rewritten.json", null))).containsExactly(2);
    }

    @Test
    void aServerThatCannotBeReached_isATransientFailure() {
        try (S3Client unreachable = AwsClients.s3(URI.create("http://127.0.0.1:1"), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY)) {
            S3ObjectStore nowhere = new S3ObjectStore(unreachable);

            assertThatThrownBy(() -> nowhere.open(new FileRef(BUCKET, "inbox/gestimmo/x.json", null)))
                    .isInstanceOf(TransientFailure.class)
                    .hasMessageContaining("s3://" + BUCKET + "/inbox/gestimmo/x.json");
            assertThatThrownBy(() -> nowhere.exists(BUCKET, "inbox/gestimmo/x.json"))
                    .isInstanceOf(TransientFailure.class);
        }
    }

    private static byte[] readAll(FileRef ref) throws IOException {
        try (InputStream in = store.open(ref)) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] content) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(content);
    }
}
