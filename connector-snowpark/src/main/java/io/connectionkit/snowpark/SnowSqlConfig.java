package io.connectionkit.snowpark;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SnowSQL's config file, {@code ~/.snowsql/config}, read as Streamlit reads it for a {@code snowpark}
 * connection: the last place it looks for a connection's settings, after the options and the secrets.
 *
 * <p>The file is INI, parsed as Python's {@code configparser} in strict mode with {@code #} inline
 * comments parses it: {@code [sections]} (names case-sensitive), {@code key = value} or
 * {@code key: value} (keys lower-cased), full-line {@code #} and {@code ;} comments, a {@code #} after
 * whitespace ending a value, indented lines continuing the value above. Unlike configparser, a
 * {@code #} inside a quoted value ({@code password = "pa #ss"}) is kept, as SnowSQL keeps it, and
 * {@code %} is taken literally. A duplicate section or key is an error, as in strict mode. Messages
 * name the file and line, never a value: the file holds passwords. Immutable.
 */
final class SnowSqlConfig {

    /** SnowSQL's config file as Streamlit reads it: where it is shown in messages, ~/.snowsql/config. */
    static final String LOCATION = "~/.snowsql/config";

    /** The section configparser lays under every other one. */
    private static final String DEFAULTS = "DEFAULT";
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_.-]+");

    /** SnowSQL's names for the settings Snowflake's own names mean, as Streamlit renames them. */
    private static final Map<String, String> RENAMED = Map.of(
            "accountname", "account",
            "username", "user",
            "dbname", "database",
            "db", "database",
            "schemaname", "schema",
            "warehousename", "warehouse",
            "rolename", "role",
            "private_key_path", "private_key_file");

    /** A key and its value, as written: quotes and trailing blank lines go in {@link #value()}. */
    private record Entry(String key, int line, String text) {

        Entry continued(String more) {
            return new Entry(key, line, text + "\n" + more);
        }

        /** The value: without trailing blank lines, and without quotes around it all. */
        String value() {
            String value = text.stripTrailing();
            if (value.length() >= 2) {
                char first = value.charAt(0);
                if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                    return value.substring(1, value.length() - 1);
                }
            }
            return value;
        }

        /** Without the value, which may be a password. */
        @Override
        public String toString() {
            return key + " (line " + line + ")";
        }
    }

    /** A section: its header's line and its keys in order. */
    private record Section(String name, int line, Map<String, Entry> entries) {
    }

    private final boolean exists;
    private final Map<String, Section> sections;

    private SnowSqlConfig(boolean exists, Map<String, Section> sections) {
        this.exists = exists;
        this.sections = sections;
    }

    /**
     * Reads {@code <home>/.snowsql/config}; a missing file reads as empty.
     *
     * @throws ConnectionConfigException when the file cannot be read, or a line is malformed, or a
     *                                   section or a key is defined twice (naming the lines, never a value)
     */
    static SnowSqlConfig read(Path home) {
        Path file = home.resolve(".snowsql").resolve("config");
        if (!Files.exists(file)) {
            return new SnowSqlConfig(false, Map.of());
        }
        if (Files.isDirectory(file)) {
            throw new ConnectionConfigException("Cannot read " + LOCATION + ": it is a directory, not SnowSQL's "
                    + "config file. Remove it, or put the file there.");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new SnowSqlConfig(false, Map.of());
        } catch (AccessDeniedException e) {
            throw new ConnectionConfigException("Cannot read " + LOCATION + ": permission denied.", e);
        } catch (CharacterCodingException e) {
            throw new ConnectionConfigException("Cannot read " + LOCATION + ": it is not UTF-8 text.", e);
        } catch (IOException e) {
            throw new ConnectionConfigException(
                    "Cannot read " + LOCATION + ": " + e.getClass().getSimpleName() + ".", e);
        }
        return new SnowSqlConfig(true, parse(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text));
    }

    /** The sections of {@code text}, in order, each with its keys in order. */
    private static Map<String, Section> parse(String text) {
        Map<String, Section> sections = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        @Nullable Section section = null;
        @Nullable Entry entry = null;
        int entryIndent = 0;
        int blankLines = 0;
        for (int index = 0; index < lines.size(); index++) {
            int number = index + 1;
            String line = lines.get(index);
            String content = line.strip();
            if (content.isEmpty()) {
                blankLines++; // part of a multi-line value if an indented line follows
                continue;
            }
            if (content.startsWith("#") || content.startsWith(";")) {
                continue;
            }
            int indent = line.indexOf(content.charAt(0));
            if (entry != null && indent > entryIndent) {
                entry = entry.continued("\n".repeat(blankLines) + withoutComment(line).strip());
                section.entries().put(entry.key(), entry);
                blankLines = 0;
                continue;
            }
            blankLines = 0;
            entry = null;
            entryIndent = indent;
            String uncommented = withoutComment(line).strip();
            int close = uncommented.lastIndexOf(']');
            if (uncommented.startsWith("[") && close >= 2) {
                section = newSection(sections, uncommented.substring(1, close), number);
                continue;
            }
            if (section == null) {
                throw invalid(number, "a line before the first section header",
                        "put the settings under [connections] or [connections.<name>]");
            }
            int separator = separatorIn(uncommented);
            if (separator < 0) {
                throw KEY_LIKE.matcher(uncommented).matches()
                        ? invalid(number, "a key without a value", "write key = value")
                        : invalid(number, "neither a [section], a key = value nor a comment",
                                "fix or remove that line");
            }
            String key = uncommented.substring(0, separator).strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw invalid(number, "a value without a key", "write key = value");
            }
            Entry earlier = section.entries().get(key);
            if (earlier != null) {
                String shown = KEY_LIKE.matcher(key).matches() ? key : "<key>";
                throw new ConnectionConfigException(section.name() + "." + shown + ": set twice in [" + section.name()
                        + "] (" + at(earlier.line()) + " and " + at(number)
                        + "). SnowSQL's config allows a key once per section: keep one of the two lines.");
            }
            entry = new Entry(key, number, valueText(line.substring(indent + separator + 1)));
            section.entries().put(key, entry);
        }
        Map<String, Section> frozen = new LinkedHashMap<>();
        sections.forEach((name, found) -> frozen.put(name,
                new Section(name, found.line(), Collections.unmodifiableMap(new LinkedHashMap<>(found.entries())))));
        return Collections.unmodifiableMap(frozen);
    }

    private static Section newSection(Map<String, Section> sections, String name, int line) {
        Section earlier = sections.get(name);
        if (earlier != null) {
            throw new ConnectionConfigException("[" + name + "] is defined twice in SnowSQL's config ("
                    + at(earlier.line()) + " and " + at(line) + "). It allows a section once: merge the two.");
        }
        Section section = new Section(name, line, new LinkedHashMap<>());
        sections.put(name, section);
        return section;
    }

    /** The first {@code =} or {@code :}, which ends the key; -1 if there is none. */
    private static int separatorIn(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '=' || line.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} up to a {@code #} that follows whitespace, configparser's inline comment. */
    private static String withoutComment(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /**
     * The value after the {@code =}, stripped, without its inline comment. A value in quotes keeps
     * its quotes here, and whatever is inside them, {@code #} included, when only whitespace or a
     * comment follows the closing quote.
     */
    private static String valueText(String afterSeparator) {
        String text = afterSeparator.stripLeading();
        if (!text.isEmpty() && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
            char quote = text.charAt(0);
            for (int close = text.indexOf(quote, 1); close > 0; close = text.indexOf(quote, close + 1)) {
                String after = text.substring(close + 1);
                if (after.isBlank() || Character.isWhitespace(after.charAt(0)) && after.strip().startsWith("#")) {
                    return text.substring(0, close + 1);
                }
            }
        }
        return withoutComment(afterSeparator).strip();
    }

    private static ConnectionConfigException invalid(int line, String problem, String hint) {
        return new ConnectionConfigException("Invalid line in SnowSQL's config (" + at(line) + "): " + problem + ". "
                + Character.toUpperCase(hint.charAt(0)) + hint.substring(1)
                + "; the line is not shown, as it may hold a password.");
    }

    private static String at(int line) {
        return ConfigSource.file(LOCATION, line).toString();
    }

    /** [connections.<name>] if the file has it, else [connections], else none. */
    private Optional<Section> section(String name) {
        return Optional.ofNullable(sections.get("connections." + Objects.requireNonNull(name, "name")))
                .or(() -> Optional.ofNullable(sections.get("connections")));
    }

    /**
     * The settings of connection {@code name}: section {@code [connections.<name>]} if present, else
     * {@code [connections]}, else empty. Keys are renamed as Streamlit renames them ({@code accountname}
     * to {@code account}, {@code username} to {@code user}, {@code dbname} and {@code db} to
     * {@code database}, {@code schemaname}, {@code warehousename} and {@code rolename} without
     * {@code name}, and {@code private_key_path} to {@code private_key_file}); each value is a string
     * with its line. A {@code [DEFAULT]} section's keys are taken where the section lacks them, as
     * configparser does. The returned config's own source is the section header's line.
     *
     * @param path          the config's path, used as {@link ConnectionConfig#builder(String)}, e.g.
     *                      {@code connections.pets}
     * @param sensitiveKeys passed to the builder's {@link ConnectionConfig.Builder#sensitiveKeys}
     */
    Optional<ConnectionConfig> connection(String name, String path, Collection<String> sensitiveKeys) {
        Optional<Section> found = section(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Section section = found.get();
        ConnectionConfig.Builder builder = ConnectionConfig.builder(path)
                .source(ConfigSource.file(LOCATION, section.line()))
                .sensitiveKeys(sensitiveKeys);
        Map<String, Entry> entries = new LinkedHashMap<>(section.entries());
        Section defaults = sections.get(DEFAULTS);
        if (defaults != null) {
            defaults.entries().forEach(entries::putIfAbsent);
        }
        for (Entry entry : entries.values()) {
            builder.put(RENAMED.getOrDefault(entry.key(), entry.key()), entry.value(),
                    ConfigSource.file(LOCATION, entry.line()));
        }
        return Optional.of(builder.build());
    }

    /**
     * What was looked for, for an error listing the places tried: {@code [connections.pets] or
     * [connections] in ~/.snowsql/config (not found)}, or {@code (no such section)}, or which one was
     * found and where.
     */
    String whereSought(String name) {
        String sought = "[connections." + name + "] or [connections] in " + LOCATION;
        if (!exists) {
            return sought + " (not found)";
        }
        return sought + section(name).map(section -> " (found [" + section.name() + "] at line " + section.line() + ")")
                .orElse(" (no such section)");
    }
}
