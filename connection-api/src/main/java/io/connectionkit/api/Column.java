package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * A column of a {@link QueryResult}.
 *
 * @param name     the column label as the database gave it
 * @param javaType the class of its non-null values ({@code Object.class} when unknown)
 * @param sqlType  the database's type name, such as {@code VARCHAR}; {@code null} when unknown
 */
public record Column(String name, Class<?> javaType, @Nullable String sqlType) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
    }

    /** A column with no SQL type name. */
    public static Column of(String name, Class<?> javaType) {
        return new Column(name, javaType, null);
    }
}
