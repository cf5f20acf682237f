package io.connectionkit.sql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:flaky:<H2 URL>}: H2 underneath, but {@link #loseConnections()}
 * makes every connection open at that moment fail its next statements with SQL state 08006, as
 * connections do when a server restarts. The one fault an in-process database cannot show. With
 * {@link #failRollbacks(boolean)}, a rollback fails as it does on a connection lost mid-transaction.
 */
public final class FlakyDriver implements Driver {

    private static final String PREFIX = "jdbc:flaky:";
    private static final AtomicInteger EPOCH = new AtomicInteger();
    private static volatile boolean down;
    private static volatile boolean rollbacksFail;
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

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
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
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
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
