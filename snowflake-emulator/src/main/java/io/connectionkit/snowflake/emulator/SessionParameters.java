package io.connectionkit.snowflake.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One session's parameters: what the login answer tells the driver, what {@code SHOW PARAMETERS}
 * lists, and what {@code ALTER SESSION SET | UNSET} changes. A value the session set (at login or
 * with ALTER SESSION) is at level {@code SESSION}; the others are the emulator's defaults.
 */
final class SessionParameters {

    /** The value types {@code SHOW PARAMETERS} names in its {@code type} column. */
    enum Type {
        BOOLEAN,
        NUMBER,
        STRING
    }

    /**
     * A parameter the emulator knows. A fixed one keeps the emulator's value whatever a login or
     * ALTER SESSION asks, as the emulator relies on it (JSON results, binds in the request) or
     * cannot change it for a running session (its time zone).
     */
    record Definition(
            String name, Type type, Object defaultValue, boolean fixed, String description) {}

    /** One row of {@code SHOW PARAMETERS}. */
    record Shown(
            String key,
            String value,
            String defaultValue,
            String level,
            String description,
            Type type) {}

    static final String TIMEZONE = "TIMEZONE";

    /** The known parameters, in the order the login answer lists them. */
    private static final Map<String, Definition> KNOWN = new LinkedHashMap<>();

    static {
        fixed(TIMEZONE, Type.STRING, "", "Time zone of the session.");
        fixed(
                "CLIENT_TIMESTAMP_TYPE_MAPPING",
                Type.STRING,
                "TIMESTAMP_LTZ",
                "Timestamp type a client binds a timestamp as.");
        settable(
                "TIMESTAMP_OUTPUT_FORMAT",
                Type.STRING,
                "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
                "Display format for timestamps.");
        settable(
                "TIMESTAMP_NTZ_OUTPUT_FORMAT",
                Type.STRING,
                "YYYY-MM-DD HH24:MI:SS.FF3",
                "Display format for TIMESTAMP_NTZ values.");
        settable(
                "TIMESTAMP_LTZ_OUTPUT_FORMAT",
                Type.STRING,
                "",
                "Display format for TIMESTAMP_LTZ values; empty for TIMESTAMP_OUTPUT_FORMAT.");
        settable(
                "TIMESTAMP_TZ_OUTPUT_FORMAT",
                Type.STRING,
                "",
                "Display format for TIMESTAMP_TZ values; empty for TIMESTAMP_OUTPUT_FORMAT.");
        settable("DATE_OUTPUT_FORMAT", Type.STRING, "YYYY-MM-DD", "Display format for dates.");
        settable("TIME_OUTPUT_FORMAT", Type.STRING, "HH24:MI:SS", "Display format for times.");
        settable("BINARY_OUTPUT_FORMAT", Type.STRING, "HEX", "Display format for binary values.");
        fixed("JDBC_QUERY_RESULT_FORMAT", Type.STRING, "JSON", "Format of JDBC results.");
        settable("CLIENT_RESULT_CHUNK_SIZE", Type.NUMBER, 160, "Largest result chunk, in MB.");
        settable(
                "CLIENT_PREFETCH_THREADS",
                Type.NUMBER,
                4,
                "Threads a client downloads result chunks with.");
        settable(
                "CLIENT_MEMORY_LIMIT",
                Type.NUMBER,
                1536,
                "Memory a client uses for result chunks, in MB.");
        settable(
                "CLIENT_SESSION_KEEP_ALIVE",
                Type.BOOLEAN,
                false,
                "Whether the client keeps the session alive with heartbeats.");
        settable(
                "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY",
                Type.NUMBER,
                3600,
                "Seconds between the client's heartbeats.");
        fixed(
                "CLIENT_TELEMETRY_ENABLED",
                Type.BOOLEAN,
                false,
                "Whether the client sends telemetry.");
        fixed(
                "CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED",
                Type.BOOLEAN,
                false,
                "Whether the client sends out-of-band telemetry.");
        fixed(
                "CLIENT_STORE_TEMPORARY_CREDENTIAL",
                Type.BOOLEAN,
                false,
                "Whether the client caches an ID token.");
        fixed(
                "CLIENT_REQUEST_MFA_TOKEN",
                Type.BOOLEAN,
                false,
                "Whether the client caches an MFA token.");
        settable(
                "JDBC_TREAT_DECIMAL_AS_INT",
                Type.BOOLEAN,
                true,
                "Whether JDBC reads a number of scale 0 as an integer.");
        settable(
                "JDBC_ENABLE_COMBINED_DESCRIBE",
                Type.BOOLEAN,
                false,
                "Whether JDBC describes and runs a statement in one request.");
        settable(
                "JDBC_USE_SESSION_TIMEZONE",
                Type.BOOLEAN,
                true,
                "Whether JDBC shows timestamps in the session's time zone.");
        settable(
                "JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC",
                Type.BOOLEAN,
                false,
                "Whether JDBC reads TIMESTAMP_NTZ values as UTC.");
        settable(
                "JDBC_FORMAT_DATE_WITH_TIMEZONE",
                Type.BOOLEAN,
                true,
                "Whether JDBC formats dates in the session's time zone.");
        settable(
                "CLIENT_HONOR_CLIENT_TZ_FOR_TIMESTAMP_NTZ",
                Type.BOOLEAN,
                true,
                "Whether the client reads TIMESTAMP_NTZ values in its own time zone.");
        settable(
                "AUTOCOMMIT",
                Type.BOOLEAN,
                true,
                "Whether each statement commits when it completes.");
        // Stage binding uploads large batches to a stage, which the emulator has not: a threshold
        // no batch reaches keeps every bind in the request.
        fixed(
                "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD",
                Type.NUMBER,
                Integer.MAX_VALUE,
                "Bind values from which a batch is uploaded to a stage.");
        settable(
                "CLIENT_METADATA_REQUEST_USE_CONNECTION_CTX",
                Type.BOOLEAN,
                false,
                "Whether metadata requests look in the current database and schema only.");
        settable(
                "CLIENT_METADATA_USE_SESSION_DATABASE",
                Type.BOOLEAN,
                false,
                "Whether metadata requests look in the current database only.");
        settable(
                "SNOWPARK_LAZY_ANALYSIS",
                Type.BOOLEAN,
                true,
                "Whether Snowpark checks a DataFrame's schema only when it needs it.");
        settable(
                "QUERY_TAG",
                Type.STRING,
                "",
                "String (up to 2000 characters) used to tag statements executed by the session.");
    }

