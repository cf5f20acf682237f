package io.connectionkit.cli;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The JDBC drivers of the plugin jars, made known to {@link DriverManager} for one run.
 * {@code DriverManager} looks for drivers once per JVM, on the class path, so it never finds a
 * driver in a jar added later; and it hands a driver only to code that sees the driver's class.
 * Each plugin driver is registered behind a {@link PluginDriver} of the tool's own, which every
 * plugin class loader sees through its parent, and deregistered when the run ends.
 */
final class PluginDrivers implements AutoCloseable {

    private final List<PluginDriver> registered = new ArrayList<>();

    private PluginDrivers() {
    }

    /** Registers every driver the jars of {@code plugins} declare (and only those). */
    static PluginDrivers register(ClassLoader plugins) {
        PluginDrivers drivers = new PluginDrivers();
        ServiceLoader.Provider<Driver> provider;
        for (var iterator = ServiceLoader.load(Driver.class, plugins).stream().iterator(); ; ) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
                if (provider.type().getClassLoader() != plugins) {
                    continue; // on the tool's own class path: DriverManager has it already
                }
                PluginDriver driver = new PluginDriver(provider.get());
                DriverManager.registerDriver(driver);
                drivers.registered.add(driver);
            } catch (ServiceConfigurationError | SQLException e) {
                // A driver that cannot load is reported by whatever asks for it: "No suitable driver".
            }
        }
        return drivers;
    }

    @Override
    public void close() {
        for (PluginDriver driver : registered) {
            try {
                DriverManager.deregisterDriver(driver);
            } catch (SQLException e) {
                // Nothing holds it any more; the JVM ends soon after a run.
            }
        }
    }

    /** A plugin's driver behind a class of the tool's, which DriverManager hands to any caller. */
    private record PluginDriver(Driver driver) implements Driver {

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return driver.connect(url, info);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return driver.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return driver.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return driver.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return driver.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return driver.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }
    }
}
