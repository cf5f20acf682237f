package io.connectionkit.testkit;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Objects;

/**
 * A configuration the kit hands a connector: either the body of its {@code [connections.<name>]}
 * section in {@code secrets.toml}, or options as an application gives them in code. The kit
 * adds {@code type} itself, so neither form names it.
 *
 * <pre>{@code
 * ConnectorConfig.toml("database = \"" + file + "\"\nencryption_key = \"" + secret + "\"")
 * ConnectorConfig.options(Map.of("url", "jdbc:h2:mem:kit", "password", secret))
 * }</pre>
 *
 * <p>Its {@link #toString()} shows which form it is, never its values, which hold the secret.
 */
public final class ConnectorConfig {

    private final @Nullable String toml;
    private final @Nullable Map<String, Object> options;

    private ConnectorConfig(@Nullable String toml, @Nullable Map<String, Object> options) {
        this.toml = toml;
        this.options = options;
    }

    /** The lines of a {@code [connections.<name>]} section, without the header and without {@code type}. */
    public static ConnectorConfig toml(String section) {
        return new ConnectorConfig(Objects.requireNonNull(section, "section"), null);
    }

    /** Options as given in code ({@code Connections.request(name).options(...)}); a map value is a table. */
    public static ConnectorConfig options(Map<String, ?> options) {
        return new ConnectorConfig(null, Map.copyOf(Objects.requireNonNull(options, "options")));
    }

    /** The section's lines, or {@code null} when this is options. */
    @Nullable String tomlSection() {
        return toml;
    }

    /** The options, or an empty map when this is a TOML section. */
    Map<String, Object> optionValues() {
        return options == null ? Map.of() : options;
    }

    @Override
    public String toString() {
        return toml != null ? "ConnectorConfig[toml]" : "ConnectorConfig[options " + optionValues().keySet() + "]";
    }
}
