package io.connectionkit.sql;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A {@link DataSource} over one {@link Driver}, URL and set of properties: what the pool opens
 * connections from. Handing HikariCP a data source instead of a URL, user and password keeps the
 * password out of the pool's configuration and its logs; {@link #toString()} shows the driver and
 * where the URL leads ({@link SqlUrl#location}), never the properties. Thread-safe.
 */
final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final String url;
    private final Properties properties;
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;

    DriverDataSource(Driver driver, String url, Properties properties) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.url = Objects.requireNonNull(url, "url");
        this.properties = new Properties();
        this.properties.putAll(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(new Properties());
    }

    /** A connection as another user: {@code username} and {@code password} replace the configured ones. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return connect(credentials);
    }

    private Connection connect(Properties overrides) throws SQLException {
        Properties info = new Properties();
        info.putAll(properties);
        info.putAll(overrides);
        Connection connection = driver.connect(url, info);
        if (connection == null) {
            // A driver returns null for a URL it does not serve.
            throw new SQLException(driver.getClass().getName() + " does not accept the URL " + SqlUrl.location(url), "08001");
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Kept for callers that read it back; drivers take their own connect timeout from their properties. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(driver)) {
            return type.cast(driver);
        }
        throw new SQLException("DriverDataSource does not wrap a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this) || type.isInstance(driver);
    }

    /** {@code DriverDataSource[org.postgresql.Driver, jdbc:postgresql://db:5432/pets]}; never a property. */
    @Override
    public String toString() {
        return "DriverDataSource[" + driver.getClass().getName() + ", " + SqlUrl.location(url) + "]";
    }
}
