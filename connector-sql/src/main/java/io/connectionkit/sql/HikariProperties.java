package io.connectionkit.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.UtilityElf;
import io.connectionkit.api.ConnectionConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code hikari} table: HikariCP settings by HikariCP's own names ({@code maximumPoolSize},
 * {@code leakDetectionThreshold}, durations in milliseconds), set through {@link HikariConfig}'s
 * setters. Any setter that takes an {@code int}, {@code long}, {@code boolean} or {@code String}
 * can be used, except those the connector sets itself.
 */
final class HikariProperties {

    static final String TABLE = "hikari";

    /** Set by the connector from url, driver, username and password, or by the pool's opening. */
    private static final Set<String> RESERVED = Set.of("jdbcUrl", "driverClassName", "dataSourceClassName",
            "dataSourceJNDI", "username", "password", "credentialsProviderClassName", "poolName",
            "initializationFailTimeout");

    /** Property name to setter, in name order. */
    private static final Map<String, Method> SETTERS = setters();

    private HikariProperties() {
    }

    private static Map<String, Method> setters() {
        Map<String, Method> setters = new TreeMap<>();
        for (Method method : HikariConfig.class.getMethods()) {
            String name = method.getName();
            if (name.length() > 3 && name.startsWith("set") && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers()) && isScalar(method.getParameterTypes()[0])) {
                String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                if (!RESERVED.contains(property)) {
                    setters.put(property, method);
                }
            }
        }
        return Collections.unmodifiableMap(setters);
    }

    private static boolean isScalar(Class<?> type) {
        return type == int.class || type == long.class || type == boolean.class || type == String.class;
    }

    /**
     * Reads and checks the {@code hikari} table: each name must be a setter's, each value of its
     * type and accepted by HikariCP.
     *
     * @return property name to value ({@code Integer}, {@code Long}, {@code Boolean} or {@code String}), in table order
     * @throws io.connectionkit.api.ConnectionConfigException naming the key and its source
     */
    static Map<String, Object> read(ConnectionConfig table) {
        Map<String, Object> values = new LinkedHashMap<>();
        HikariConfig scratch = new HikariConfig();
        for (String key : table.keys()) {
            if (RESERVED.contains(key)) {
                throw ConfigErrors.at(table, key, "reserved for the sql connector",
                        "Set url (or dialect, host, port, database), driver, username and password instead");
            }
            Method setter = SETTERS.get(key);
            if (setter == null) {
                throw ConfigErrors.unknownKey(table, key, "HikariCP setting", SETTERS.keySet());
            }
            Object value = valueOf(table, key, setter.getParameterTypes()[0]);
            if (key.equals("transactionIsolation")) {
                try {
                    UtilityElf.getTransactionIsolation((String) value); // HikariCP checks it only when the pool starts
                } catch (RuntimeException e) {
                    throw ConfigErrors.at(table, key, "HikariCP knows no such transaction isolation",
                            "Write a TRANSACTION_* name of java.sql.Connection, such as TRANSACTION_READ_COMMITTED");
                }
            }
            try {
                set(scratch, setter, value);
            } catch (RuntimeException e) {
                // HikariCP's words, which may quote the value: masked, as any text a library gives us.
                throw ConfigErrors.at(table, key, "HikariCP rejects its value: " + table.mask(String.valueOf(e.getMessage())),
                        null);
            }
            values.put(key, value);
        }
        return values;
    }

    private static Object valueOf(ConnectionConfig table, String key, Class<?> type) {
        if (type == int.class) {
            return table.integer(key).orElseThrow();
        }
        if (type == long.class) {
            return table.longValue(key).orElseThrow();
        }
        if (type == boolean.class) {
            return table.bool(key).orElseThrow();
        }
        return table.string(key).orElseThrow();
    }

    /** Sets the values {@link #read} returned. */
    static void apply(HikariConfig config, Map<String, Object> values) {
        values.forEach((name, value) -> set(config, SETTERS.get(name), value));
    }

    private static void set(HikariConfig config, Method setter, Object value) {
        try {
            setter.invoke(config, value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("HikariConfig." + setter.getName() + " is not accessible", e);
        }
    }
}
