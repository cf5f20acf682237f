package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;

import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table of the secrets: values in the order they were defined, each with its file and line.
 * A nested table is a {@code SecretsTable}, an array an immutable {@link List}. Immutable, so a
 * {@link Secrets} can be shared between threads without copying.
 */
final class SecretsTable {

    /** A value and where it was defined. */
    record Entry(Object value, ConfigSource source) {
    }

    static final SecretsTable EMPTY = new SecretsTable(ConfigSource.NONE, Map.of());

    private final ConfigSource source;
    private final Map<String, Entry> entries;

    private SecretsTable(ConfigSource source, Map<String, Entry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Converts a parsed TOML table; {@code location} is the file's display path. */
    static SecretsTable of(TomlTable toml, ConfigSource source, String location) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String key : toml.keySet()) {
            // A one-element key path, so that a key containing dots is taken literally.
            List<String> keyPath = List.of(key);
            ConfigSource at = sourceAt(location, toml.inputPositionOf(keyPath));
            entries.put(key, new Entry(convert(toml.get(keyPath), at, location), at));
        }
        return new SecretsTable(source, entries);
    }

    private static Object convert(Object value, ConfigSource at, String location) {
        if (value instanceof TomlTable table) {
            return of(table, at, location);
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                TomlPosition position = array.inputPositionOf(i);
                list.add(convert(array.get(i), position == null ? at : sourceAt(location, position), location));
            }
            return List.copyOf(list);
        }
        return value;
    }

    static ConfigSource sourceAt(String location, TomlPosition position) {
        return ConfigSource.file(location, position == null ? 0 : position.line());
    }

    ConfigSource source() {
        return source;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * {@code later} laid over this table: a table in both merges key by key and keeps the source
     * of its first definition; any other value (an array too) is replaced whole.
     */
    SecretsTable overlay(SecretsTable later) {
        Map<String, Entry> merged = new LinkedHashMap<>(entries);
        later.entries.forEach((key, over) -> merged.merge(key, over, (earlier, replacement) ->
                earlier.value instanceof SecretsTable a && replacement.value instanceof SecretsTable b
                        ? new Entry(a.overlay(b), earlier.source)
                        : replacement));
        return new SecretsTable(source == ConfigSource.NONE ? later.source : source, merged);
    }

    /**
     * The entry at a key path. When a segment is not a key, it is joined with the next ones by
     * dots, so {@code [connections."my.db"]} is also found as {@code connections.my.db}; the
     * shortest key that leads to a value wins.
     */
    Optional<Entry> find(List<String> segments) {
        for (int end = 1; end <= segments.size(); end++) {
            Entry entry = entries.get(String.join(".", segments.subList(0, end)));
            if (entry == null) {
                continue;
            }
            if (end == segments.size()) {
                return Optional.of(entry);
            }
            if (entry.value instanceof SecretsTable table) {
                Optional<Entry> found = table.find(segments.subList(end, segments.size()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** This table as a configuration named {@code path}, nested tables as nested configurations. */
    ConnectionConfig toConfig(String path) {
        ConnectionConfig.Builder builder = ConnectionConfig.builder(path).source(source);
        entries.forEach((key, entry) -> builder.put(key, configValue(path + "." + key, entry.value), entry.source));
        return builder.build();
    }

    /** A value as {@link ConnectionConfig} holds it: tables, also inside arrays, as configurations. */
    static Object configValue(String path, Object value) {
        if (value instanceof SecretsTable table) {
            return table.toConfig(path);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                converted.add(configValue(path + "[" + i + "]", list.get(i)));
            }
            return List.copyOf(converted);
        }
        return value;
    }
}
