package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a driver gets beside its URL, and who wins when a setting is given twice: the URL's
 * {@code query} entries that go as properties, {@code username} and {@code password} (as
 * {@code user} and {@code password}), {@code connect_args}, and what was taken out of the URL.
 * <ul>
 *   <li>Of a SQLAlchemy-style URL, as in SQLAlchemy: {@code connect_args} win over the URL's user
 *       info and parameters, which win over {@code username} and {@code password}.</li>
 *   <li>Of a URL in the driver's own syntax (a {@code jdbc:} URL, H2's {@code ;PASSWORD=}, an
 *       embedded database's name), drivers differ on whether the URL or a property wins (pgjdbc and
 *       MariaDB's let the URL win, sqlite-jdbc the property, H2 refuses both): so a value taken out
 *       of the URL that {@code username}, {@code password} or {@code connect_args} give differently
 *       is refused, naming both keys; the same value is fine.</li>
 * </ul>
 */
final class DriverProperties {

    private DriverProperties() {
    }

    /**
     * The properties for {@code url}, read from {@code config}; contains secrets, never log it.
     *
     * @param loginTimeout bounds connecting, unless {@code connect_args} say otherwise
     * @throws io.connectionkit.api.ConnectionConfigException when a value taken out of a URL in the
     *         driver's own syntax is given differently beside it
     */
    static Properties of(ConnectionConfig config, EngineArgs engine, SqlUrl url, Duration loginTimeout) {
        Map<String, String> credentials = new LinkedHashMap<>();
        if (Dialect.named(url.dialect()).map(Dialect::takesCredentials).orElse(true)) {
            config.string("username").ifPresent(user -> credentials.put("user", user));
            config.string("password").ifPresent(password -> credentials.put("password", password));
        }
        Map<String, String> connectArgs = engine.connectArgs();
        Properties properties = new Properties();
        properties.putAll(url.properties());
        properties.putAll(credentials);
        if (url.driverSyntax()) {
            url.urlProperties().forEach((name, value) -> refuseAnother(config, engine, credentials, name, value));
            properties.putAll(connectArgs);
            url.urlProperties().forEach((name, value) -> {
                // One spelling: H2 takes PASSWORD and password for one setting given twice.
                properties.keySet().removeIf(key -> ((String) key).equalsIgnoreCase(name));
                properties.setProperty(name, value);
            });
        } else {
            properties.putAll(url.urlProperties());
            properties.putAll(connectArgs);
        }
        Dialect.named(url.dialect()).ifPresent(dialect -> boundLogin(dialect, loginTimeout, properties));
        return properties;
    }

    /** Refuses a {@code username}, {@code password} or {@code connect_args} value for {@code name} other than {@code value}. */
    private static void refuseAnother(ConnectionConfig config, EngineArgs engine, Map<String, String> credentials,
                                      String name, String value) {
        String key = name.equals("user") ? "username" : name.equals("password") ? "password" : null;
        if (key != null && credentials.containsKey(name) && !credentials.get(name).equals(value)) {
            throw twice(config, config, key, name);
        }
        engine.connectArgsTables().forEach(table -> table.keys().stream()
                .filter(arg -> arg.equalsIgnoreCase(name))
                .filter(arg -> !table.string(arg).map(value::equals).orElse(false))
                .findFirst()
                .ifPresent(arg -> {
                    throw twice(config, table, arg, name);
                }));
    }

    /** Names {@code url}, or {@code database} that stands for one, and {@code table.key}. */
    private static RuntimeException twice(ConnectionConfig config, ConnectionConfig table, String key, String name) {
        return ConfigErrors.twoKeys(config, config.contains("url") ? "url" : "database", table, key,
                "give the driver property " + name + " two different values, and drivers differ on which one wins",
                "Give it once, in one of the two");
    }

    /**
     * Bounds connecting by {@code pool_timeout}, as the pool bounds waiting: otherwise a server
     * that accepts but never answers holds the first connection (made eagerly) for the driver's
     * own default, minutes for some. A {@code connect_args} value of the same name wins.
     */
    private static void boundLogin(Dialect dialect, Duration timeout, Properties properties) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        switch (dialect) {
            case POSTGRESQL, MSSQL -> properties.putIfAbsent("loginTimeout", Long.toString(seconds));
            case MARIADB, MYSQL -> properties.putIfAbsent("connectTimeout", Long.toString(timeout.toMillis()));
            default -> {
                // embedded databases: nothing to wait for
            }
        }
    }
}
