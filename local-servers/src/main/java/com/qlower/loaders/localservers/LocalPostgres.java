package com.qlower.loaders.localservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server started from the embedded binaries, on a free loopback port. Its data lives in a
 * folder (kept between runs) or in a fresh temporary one (tests). Where the build names a folder of seeds
 * ({@link ClusterSeeds}), a new cluster is a copy of one made once, not a new initdb.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private static final String INITDB_SEED = "initdb";

    private final EmbeddedPostgres postgres;
    private final Path throwawayFolder;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this(postgres, null);
    }

    private LocalPostgres(EmbeddedPostgres postgres, Path throwawayFolder) {
        this.postgres = postgres;
        this.throwawayFolder = throwawayFolder;
    }

    /** A server whose data lives under {@code dataFolder}, kept between runs. */
    public static LocalPostgres onFolder(Path dataFolder) throws IOException {
        seedIfNew(dataFolder);
        return new LocalPostgres(EmbeddedPostgres.builder()
                .setDataDirectory(dataFolder)
                .setCleanDataDirectory(false)
                .start());
    }

    /**
     * A server on a fixed port whose data lives under {@code dataFolder}: stopped ({@link #close()}) and started
     * again on the same address, it is what a database outage looks like to its clients (the outage tests).
     */
    public static LocalPostgres onFolder(Path dataFolder, int port) throws IOException {
        seedIfNew(dataFolder);
        return new LocalPostgres(EmbeddedPostgres.builder()
                .setDataDirectory(dataFolder)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start());
    }

    /** A throwaway server for a test. */
    public static LocalPostgres fresh() throws IOException {
        return fresh(Map.of());
    }

    /** A throwaway server with these settings of postgresql.conf, e.g. {@code max_connections}. */
    public static LocalPostgres fresh(Map<String, String> serverConfig) throws IOException {
        Path seeds = ClusterSeeds.folder();
        if (seeds == null) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverConfig.forEach(builder::setServerConfig);
            return new LocalPostgres(builder.start());
        }
        return copyOf(initdbSeed(seeds), serverConfig);
    }

    /**
     * A throwaway server on a copy of the cluster {@code prepare} made once, on a server of its own, for every JVM
     * of the build (e.g. a database migrated as a template); without a folder of seeds, a fresh server prepared
     * here. {@code name} must change when what {@code prepare} does changes.
     */
    public static LocalPostgres prepared(String name, Preparation prepare) throws IOException {
        Path seeds = ClusterSeeds.folder();
        if (seeds == null) {
            LocalPostgres server = fresh();
            try {
                prepare.prepare(server);
            } catch (Exception e) {
                server.close();
                throw new IOException("could not prepare the embedded PostgreSQL", e);
            }
            return server;
        }
        Path seed = ClusterSeeds.seed(seeds, name, cluster -> {
            try (LocalPostgres server = onFolder(cluster)) {
                prepare.prepare(server);
            }
        });
        return copyOf(seed, Map.of());
    }

    /** What is done once on a new server before it is copied (see {@link #prepared}). */
    public interface Preparation {
        void prepare(LocalPostgres server) throws Exception;
    }

    private static LocalPostgres copyOf(Path seed, Map<String, String> serverConfig) throws IOException {
        Path data = Files.createTempDirectory("epg");
        try {
            ClusterSeeds.copy(seed, data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setCleanDataDirectory(false);
            serverConfig.forEach(builder::setServerConfig);
            return new LocalPostgres(builder.start(), data);
        } catch (IOException | RuntimeException e) {
            ClusterSeeds.delete(data);
            throw e;
        }
    }

    /** A cluster just as initdb leaves it, made once per folder of seeds. */
    private static Path initdbSeed(Path seeds) throws IOException {
        return ClusterSeeds.seed(seeds, INITDB_SEED, cluster -> EmbeddedPostgres.builder().setDataDirectory(cluster)
                .setCleanDataDirectory(false).start().close());
    }

    /** A folder without a cluster yet gets a copy of the initdb seed, if there is one, instead of its own initdb. */
    private static void seedIfNew(Path dataFolder) throws IOException {
        Path seeds = ClusterSeeds.folder();
        if (seeds != null && !Files.exists(dataFolder.resolve("postgresql.conf"))) {
            ClusterSeeds.copy(initdbSeed(seeds), dataFolder);
        }
    }

    /** Creates a database unless it exists, and returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "") + "'");
            if (!rs.next()) {
                s.execute("create database \"" + name.replace("\"", "") + "\"");
            }
        }
        return postgres.getJdbcUrl(USER, name);
    }

    /** The port the server listens on, on loopback. */
    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        if (throwawayFolder != null) {
            ClusterSeeds.deleteThrowaway(throwawayFolder);
        }
    }
}