    private static void settable(String name, Type type, Object value, String description) {
        KNOWN.put(name, new Definition(name, type, value, false, description));
    }

    private static void fixed(String name, Type type, Object value, String description) {
        KNOWN.put(name, new Definition(name, type, value, true, description));
    }

    private final ZoneId timeZone;

    /** The values the session set, by upper-case name. */
    private final Map<String, Object> set = new LinkedHashMap<>();

    SessionParameters(ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    /**
     * Takes the session parameters a login sends ({@code SESSION_PARAMETERS}): the known ones that
     * are not fixed. An unknown name is left out (a client sends every connection property it does
     * not know as one, a secret under a misspelt name included), as is a value of the wrong type.
     */
    synchronized void login(JsonNode sent) {
        for (Map.Entry<String, JsonNode> field : sent.properties()) {
            Definition definition = KNOWN.get(field.getKey().toUpperCase(Locale.ROOT));
            JsonNode value = field.getValue();
            if (definition != null && !definition.fixed() && value.isValueNode()) {
                Object parsed = parse(definition.type(), value.asText());
                if (parsed != null) {
                    set.put(definition.name(), parsed);
                }
            }
        }
    }

    /**
     * ALTER SESSION SET: a known parameter takes a value of its type (a fixed one keeps the
     * emulator's); an unknown one is kept as given.
     *
     * @param value the value as written: a string literal's content, a number, or a word
     * @param literal whether it was a string literal, which an unknown parameter keeps as a string
     * @throws SnowflakeError for a value of the wrong type
     */
    synchronized void set(String name, String value, boolean literal) throws SnowflakeError {
        String key = name.toUpperCase(Locale.ROOT);
        Definition definition = KNOWN.get(key);
        if (definition == null) {
            set.put(key, literal ? value : inferred(value));
            return;
        }
        Object parsed = parse(definition.type(), value);
        if (parsed == null) {
            throw SnowflakeError.syntax(
                    "invalid value [" + value + "] for parameter '" + definition.name() + "'");
        }
        if (!definition.fixed()) {
            set.put(key, parsed);
        }
    }

    /** ALTER SESSION UNSET: back to the default. */
    synchronized void unset(String name) {
        set.remove(name.toUpperCase(Locale.ROOT));
    }

    /** Whether statements commit as they end: the AUTOCOMMIT parameter. */
    synchronized boolean autoCommit() {
        return (Boolean) set.getOrDefault("AUTOCOMMIT", KNOWN.get("AUTOCOMMIT").defaultValue());
    }

    /** Every known parameter and its value, in the login answer's order. */
    synchronized Map<String, Object> forLogin() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Definition definition : KNOWN.values()) {
            values.put(
                    definition.name(),
                    set.getOrDefault(definition.name(), defaultValue(definition)));
        }
        return values;
    }

    /**
     * The rows of {@code SHOW PARAMETERS}, sorted by name: the known parameters and those the
     * session set. With {@code sessionLevel} false (IN ACCOUNT, IN USER) a value the session set is
     * left out, as it is not the account's or the user's.
     */
    synchronized List<Shown> shown(boolean sessionLevel) {
        Map<String, Shown> rows = new TreeMap<>();
        for (Definition definition : KNOWN.values()) {
            Object defaultValue = defaultValue(definition);
            boolean own = sessionLevel && set.containsKey(definition.name());
            Object value = own ? set.get(definition.name()) : defaultValue;
            rows.put(
                    definition.name(),
                    new Shown(
                            definition.name(),
                            text(value),
                            text(defaultValue),
                            own ? "SESSION" : "",
                            definition.description(),
                            definition.type()));
        }
        if (sessionLevel) {
            set.forEach(
                    (name, value) -> {
                        if (!KNOWN.containsKey(name)) {
                            Type type =
                                    value instanceof Boolean
                                            ? Type.BOOLEAN
                                            : value instanceof Number ? Type.NUMBER : Type.STRING;
                            rows.put(name, new Shown(name, text(value), "", "SESSION", "", type));
                        }
                    });
        }
        return new ArrayList<>(rows.values());
    }

    private Object defaultValue(Definition definition) {
        return definition.name().equals(TIMEZONE) ? timeZone.getId() : definition.defaultValue();
    }

    /** A value of {@code type} read from its text, or null when it is not one. */
    private static Object parse(Type type, String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return switch (type) {
            case BOOLEAN -> {
                if (trimmed.equalsIgnoreCase("true") || trimmed.equals("1")) {
                    yield Boolean.TRUE;
                }
                if (trimmed.equalsIgnoreCase("false") || trimmed.equals("0")) {
                    yield Boolean.FALSE;
                }
                yield null;
            }
            case NUMBER -> {
                try {
                    yield Integer.valueOf(trimmed);
                } catch (NumberFormatException notAnInteger) {
                    yield null;
                }
            }
            case STRING -> text;
        };
    }

    private static Object inferred(String text) {
        Object bool = parse(Type.BOOLEAN, text);
        if (bool != null && !text.strip().matches("[01]")) {
            return bool;
        }
        Object number = parse(Type.NUMBER, text);
        return number != null ? number : text;
    }

    /** A value as SHOW PARAMETERS shows it: booleans in lower case, numbers in decimal. */
    private static String text(Object value) {
        return String.valueOf(value);
    }
}
