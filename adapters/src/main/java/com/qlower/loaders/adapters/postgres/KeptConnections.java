package com.qlower.loaders.adapters.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * At most {@code max} connections to PostgreSQL, each opened when first needed and kept for the next unit of work.
 * A Lambda function holds one ({@code max} 1): opened at its first invocation, reused by the following ones on the
 * same instance, so an instance never has more than one connection open, and a warm one opens none. The local
 * runner holds its connection budget here.
 *
 * <p>Each connection handed out is used by one caller at a time; its {@code close()} puts it back. A kept
 * connection is checked ({@link Connection#isValid}) before it is handed out again: one that the server, a NAT or
 * a frozen instance's idle timeout closed is dropped and a new one opened, so a failure never sticks. A connection
 * given back in a transaction is rolled back; one that cannot be reset is dropped. No background thread: nothing
 * runs while a Lambda instance is frozen.
 */
final class KeptConnections implements DataSource, AutoCloseable {

    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final DataSource opener;
    private final int max;
    private final Duration waitForConnection;
    private final Semaphore inUse;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    /**
     * @param opener opens a new physical connection
     * @param max how many connections may be open at once
     * @param waitForConnection how long a caller waits for one while all {@code max} are in use
     */
    KeptConnections(DataSource opener, int max, Duration waitForConnection) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one connection, not " + max);
        }
        this.opener = opener;
        this.max = max;
        this.waitForConnection = waitForConnection;
        this.inUse = new Semaphore(max, true);
    }

    int max() {
        return max;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!inUse.tryAcquire(waitForConnection.toMillis(), TimeUnit.MILLISECONDS)) {
                // SQLSTATE 08001: Database.withTransientFailures makes it a TransientFailure, retried by the step
                throw new SQLTransientConnectionException("all " + max + " database connections stayed in use for "
                        + waitForConnection.toSeconds() + " s", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted waiting for a database connection", "08001", e);
        }
        try {
            return lease(kept());
        } catch (SQLException | RuntimeException e) {
            inUse.release();
            throw e;
        }
    }

    /** A kept connection that still answers, or a new one. */
    private Connection kept() throws SQLException {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            if (answers(connection)) {
                return connection;
            }
            closeQuietly(connection);
        }
        return opener.getConnection();
    }

    private static boolean answers(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection lease(Connection physical) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lease(physical));
    }

    private void giveBack(Connection physical) {
        try {
            if (!physical.isClosed() && !physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            if (!physical.isClosed()) {
                idle.addFirst(physical);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(physical);
        } finally {
            inUse.release();
        }
    }

    /** Closes the connections not in use; those in use are closed when given back after this. */
    @Override
    public void close() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // it is being dropped: nothing more to do with it
        }
    }

    /** One caller's use of a physical connection: {@code close()} gives it back, once. */
    private final class Lease implements InvocationHandler {
        private final Connection physical;
        private boolean returned;

        Lease(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        giveBack(physical);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || physical.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "kept " + physical;
                }
                default -> {
                    if (returned) {
                        throw new SQLException("this connection was given back", "08003");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ the rest of DataSource

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user is the configured one");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return opener.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        opener.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        opener.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return opener.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return opener.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return opener.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || opener.isWrapperFor(type);
    }
}
