package io.connectionkit.api;

import java.util.Objects;

/**
 * Where a configuration value came from: a file and line ({@code .streamlit/secrets.toml:7}),
 * or {@linkplain #OPTION an option given in code}. Every value of a {@link ConnectionConfig}
 * has one, so that an error can point at the line to fix.
 *
 * @param location a file as the user would recognise it, or a word such as {@code option}
 * @param line     the 1-based line, or 0 when the location has no lines
 */
public record ConfigSource(String location, int line) {

    /** A value given in code, as an option of the connection request. */
    public static final ConfigSource OPTION = new ConfigSource("option", 0);

    /** Nothing defined it (an empty section). */
    public static final ConfigSource NONE = new ConfigSource("nowhere", 0);

    public ConfigSource {
        Objects.requireNonNull(location, "location");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
    }

    /** A line of a file. */
    public static ConfigSource file(String location, int line) {
        return new ConfigSource(location, line);
    }

    /** {@code file:line}, or the location alone when it has no line. */
    @Override
    public String toString() {
        return line > 0 ? location + ":" + line : location;
    }
}
