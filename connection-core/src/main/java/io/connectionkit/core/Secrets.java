package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The merged secrets of a registry: every secrets file that exists, read in order and merged
 * deeply (a later file's table adds to, and overrides key by key, the same table of an earlier
 * file), then the TOML text given to the builder. Every value remembers its file and line, so
 * that an error about a value can point at the line to fix.
 * Immutable; {@link ConnectionRegistry#reloadSecrets()} replaces it with a new instance.
 *
 * <h2>Dotted paths</h2>
 * {@link #table}, {@link #get} and {@link #sourceOf} take a dotted path such as
 * {@code connections.pets.port}. A key that contains a dot can be quoted as in TOML
 * ({@code connections."my.db"}); unquoted ({@code connections.my.db}) it is found too when no
 * shorter key matches. Either way, {@code table("connections").table("my.db")} reaches it.
 *
 * <p>{@link #toString()} shows the files and the top-level names only, never a value. The tables
 * {@link ConnectionRegistry#secrets()} gives mask what every connector found declares secret
 * (its sensitive keys, and the secrets it finds inside values, such as a URL's password), as the
 * configuration of a connection does.
 */
public final class Secrets {

    private final List<Path> searched;
    private final List<SecretsFile> files;
    private final boolean hasToml;
    private final SecretsTable root;
    /** The connectors whose secrets the tables mask; none for the registry's own reading. */
    private final List<ConnectionProvider> maskedFor;

    Secrets(List<Path> searched, List<SecretsFile> files, boolean hasToml, SecretsTable root) {
        this(searched, files, hasToml, root, List.of());
    }

    private Secrets(List<Path> searched, List<SecretsFile> files, boolean hasToml, SecretsTable root,
                    List<ConnectionProvider> maskedFor) {
        this.searched = List.copyOf(searched);
        this.files = List.copyOf(files);
        this.hasToml = hasToml;
        this.root = root;
        this.maskedFor = List.copyOf(maskedFor);
    }

    /** The same secrets, whose tables mask what any of {@code providers} declares secret. */
    Secrets maskedFor(List<ConnectionProvider> providers) {
        return new Secrets(searched, files, hasToml, root, providers);
    }

    /** The paths looked at, in order, whether or not they exist. */
    public List<Path> searched() {
        return searched;
    }

    /**
     * What was read, as messages name it ({@code .streamlit/secrets.toml}, then
     * {@code secretsToml} for the builder's text), for errors that say where secrets came from.
     */
    List<String> readLocations() {
        List<String> sources = new ArrayList<>(files.stream().map(SecretsFile::location).toList());
        if (hasToml) {
            sources.add(SecretsFile.TOML_TEXT);
        }
        return sources;
    }

    /**
     * Why there is no {@code [connections.<name>]} section, for an error: no secrets file was
     * found, and where they were sought; or which connections the secrets configure, saying which
     * have a {@code type}, after the nearest to {@code name} should it be misspelled. Names only,
     * never a value.
     */
    String missingSection(String name) {
        if (isEmpty()) {
            return "No secrets file was found; looked for: " + searched + ".";
        }
        StringBuilder text = new StringBuilder("The secrets (").append(readLocations()).append(") have no [")
                .append(RegistryContext.sectionPath(name)).append("] section");
        Map<String, Boolean> typed = connectionSections();
        if (typed.isEmpty()) {
            return text.append(", nor any [connections.<name>].").toString();
        }
        text.append('.');
        ConnectionConfig.nearestKey(name, typed.keySet()).ifPresent(nearest -> text.append(" Did you mean ")
                .append(nearest).append('?'));
        StringJoiner configured = new StringJoiner(", ", " Configured connections: ", ".");
        typed.forEach((section, hasType) -> configured.add(section + (hasType ? " (with a type)" : " (without a type)")));
        return text.append(configured).toString();
    }

    /** The names of the tables under {@code connections}, in order, each with whether it sets {@code type}. */
    private Map<String, Boolean> connectionSections() {
        Map<String, Boolean> sections = new LinkedHashMap<>();
        if (root.entries().get("connections") != null
                && root.entries().get("connections").value() instanceof SecretsTable connections) {
            connections.entries().forEach((name, entry) -> {
                if (entry.value() instanceof SecretsTable section) {
                    sections.put(name, section.entries().containsKey("type"));
                }
            });
        }
        return sections;
    }

    /** The files that existed and were read, in order. */
    public List<Path> files() {
        return files.stream().map(SecretsFile::path).toList();
    }

    /** Whether no secrets were found at all (no file, no TOML text). */
    public boolean isEmpty() {
        return files.isEmpty() && !hasToml;
    }

    /**
     * The table at a dotted path, such as {@code connections.pets}, as a configuration whose
     * values carry their sources; an empty configuration with that path when there is none.
     *
     * @throws ConnectionConfigException when the path names a value that is not a table
     */
    public ConnectionConfig table(String dottedPath) {
        Optional<SecretsTable.Entry> entry = root.find(segments(dottedPath));
        if (entry.isEmpty()) {
            return ConnectionConfig.empty(dottedPath);
        }
        if (entry.get().value() instanceof SecretsTable table) {
            return masked(table.toConfig(dottedPath));
        }
        throw new ConnectionConfigException(dottedPath + ": expected a table but found "
                + (entry.get().value() instanceof List<?> ? "an array" : "a value")
                + " (" + entry.get().source() + ")");
    }

    /**
     * The value at a dotted path, such as {@code connections.pets.type}: a TOML value, a
     * {@link List} for an array, a {@link ConnectionConfig} for a table.
     */
    public Optional<Object> get(String dottedPath) {
        return root.find(segments(dottedPath)).map(entry -> SecretsTable.configValue(dottedPath, entry.value()))
                .map(value -> value instanceof ConnectionConfig table ? masked(table) : value);
    }

    /** {@code table} masking the secrets of {@link #maskedFor} too; it may over-mask, never under-mask. */
    private ConnectionConfig masked(ConnectionConfig table) {
        if (maskedFor.isEmpty()) {
            return table;
        }
        ConnectionConfig.Builder builder = ConnectionConfig.builder(table.path());
        maskedFor.forEach(provider -> builder.sensitiveKeys(provider.sensitiveKeys()));
        return builder.secretsFoundBy(config -> {
            Set<String> found = new LinkedHashSet<>();
            maskedFor.forEach(provider -> found.addAll(RegistryContext.secretsIn(provider, config)));
            return found;
        }).putAll(table).build();
    }

    /** Where the value at a dotted path was defined; for a table, where it was first defined. */
    public Optional<ConfigSource> sourceOf(String dottedPath) {
        return root.find(segments(dottedPath)).map(SecretsTable.Entry::source);
    }

    /** The keys of a dotted path: split at dots outside quotes, quotes removed. */
    static List<String> segments(String dottedPath) {
        Objects.requireNonNull(dottedPath, "dottedPath");
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quotedSegment = false;
        char quote = 0;
        for (char c : dottedPath.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                quotedSegment = true;
            } else if (c == '.') {
                segments.add(segment(current, quotedSegment, dottedPath));
                current.setLength(0);
                quotedSegment = false;
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unclosed quote in the secrets path " + dottedPath);
        }
        segments.add(segment(current, quotedSegment, dottedPath));
        return segments;
    }

    private static String segment(StringBuilder text, boolean quoted, String dottedPath) {
        String segment = quoted ? text.toString() : text.toString().strip();
        if (segment.isEmpty() && !quoted) {
            throw new IllegalArgumentException("Empty key in the secrets path '" + dottedPath + "'");
        }
        return segment;
    }

    /** The files and the top-level keys and sections; never a value. */
    @Override
    public String toString() {
        List<String> keys = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        root.entries().forEach((key, entry) -> (entry.value() instanceof SecretsTable ? sections : keys).add(key));
        return "Secrets{files=" + readLocations() + ", keys=" + keys + ", sections=" + sections + "}";
    }
}
