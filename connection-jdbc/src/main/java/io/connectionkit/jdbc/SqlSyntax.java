package io.connectionkit.jdbc;

/**
 * How a database writes its literals and comments, which decides where a {@code :name} or
 * {@code ?} in a statement's text is a parameter and where it is text. A JDBC connector picks its
 * database's with {@link #of(String)} or names one.
 */
public enum SqlSyntax {
    /**
     * The SQL standard's literals, and block comments that nest, as the standard has them: H2,
     * SQL Server and DuckDB.
     */
    STANDARD(true, false),
    /**
     * The standard's, where {@code ?} is also an operator (of {@code jsonb}), which its driver
     * takes written {@code ??}: beside {@code :name} parameters a {@code ?} after an operand is one.
     */
    POSTGRESQL(true, true),
    /**
     * The standard's literals, but the first {@code *}{@code /} ends a block comment: SQLite,
     * and any database not known here (Oracle, for one, does not nest).
     */
    FLAT_COMMENTS(false, false),
    /** MySQL and MariaDB: backslash escapes in quoted text, {@code #} comments, block comments that do not nest. */
    MYSQL(false, false),
    /**
     * Snowflake: backslash escapes in {@code '...'} (not in {@code "..."}, which quotes a name),
     * {@code $$...$$} text, {@code //} line comments, block comments that do not nest.
     */
    SNOWFLAKE(false, false);

    private final boolean nestsBlockComments;
    private final boolean questionMarkOperator;

    SqlSyntax(boolean nestsBlockComments, boolean questionMarkOperator) {
        this.nestsBlockComments = nestsBlockComments;
        this.questionMarkOperator = questionMarkOperator;
    }

    /** Whether {@code ?} is also an operator, written {@code ??} to the driver beside {@code :name} parameters. */
    boolean questionMarkOperator() {
        return questionMarkOperator;
    }

    /** Whether a {@code /*} inside a block comment opens another, which needs its own {@code *}{@code /}. */
    boolean nestsBlockComments() {
        return nestsBlockComments;
    }

    /** The syntax of a dialect name ({@code mysql}, {@code postgresql}, ... or a JDBC subprotocol). */
    public static SqlSyntax of(String dialect) {
        return switch (dialect) {
            case "mysql", "mariadb" -> MYSQL;
            case "postgresql" -> POSTGRESQL;
            case "snowflake" -> SNOWFLAKE;
            case "h2", "mssql", "duckdb" -> STANDARD;
            // Unknown databases keep the comments they had before nesting was understood: a
            // flat database would otherwise lose the rest of a statement after a stray /*.
            default -> FLAT_COMMENTS;
        };
    }
}
