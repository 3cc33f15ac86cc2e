package com.qlower.loaders.localservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server started from the embedded binaries, on a free loopback port. Its data lives in a
 * folder (kept between runs) or in a fresh temporary one (tests).
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A server whose data lives under {@code dataFolder}, kept between runs. */
    public static LocalPostgres onFolder(Path dataFolder) throws IOException {
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
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig.forEach(builder::setServerConfig);
        return new LocalPostgres(builder.start());
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
    }
}
