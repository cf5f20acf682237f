package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the JDBC driver of a connection. The class named by {@code driver}, else the dialect's
 * known driver class, is loaded through the thread's context class loader (an application
 * server's or a plugin's), then through this connector's; for a dialect's class, or a JDBC URL of
 * an unknown dialect, {@link DriverManager} is asked for a driver that accepts the URL; last, a
 * URL the connector wrote goes to the dialect's stand-in ({@link Dialect#standIn}), written for
 * it: {@code mysql://} to MariaDB's driver, as {@code jdbc:mariadb:}, which is logged at INFO. Each
 * other step is logged at DEBUG. Messages and logs name the class {@code driver} names as "the class
 * connections.pets.driver names", as they quote no configuration value, and a URL by where it
 * leads ({@link SqlUrl#location}).
 */
final class DriverLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DriverLoader.class);

    private DriverLoader() {
    }

    /** A driver and the URL to give it: the settings', or that URL written for a stand-in's driver. */
    record Loaded(Driver driver, String jdbcUrl) {
    }

    /**
     * The driver for {@code settings}, and the URL to give it.
     *
     * @param connectionName the configuration path, {@code connections.pets}, for messages
     * @throws ConnectionConfigException when no driver is found: for a known dialect it gives the
     *         Maven coordinates of the dialect's driver
     */
    static Loaded load(String connectionName, SqlSettings settings) {
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(settings, "settings");
        String url = settings.jdbcUrl();
        Optional<Dialect> dialect = Dialect.named(settings.dialect());
        String explicit = settings.driverClassName();
        if (explicit != null) {
            String key = connectionName + ".driver";
            Driver driver = fromClassLoaders(explicit, key, "the class " + key + " names").orElseThrow(() ->
                    new ConnectionConfigException(key + ": the JDBC driver class it names was found neither by the"
                    + " thread's context class loader nor by the connector's. Add the jar that holds it to the class"
                    + " path, or remove driver to use "
                    + dialect.map(d -> "the " + d.dialectName() + " driver, " + d.driverClassName() + " from "
                    + d.mavenCoordinates()).orElse("a driver registered for the URL") + "."));
            if (!accepts(driver, url)) {
                throw new ConnectionConfigException(key + ": the JDBC driver class it names does not accept the URL "
                        + SqlUrl.location(url) + ". Check url (or dialect), or remove driver.");
            }
            return new Loaded(driver, url);
        }
        if (dialect.isPresent()) {
            String className = dialect.get().driverClassName();
            Optional<Driver> known = fromClassLoaders(className, connectionName, "driver class " + className);
            if (known.isPresent() && accepts(known.get(), url)) {
                return new Loaded(known.get(), url);
            }
        }
        try {
            Driver driver = DriverManager.getDriver(url);
            LOG.debug("{}: DriverManager gave {} for {}", connectionName, driver.getClass().getName(), SqlUrl.location(url));
            return new Loaded(driver, url);
        } catch (SQLException e) {
            LOG.debug("{}: DriverManager has no driver for {}", connectionName, SqlUrl.location(url));
        }
        Optional<Dialect> standIn = dialect.flatMap(Dialect::standIn);
        Optional<Driver> standInDriver = standIn.flatMap(d -> fromClassLoaders(d.driverClassName(), connectionName,
                "driver class " + d.driverClassName()));
        if (standInDriver.isPresent() && settings.jdbcUrlWritten()) {
            // The connector wrote the URL without secrets nor %-escapes: it reads the same in the stand-in's syntax.
            String written = "jdbc:" + standIn.get().jdbcSubprotocol() + url.substring(url.indexOf(':', 5));
            if (accepts(standInDriver.get(), written)) {
                LOG.info("{}: {}:// served by the {} driver {} at {}, as the {} driver {} is not on the class path",
                        connectionName, dialect.get().dialectName(), standIn.get().dialectName(),
                        standInDriver.get().getClass().getName(), SqlUrl.location(written), dialect.get().dialectName(),
                        dialect.get().driverClassName());
                return new Loaded(standInDriver.get(), written);
            }
        }
        String section = "[" + connectionName + "]";
        String standInHint = standInDriver.isPresent() ? " The " + standIn.get().dialectName() + " driver ("
                + standInDriver.get().getClass().getName() + ") is on the class path: for a " + standIn.get().dialectName()
                + " server write jdbc:" + standIn.get().jdbcSubprotocol() + ": instead of jdbc:"
                + dialect.get().jdbcSubprotocol() + ":, or " + dialect.get().dialectName() + "://, which it serves." : "";
        throw new ConnectionConfigException(dialect.map(d -> "No JDBC driver for " + d.dialectName() + " found for "
                        + section + ": add the Maven dependency " + d.mavenCoordinates() + " to the class path. (Looked for class "
                        + d.driverClassName() + " in the thread's context class loader and the connector's, and for a"
                        + " registered driver accepting " + SqlUrl.location(url) + ".)" + standInHint)
                .orElse("No JDBC driver for " + settings.dialect() + " found for " + section
                        + ": no registered driver accepts " + SqlUrl.location(url)
                        + ". Add the driver's jar to the class path, or set driver to its class name."));
    }

    /** The driver class loaded and instantiated by the context class loader, else by the connector's. */
    /** @param shown what logs and messages call the class: its name, or the key that names it */
    private static Optional<Driver> fromClassLoaders(String className, String key, String shown) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = DriverLoader.class.getClassLoader();
        if (context != null) {
            Optional<Driver> driver = fromClassLoader(className, context, "the thread's context class loader", key, shown);
            if (driver.isPresent() || context == own) {
                return driver;
            }
        }
        return fromClassLoader(className, own, "the connector's class loader", key, shown);
    }

    private static Optional<Driver> fromClassLoader(String className, ClassLoader loader, String loaderName, String key,
                                                    String shown) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            LOG.debug("{}: {} not found by {}", key, shown, loaderName);
            return Optional.empty();
        } catch (LinkageError e) {
            throw new ConnectionConfigException(key + ": " + shown + " was found by " + loaderName
                    + " but could not be loaded (see the cause). A jar it needs may be missing.", e);
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new ConnectionConfigException(key + ": " + shown + " is not a java.sql.Driver.");
        }
        try {
            Driver driver = (Driver) type.getDeclaredConstructor().newInstance();
            LOG.debug("{}: {} loaded by {}", key, shown, loaderName);
            return Optional.of(driver);
        } catch (InvocationTargetException e) {
            throw cannotInstantiate(key, shown, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw cannotInstantiate(key, shown, e);
        }
    }

    private static ConnectionConfigException cannotInstantiate(String key, String shown, Throwable cause) {
        return new ConnectionConfigException(key + ": " + shown + " could not be instantiated (see the cause)."
                + " A driver needs a public constructor without arguments.", cause);
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }
}
