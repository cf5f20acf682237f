package io.connectionkit.sql;

import io.connectionkit.api.QueryOptions;

import java.util.List;

/**
 * A statement as written, with {@code :name} parameters, and as JDBC runs it, with {@code ?}
 * placeholders. Parameters are found outside quotes ({@code '...'}, {@code "..."},
 * {@code `...`}), comments ({@code --}, {@code /* *}{@code /}) and casts ({@code ::}).
 *
 * @param sql            the statement as written
 * @param jdbcSql        the statement with every {@code :name} replaced by {@code ?}
 * @param parameterNames the names in the order of their placeholders; a name used twice appears twice
 * @param positionalCount the number of {@code ?} placeholders written as such
 */
record ParsedStatement(String sql, String jdbcSql, List<String> parameterNames, int positionalCount) {

    static ParsedStatement parse(String sql) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The values to bind, in placeholder order: the named parameters of {@code options}, or its
     * positional arguments.
     *
     * @throws IllegalArgumentException naming a parameter with no value or a value with no parameter
     */
    List<Object> bind(QueryOptions options) {
        throw new UnsupportedOperationException("TODO");
    }
}
