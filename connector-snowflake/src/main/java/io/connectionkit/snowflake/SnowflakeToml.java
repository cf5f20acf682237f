package io.connectionkit.snowflake;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One of Snowflake's TOML files ({@code connections.toml}, {@code config.toml}), read with tomlj,
 * and its tables turned into {@link ConnectionConfig}s whose values keep their line. Nothing of
 * the file's text ever reaches a message: a file may hold passwords, and the parser's own words
 * can quote the text it choked on.
 *
 * @param path     where the file is
 * @param location the path as users know it: {@code ~/.snowflake/connections.toml} under the home
 *                 directory, else absolute
 */
record SnowflakeToml(Path path, String location) {

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** The file {@code name} in {@code directory}, named relative to {@code home} where it is under it. */
    static SnowflakeToml in(Path directory, String name, Path home) {
        Path file = directory.resolve(name).toAbsolutePath().normalize();
        Path userHome = home.toAbsolutePath().normalize();
        String location = file.toString();
        if (file.startsWith(userHome) && !file.equals(userHome)) {
            List<String> names = new ArrayList<>();
            userHome.relativize(file).forEach(part -> names.add(part.toString()));
            location = "~/" + String.join("/", names);
        }
        return new SnowflakeToml(file, location);
    }

    /**
     * The parsed file; empty when it does not exist, which is no error.
     *
     * @throws ConnectionConfigException when it cannot be read, or is not valid TOML (naming
     *                                   line and column, never the text)
     */
    Optional<TomlTable> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            throw new ConnectionConfigException("Cannot read " + location + ": it is a directory, not a TOML file.");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new ConnectionConfigException("Cannot read " + location + ": permission denied.", e);
        } catch (CharacterCodingException e) {
            throw new ConnectionConfigException("Cannot read " + location + ": it is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new ConnectionConfigException("Cannot read " + location + ": " + e.getClass().getSimpleName() + ".", e);
        }
        TomlParseResult toml = Toml.parse(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text);
        if (toml.hasErrors()) {
            throw invalid(toml.errors());
        }
        return Optional.of(toml);
    }

    private ConnectionConfigException invalid(List<TomlParseError> errors) {
        TomlParseError first = errors.get(0);
        TomlPosition at = first.position();
        String where = at == null ? location : location + ":" + at.line() + ":" + at.column();
        int more = errors.size() - 1;
        return new ConnectionConfigException("Invalid TOML at " + where + ": " + problem(first.getMessage())
                + (more == 0 ? "" : " (and " + more + " more " + (more == 1 ? "error" : "errors") + ")")
                + ". Snowflake's tools cannot read this file either; fix it at that line and column.");
    }

    /**
     * What the parser found wrong, in its own grammar words only. Its messages quote what it did
     * not expect ({@code Unexpected 'pa55', expected ...}) or put it after a colon
     * ({@code Invalid value: ...}), and that may be part of an unquoted password: both are left out.
     */
    static String problem(@Nullable String parserMessage) {
        if (parserMessage == null || parserMessage.isBlank()) {
            return "not valid TOML";
        }
        int expected = parserMessage.indexOf(", expected ");
        if (parserMessage.startsWith("Unexpected ") && expected > 0) {
            String found = parserMessage.substring("Unexpected ".length(), expected);
            String what = found.equals("end of input") || found.equals("end of line") ? found : "text";
            return "unexpected " + what + parserMessage.substring(expected);
        }
        int cut = parserMessage.length();
        for (int i = 0; i < parserMessage.length(); i++) {
            if ("'\":".indexOf(parserMessage.charAt(i)) >= 0) {
                cut = i;
                break;
            }
        }
        String words = parserMessage.substring(0, cut).strip();
        return words.isEmpty() ? "not valid TOML" : words;
    }

    /** Where {@code keyPath} (each element one key, taken literally) was defined in this file. */
    ConfigSource sourceOf(TomlTable table, List<String> keyPath) {
        TomlPosition position = table.inputPositionOf(keyPath);
        return ConfigSource.file(location, position == null ? 0 : position.line());
    }

    /**
     * {@code table} as a configuration at {@code path}, defined at {@code source}; every value
     * keeps its line, nested tables become nested configurations.
     */
    ConnectionConfig toConfig(TomlTable table, String path, ConfigSource source, Collection<String> sensitiveKeys) {
        ConnectionConfig.Builder builder = ConnectionConfig.builder(path).source(source).sensitiveKeys(sensitiveKeys);
        for (String key : table.keySet()) {
            List<String> keyPath = List.of(key);
            ConfigSource at = sourceOf(table, keyPath);
            Object value = table.get(keyPath);
            if (value != null) {
                builder.put(key, convert(value, path + "." + quoted(key), at, sensitiveKeys), at);
            }
        }
        return builder.build();
    }

    private Object convert(Object value, String path, ConfigSource at, Collection<String> sensitiveKeys) {
        if (value instanceof TomlTable table) {
            return toConfig(table, path, at, sensitiveKeys);
        }
        if (value instanceof TomlArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                TomlPosition position = array.inputPositionOf(i);
                ConfigSource elementAt = position == null ? at : ConfigSource.file(location, position.line());
                list.add(convert(array.get(i), path + "[" + i + "]", elementAt, sensitiveKeys));
            }
            return Collections.unmodifiableList(list);
        }
        return value;
    }

    /** A key as TOML writes it in a dotted path: {@code prod}, or {@code "my.conn"} when not bare. */
    static String quoted(String key) {
        return BARE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
