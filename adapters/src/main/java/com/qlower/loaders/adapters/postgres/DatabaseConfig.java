package com.qlower.loaders.adapters.postgres;

/**
 * How to reach PostgreSQL. On AWS the host comes from the template's parameters and the credentials from a Secrets
 * Manager secret ({@link DatabaseSecret}); locally, from the embedded server or {@code --db-url}.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password) {

    public static DatabaseConfig of(String host, int port, String database, String user, String password) {
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=require",
                user, password);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + "]";
    }
}
