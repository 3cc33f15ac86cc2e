package com.qlower.loaders.adapters.postgres;

/**
 * How to reach PostgreSQL. On AWS the host comes from the template's parameters and the credentials from a Secrets
 * Manager secret ({@link DatabaseSecret}); locally, from the embedded server or {@code --db-url}.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password) {

    /** What the functions use unless {@code DB_SSL_MODE} says otherwise. */
    public static final String REQUIRED_SSL_MODE = "require";

    /**
     * A Lambda function's database, with the driver's {@code sslmode}: {@link #REQUIRED_SSL_MODE} on AWS,
     * {@code disable} only for a local server without TLS (the cold-start benchmark).
     */
    public static DatabaseConfig of(String host, int port, String database, String sslMode, String user,
                                    String password) {
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode,
                user, password);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + "]";
    }
}
