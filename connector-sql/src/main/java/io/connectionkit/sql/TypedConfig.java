package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The connector's reads of typed configuration values. A value of the wrong type is an error
 * that names the key, its source and the type expected, never the value: a value in the wrong
 * place may be a password ({@link ConnectionConfig}'s own type errors quote it).
 */
final class TypedConfig {

    private TypedConfig() {
    }

    static Optional<String> string(ConnectionConfig table, String key) {
        return read(table, key, "a string", ConnectionConfig::string);
    }

    static Optional<Integer> integer(ConnectionConfig table, String key) {
        return read(table, key, "an integer", ConnectionConfig::integer);
    }

    static Optional<Long> longValue(ConnectionConfig table, String key) {
        return read(table, key, "an integer", ConnectionConfig::longValue);
    }

    static Optional<Double> number(ConnectionConfig table, String key) {
        return read(table, key, "a number", ConnectionConfig::number);
    }

    static Optional<Boolean> bool(ConnectionConfig table, String key) {
        return read(table, key, "a boolean", ConnectionConfig::bool);
    }

    static Optional<ConnectionConfig> table(ConnectionConfig table, String key) {
        return read(table, key, "a table", ConnectionConfig::table);
    }

    private static <T> Optional<T> read(ConnectionConfig table, String key, String expected,
                                        BiFunction<ConnectionConfig, String, Optional<T>> reader) {
        try {
            return reader.apply(table, key);
        } catch (ConnectionConfigException e) {
            throw ConfigErrors.at(table, key, "expected " + expected, null);
        }
    }
}
