package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SQLAlchemy's {@code create_engine} arguments of one connection: the {@code create_engine_kwargs}
 * table, under the same keys given at the top level (as options, Streamlit's kwargs), which win.
 * {@code connect_args} tables merge key by key, the top level's winning.
 */
final class EngineArgs {

    private static final Logger LOG = LoggerFactory.getLogger(EngineArgs.class);

    static final String TABLE = "create_engine_kwargs";

    /** The arguments the connector maps onto JDBC and HikariCP. */
    static final List<String> KEYS = List.of("pool_size", "max_overflow", "pool_timeout", "pool_recycle",
            "pool_pre_ping", "connect_args", "echo", "autocommit", "isolation_level");

    /**
     * SQLAlchemy arguments that mean nothing on the JVM: accepted, so that a Python app's secrets
     * work unchanged, and ignored with a warning.
     */
    static final Set<String> PYTHON_ONLY = Set.of("future", "echo_pool", "pool_use_lifo", "pool_reset_on_return",
            "hide_parameters", "logging_name", "pool_logging_name", "query_cache_size");

    private final ConnectionConfig config;
    private final ConnectionConfig kwargs;

    private EngineArgs(ConnectionConfig config, ConnectionConfig kwargs) {
        this.config = config;
        this.kwargs = kwargs;
    }

    /**
     * Reads the engine arguments of {@code config}.
     *
     * @throws io.connectionkit.api.ConnectionConfigException for a key of {@code create_engine_kwargs}
     *         that is not an engine argument, naming the valid ones
     */
    static EngineArgs of(ConnectionConfig config) {
        ConnectionConfig kwargs = config.table(TABLE).orElse(ConnectionConfig.empty(config.path() + "." + TABLE));
        for (String key : kwargs.keys()) {
            if (!KEYS.contains(key) && !PYTHON_ONLY.contains(key)) {
                throw ConfigErrors.unknownKey(kwargs, key, "engine argument", KEYS);
            }
        }
        warnPythonOnly(kwargs);
        warnPythonOnly(config);
        return new EngineArgs(config, kwargs);
    }

    private static void warnPythonOnly(ConnectionConfig table) {
        for (String key : table.keys()) {
            if (PYTHON_ONLY.contains(key)) {
                LOG.warn("{}.{} has no effect on the JVM and is ignored ({})", table.path(), key,
                        table.sourceOf(key).orElseThrow());
            }
        }
    }

    /** The table that sets {@code key}: the top level if it does, else {@code create_engine_kwargs}. */
    Optional<ConnectionConfig> tableOf(String key) {
        if (config.contains(key)) {
            return Optional.of(config);
        }
        return kwargs.contains(key) ? Optional.of(kwargs) : Optional.empty();
    }

    Optional<Integer> integer(String key) {
        return tableOf(key).flatMap(table -> table.integer(key));
    }

    Optional<Double> number(String key) {
        return tableOf(key).flatMap(table -> table.number(key));
    }

    Optional<Boolean> bool(String key) {
        return tableOf(key).flatMap(table -> table.bool(key));
    }

    Optional<String> string(String key) {
        return tableOf(key).flatMap(table -> table.string(key));
    }

    /** Whether {@code echo} is on: {@code true}, or SQLAlchemy's {@code "debug"}. */
    boolean echo() {
        Optional<ConnectionConfig> table = tableOf("echo");
        if (table.isPresent() && table.get().value("echo").orElseThrow() instanceof String s && s.equalsIgnoreCase("debug")) {
            return true;
        }
        return bool("echo").orElse(false);
    }

    /** {@code connect_args}, as driver properties; values must be strings, numbers or booleans. */
    Map<String, String> connectArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (ConnectionConfig table : List.of(kwargs, config)) {
            Optional<ConnectionConfig> connectArgs = table.table("connect_args");
            connectArgs.ifPresent(t -> t.keys().forEach(key -> args.put(key, t.string(key).orElseThrow())));
        }
        // A Python sqlite3 argument, common in Streamlit apps' secrets; the JDBC driver has no such thing.
        args.remove("check_same_thread");
        return args;
    }

    /** The {@code connect_args} tables, the top level's first: where a driver property was given, for messages. */
    List<ConnectionConfig> connectArgsTables() {
        return Stream.of(config, kwargs).flatMap(table -> table.table("connect_args").stream()).toList();
    }

    /** Where {@code key} was found, for messages: its table, or the top level when unset. */
    ConnectionConfig tableOrTop(String key) {
        return tableOf(key).orElse(config);
    }
}
