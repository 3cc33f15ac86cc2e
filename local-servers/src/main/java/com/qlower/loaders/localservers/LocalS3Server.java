package com.qlower.loaders.localservers;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 protocol server (S3Proxy) in this process, on a free loopback port, with signed requests.
 * Backed by a folder (state survives restarts) or by memory (tests). It does not version objects.
 */
public final class LocalS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private LocalS3Server(BlobStoreContext context) throws Exception {
        this.context = context;
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** A server keeping its objects under {@code folder}. */
    public static LocalS3Server onFolder(Path folder) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        return new LocalS3Server(ContextBuilder.newBuilder("filesystem").overrides(properties)
                .build(BlobStoreContext.class));
    }

    /** A server keeping its objects in memory. */
    public static LocalS3Server inMemory() throws Exception {
        return new LocalS3Server(ContextBuilder.newBuilder("transient").build(BlobStoreContext.class));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
