package io.connectionkit.snowflake.emulator;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHOW DATABASES, SHOW SCHEMAS, SHOW TABLES, SHOW PARAMETERS and DESCRIBE TABLE, with Snowflake's
 * column names (lower case, such as {@code created_on} and {@code database_name}), read from the H2
 * catalogs.
 */
final class ShowCommands {
    private static final String OWNER = "SYSADMIN";

    private final Catalog catalog;

    ShowCommands(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Where a SHOW looks: the whole account, one database, or one schema of one. */
    private record Scope(List<Catalog.Database> databases, String schema) {}

    Answer run(Session session, String sql, List<Token> tokens, boolean describe)
            throws SQLException, SnowflakeError {
        int i = 1;
        if (i < tokens.size() && tokens.get(i).is("TERSE")) {
            i++;
        }
        String what = i < tokens.size() ? tokens.get(i).upper() : "";
        i++;
        Pattern like = null;
        if (i + 1 < tokens.size()
                && tokens.get(i).is("LIKE")
                && tokens.get(i + 1).kind() == Token.Kind.STRING) {
            like = likePattern(tokens.get(i + 1).stringValue());
            i += 2;
        }
        if (what.equals("PARAMETERS")) {
            return parameters(session, sql, tokens, i, like, describe);
        }
        Scope scope = scope(session, tokens, i);
        List<List<Object>> rows = new ArrayList<>();
        List<ResultColumn> columns;
        switch (what) {
            case "DATABASES" -> {
                columns =
                        columns(
                                "created_on:ltz",
                                "name",
                                "is_default",
                                "is_current",
                                "origin",
                                "owner",
                                "comment",
                                "options",
                                "retention_time",
                                "kind");
                if (!describe) {
                    for (Catalog.Database database : catalog.all()) {
                        if (matches(like, database.name())) {
                            rows.add(
                                    row(
                                            time(database.createdOn()),
                                            database.name(),
                                            "N",
                                            database.name().equals(session.database()) ? "Y" : "N",
                                            "",
                                            OWNER,
                                            "",
                                            "",
                                            "1",
                                            "STANDARD"));
                        }
                    }
                }
            }
            case "SCHEMAS" -> {
                columns =
                        columns(
                                "created_on:ltz",
                                "name",
                                "is_default",
                                "is_current",
                                "database_name",
                                "owner",
                                "comment",
                                "options",
                                "retention_time");
                if (!describe) {
                    for (Catalog.Database database : scope.databases()) {
                        for (String schema : schemas(session, database)) {
                            boolean current =
                                    database.name().equals(session.database())
                                            && schema.equals(session.schema());
                            if (matches(like, schema)) {
                                rows.add(
                                        row(
                                                time(database.schemaCreatedOn(schema)),
                                                schema,
                                                "N",
                                                current ? "Y" : "N",
                                                database.name(),
                                                schema.equals("INFORMATION_SCHEMA") ? "" : OWNER,
                                                "",
                                                "",
                                                "1"));
                            }
                        }
                    }
                }
            }
            case "TABLES", "VIEWS" -> {
                boolean views = what.equals("VIEWS");
                columns =
                        columns(
                                "created_on:ltz",
                                "name",
                                "database_name",
                                "schema_name",
                                "kind",
                                "comment",
                                "cluster_by",
                                "rows:number",
                                "bytes:number",
                                "owner",
                                "retention_time",
                                "automatic_clustering",
                                "change_tracking",
                                "is_external");
                if (!describe) {
                    for (Catalog.Database database : scope.databases()) {
                        tables(session, database, scope.schema(), views, like, rows);
                    }
                }
            }
            default -> throw SnowflakeError.unsupported("SHOW " + what, sql);
        }
        return new Answer(Answer.SHOW, columns, rows, 0, false);
    }

    /**
     * SHOW PARAMETERS [LIKE '...'] [IN SESSION | IN ACCOUNT | IN USER [name]]: the session's
     * parameters, or for the account or a user their defaults (what the session set is its own). A
     * pattern that matches none answers no rows, as Snowflake does.
     */
    private static Answer parameters(
            Session session, String sql, List<Token> tokens, int i, Pattern like, boolean describe)
            throws SnowflakeError {
        boolean sessionLevel = true;
        if (i < tokens.size()) {
            String in =
                    tokens.get(i).is("IN") && i + 1 < tokens.size()
                            ? tokens.get(i + 1).upper()
                            : "";
            int rest = tokens.size() - (i + 2);
            boolean known =
                    in.equals("SESSION") || in.equals("ACCOUNT")
                            ? rest == 0
                            : in.equals("USER")
                                    && (rest == 0 || rest == 1 && tokens.get(i + 2).isName());
            if (!known) {
                throw SnowflakeError.unsupported("This SHOW PARAMETERS", sql);
            }
            sessionLevel = in.equals("SESSION");
        }
        List<ResultColumn> columns =
                columns("key", "value", "default", "level", "description", "type");
        List<List<Object>> rows = new ArrayList<>();
        if (!describe) {
            for (SessionParameters.Shown parameter : session.parameters().shown(sessionLevel)) {
                if (matches(like, parameter.key())) {
                    rows.add(
                            row(
                                    parameter.key(),
                                    parameter.value(),
                                    parameter.defaultValue(),
                                    parameter.level(),
                                    parameter.description(),
                                    parameter.type().name()));
                }
            }
        }
        return new Answer(Answer.SHOW, columns, rows, 0, false);
    }

    private void tables(
            Session session,
            Catalog.Database database,
            String onlySchema,
            boolean views,
            Pattern like,
            List<List<Object>> rows)
            throws SQLException {
        Connection connection = session.connection(database, null);
        List<String[]> found = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES "
                                + "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(
                            new String[] {
                                result.getString(1), result.getString(2), result.getString(3)
                            });
                }
            }
        }
        for (String[] table : found) {
            String schema = table[0];
            String name = table[1];
            String type = table[2] == null ? "" : table[2].toUpperCase(Locale.ROOT);
            boolean isView = type.contains("VIEW");
            if (isView != views
                    || (onlySchema != null && !onlySchema.equals(schema))
                    || !matches(like, name)) {
                continue;
            }
            long count = 0;
            if (!isView) {
                try (Statement statement = connection.createStatement();
                        ResultSet result =
                                statement.executeQuery(
                                        "SELECT COUNT(*) FROM "
                                                + Token.quoted(schema).text()
                                                + "."
                                                + Token.quoted(name).text())) {
                    count = result.next() ? result.getLong(1) : 0;
                }
            }
            String kind = type.contains("TEMPORARY") ? "TEMPORARY" : isView ? "VIEW" : "TABLE";
            rows.add(
                    row(
                            time(database.tableCreatedOn(schema, name)),
                            name,
                            database.name(),
                            schema,
                            kind,
                            "",
                            "",
                            BigDecimal.valueOf(count),
                            BigDecimal.valueOf(count * 64),
                            OWNER,
                            "1",
                            "OFF",
                            "OFF",
                            "N"));
        }
    }

    private static List<String> schemas(Session session, Catalog.Database database)
            throws SQLException {
        Connection connection = session.connection(database, null);
        List<String> schemas = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery(
                                "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (result.next()) {
                schemas.add(result.getString(1));
            }
        }
        return schemas;
    }

    /**
     * IN ACCOUNT | IN DATABASE [d] | IN SCHEMA [d.]s | IN [d.]s; by default the current database.
     */
    private Scope scope(Session session, List<Token> tokens, int i) throws SnowflakeError {
        if (i < tokens.size() && tokens.get(i).is("IN")) {
            i++;
            if (i < tokens.size() && tokens.get(i).is("ACCOUNT")) {
                return new Scope(catalog.all(), null);
            }
            if (i < tokens.size() && tokens.get(i).is("DATABASE")) {
                String name =
                        i + 1 < tokens.size() && tokens.get(i + 1).isName()
                                ? tokens.get(i + 1).name()
                                : session.database();
                return new Scope(List.of(database(name)), null);
            }
            if (i < tokens.size() && tokens.get(i).is("SCHEMA")) {
                i++;
                if (i >= tokens.size()) {
                    return new Scope(List.of(database(session.database())), session.schema());
                }
            }
            if (i < tokens.size() && tokens.get(i).isName()) {
                if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
                    return new Scope(
                            List.of(database(tokens.get(i).name())), tokens.get(i + 2).name());
                }
                return new Scope(List.of(database(session.database())), tokens.get(i).name());
            }
            throw SnowflakeError.syntax("unexpected end of SHOW after IN");
        }
        if (session.database() == null || catalog.get(session.database()) == null) {
            return new Scope(catalog.all(), null);
        }
        return new Scope(List.of(database(session.database())), null);
    }

    private Catalog.Database database(String name) throws SnowflakeError {
        Catalog.Database database = catalog.get(name);
        if (database == null) {
            throw SnowflakeError.doesNotExist("Database", String.valueOf(name));
        }
        return database;
    }

    /** DESCRIBE TABLE t: one row per column with its Snowflake type. */
    Answer describe(Session session, String sql, List<Token> tokens, boolean describeOnly)
            throws SQLException, SnowflakeError {
        int i = 1;
        if (i < tokens.size() && (tokens.get(i).is("TABLE") || tokens.get(i).is("VIEW"))) {
            i++;
        }
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            throw SnowflakeError.unsupported("This DESCRIBE", sql);
        }
        List<String> parts = new ArrayList<>();
        parts.add(tokens.get(i).name());
        while (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
            parts.add(tokens.get(i + 2).name());
            i += 2;
        }
        String table = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : session.schema();
        String databaseName = parts.size() >= 3 ? parts.get(0) : session.database();
        List<ResultColumn> columns =
                columns(
                        "name",
                        "type",
                        "kind",
                        "null?",
                        "default",
                        "primary key",
                        "unique key",
                        "check",
                        "expression",
                        "comment");
        if (describeOnly) {
            return new Answer(Answer.SHOW + 0x100, columns, List.of(), 0, false);
        }
        Catalog.Database database = database(databaseName);
        Connection connection = session.connection(database, null);
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, REMARKS, "
                                + "NUMERIC_PRECISION, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH "
                                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                                + "ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    SnowflakeType declared = SnowflakeType.fromRemark(result.getString(5));
                    rows.add(
                            row(
                                    result.getString(1),
                                    typeText(declared, result),
                                    "COLUMN",
                                    "YES".equals(result.getString(3)) ? "Y" : "N",
                                    result.getString(4),
                                    "N",
                                    "N",
                                    null,
                                    null,
                                    null));
                }
            }
        }
        if (rows.isEmpty()) {
            throw SnowflakeError.doesNotExist("Table", table);
        }
        return new Answer(Answer.SHOW + 0x100, columns, rows, 0, false);
    }

    private static String typeText(SnowflakeType declared, ResultSet column) throws SQLException {
        if (declared == null) {
            return column.getString(2);
        }
        return switch (declared) {
            case FIXED -> "NUMBER(" + column.getInt(6) + "," + column.getInt(7) + ")";
            case REAL -> "FLOAT";
            case TEXT -> "VARCHAR(" + Math.min(16_777_216L, column.getLong(8)) + ")";
            case BINARY -> "BINARY(" + Math.min(8_388_608L, column.getLong(8)) + ")";
            case TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ -> declared.name() + "(9)";
            default -> declared.name();
        };
    }

    private static List<ResultColumn> columns(String... specs) {
        List<ResultColumn> columns = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            String type = parts.length > 1 ? parts[1] : "text";
            columns.add(
                    switch (type) {
                        case "ltz" -> ResultColumn.timestampLtz(parts[0]);
                        case "number" -> ResultColumn.number(parts[0]);
                        default -> ResultColumn.text(parts[0]);
                    });
        }
        return columns;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static boolean matches(Pattern like, String name) {
        return like == null || like.matcher(name).matches();
    }

    /** A LIKE pattern as Snowflake's SHOW reads it: case-insensitive, with % and _. */
    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
