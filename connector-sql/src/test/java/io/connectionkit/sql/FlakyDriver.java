package io.connectionkit.sql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:flaky:<H2 URL>}: H2 underneath, but {@link #loseConnections()}
 * makes every connection open at that moment fail its next statements with SQL state 08006, as
 * connections do when a server restarts. The one fault an in-process database cannot show. With
 * {@link #failRollbacks(boolean)}, a rollback fails as it does on a connection lost mid-transaction;
 * with {@link #refuseConnections(boolean)}, no new connection opens, as while a server is down;
 * with {@link #loseAnswers}, statements run and then fail as if their answer never came back.
 */
public final class FlakyDriver implements Driver {

    private static final String PREFIX = "jdbc:flaky:";
    private static final AtomicInteger EPOCH = new AtomicInteger();
    private static volatile boolean down;
    private static volatile boolean rollbacksFail;
    private static volatile boolean refused;
    private static volatile int answersToLose;
    private static volatile boolean lostToSocketTimeout;
    private static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static volatile long slowAnswerMillis;
    private static volatile io.connectionkit.sql.SQLConnection toReset;
    private final Driver h2 = new org.h2.Driver();

    /** Every connection open now fails from here on; new ones work. */
    static void loseConnections() {
        EPOCH.incrementAndGet();
    }

    /** While {@code true}, every statement on every connection fails. */
    static void down(boolean isDown) {
        down = isDown;
    }

    /** While {@code true}, every rollback fails, saying what a lost connection says. */
    static void failRollbacks(boolean fail) {
        rollbacksFail = fail;
    }

    /** While {@code true}, no connection opens: the server is down. */
    static void refuseConnections(boolean refuse) {
        refused = refuse;
    }

    /**
     * The next {@code count} statements run, then fail with SQL state 08006, as when the
     * connection breaks before the answer arrives; caused by a {@link java.net.SocketTimeoutException}
     * if {@code socketTimeout}, as when the answer outlasts the driver's socket timeout.
     */
    static void loseAnswers(int count, boolean socketTimeout) {
        lostToSocketTimeout = socketTimeout;
        answersToLose = count;
    }

    /** Each statement's answer comes {@code millis} late, after the statement ran: a cancel meanwhile finds it done. */
    static void slowAnswers(long millis) {
        slowAnswerMillis = millis;
    }

    /** Makes the H2 function {@link #resetOnce()} reset {@code connection} the first time a statement calls it. */
    static void resetOnceInsideAStatement(io.connectionkit.sql.SQLConnection connection) {
        toReset = connection;
    }

    /** For {@code create alias reset_once for "...FlakyDriver.resetOnce"}: a reset while the statement runs, as a secrets change does. */
    public static int resetOnce() {
        io.connectionkit.sql.SQLConnection connection = toReset;
        toReset = null;
        if (connection != null) {
            connection.reset();
        }
        return 1;
    }

    /** How many statements have been sent (executed, whether they succeeded or not) since the count was last taken. */
    static int takeExecutions() {
        return EXECUTIONS.getAndSet(0);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (refused) {
            throw new SQLException("Connection refused", "08001");
        }
        Connection real = h2.connect("jdbc:h2:" + url.substring(PREFIX.length()), info);
        int epoch = EPOCH.get();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().endsWith("Statement") && (down || EPOCH.get() != epoch)) {
                        throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                    }
                    if (method.getName().equals("rollback") && rollbacksFail) {
                        throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return result instanceof PreparedStatement prepared ? answerLosing(prepared) : result;
                });
    }

    private static PreparedStatement answerLosing(PreparedStatement real) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        EXECUTIONS.incrementAndGet(); // sent, whether it succeeds or not
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().startsWith("execute")) {
                        if (slowAnswerMillis > 0) {
                            Thread.sleep(slowAnswerMillis);
                        }
                        if (answersToLose > 0) {
                            answersToLose--;
                            throw new SQLException("An I/O error occurred while sending to the backend", "08006",
                                    lostToSocketTimeout ? new java.net.SocketTimeoutException("Read timed out") : null);
                        }
                    }
                    return result;
                });
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
