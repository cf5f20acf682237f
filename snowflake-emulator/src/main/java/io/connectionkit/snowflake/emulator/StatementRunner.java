package io.connectionkit.snowflake.emulator;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one Snowflake statement for a session: the emulator answers USE, SHOW, ALTER SESSION and
 * database and schema DDL itself, and hands the rest to the H2 database of the session's current
 * database once {@link SqlTranslator} has rewritten what H2 reads otherwise.
 */
final class StatementRunner {
    private final Catalog catalog;
    private final String account;
    private final ShowCommands show;
    private final RunningQueries running;

    StatementRunner(Catalog catalog, String account, RunningQueries running) {
        this.catalog = catalog;
        this.account = account;
        this.show = new ShowCommands(catalog);
        this.running = running;
    }

    /** Where a statement runs: an H2 database and schema, and the statement's tokens for it. */
    private record Target(Catalog.Database database, String schema, List<Token> tokens) {}

    /**
     * Runs {@code sql} (or with {@code describeOnly} only describes it: its columns, binds and
     * type).
     *
     * @throws SnowflakeError what Snowflake would answer for a statement that fails
     */
    Answer run(Session session, String sql, Binds binds, boolean describeOnly, RunningQuery running)
            throws SnowflakeError {
        List<Token> tokens = statementTokens(sql);
        Answer cancel = cancelFunction(tokens, describeOnly, running);
        if (cancel != null) {
            return cancel;
        }
        session.lock().lock();
        try {
            running.check();
            return dispatch(session, sql, tokens, binds, describeOnly, running);
        } catch (SQLException e) {
            running.check();
            throw H2Errors.translate(e);
        } catch (RuntimeException e) {
            // A statement cut short where the emulator's reading expected more of it.
            throw SnowflakeError.syntax(
                    "syntax error: the Snowflake emulator cannot read this "
                            + "statement: "
                            + SnowflakeError.abbreviate(sql));
        } finally {
            session.lock().unlock();
        }
    }

    private static List<Token> statementTokens(String sql) throws SnowflakeError {
        List<Token> tokens = new ArrayList<>(SqlLexer.tokens(sql));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw new SnowflakeError("000900", "42000", "Empty SQL statement.");
        }
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                throw SnowflakeError.unsupported("More than one statement in one request", sql);
            }
        }
        return tokens;
    }

    /**
     * {@code SELECT SYSTEM$CANCEL_ALL_QUERIES(<session id>)} and {@code SELECT
     * SYSTEM$CANCEL_QUERY('<query id>')}, answered without the session's lock, which a statement
     * they end may hold: one text column named after the call, as Snowflake names it. Null for any
     * other statement.
     */
    private Answer cancelFunction(List<Token> tokens, boolean describe, RunningQuery asking)
            throws SnowflakeError {
        if (tokens.size() < 5
                || !tokens.get(0).is("SELECT")
                || !(tokens.get(1).is("SYSTEM$CANCEL_ALL_QUERIES")
                        || tokens.get(1).is("SYSTEM$CANCEL_QUERY"))
                || !tokens.get(2).isSymbol("(")
                || !tokens.get(4).isSymbol(")")) {
            return null;
        }
        Token argument = tokens.get(3);
        String column =
                tokens.get(1).upper() + "(" + argument.text().toUpperCase(Locale.ROOT) + ")";
        int end = 5;
        if (at(tokens, end, "AS")) {
            end++;
        }
        if (end < tokens.size() && tokens.get(end).isName()) {
            column = tokens.get(end).name();
            end++;
        }
        if (end < tokens.size()
                || (argument.kind() != Token.Kind.NUMBER && argument.kind() != Token.Kind.STRING)) {
            return null;
        }
        String value =
                argument.kind() == Token.Kind.STRING ? argument.stringValue() : argument.text();
        List<ResultColumn> columns = List.of(ResultColumn.text(column));
        if (describe) {
            return new Answer(Answer.SELECT, columns, List.of(), 0, false);
        }
        String message;
        if (tokens.get(1).is("SYSTEM$CANCEL_ALL_QUERIES")) {
            long sessionId;
            try {
                sessionId = Long.parseLong(value.strip());
            } catch (NumberFormatException notANumber) {
                throw new SnowflakeError(
                        "100038", "22018", "Numeric value '" + value + "' is not recognized");
            }
            message = running.cancelSession(sessionId, asking) + " cancelled.";
        } else {
            running.cancelQuery(value.strip());
            message = "query [" + value.strip() + "] terminated.";
        }
        return new Answer(Answer.SELECT, columns, List.of(List.of(message)), 0, false);
    }

    private Answer dispatch(
            Session session,
            String sql,
            List<Token> tokens,
            Binds binds,
            boolean describe,
            RunningQuery running)
            throws SQLException, SnowflakeError {
        Token first = tokens.get(0);
        String keyword = first.kind() == Token.Kind.WORD ? first.upper() : first.text();
        switch (keyword) {
            case "SELECT", "WITH", "VALUES", "(" -> {
                return query(session, tokens, binds, describe, running);
            }
            case "INSERT" -> {
                return dml(
                        session,
                        tokens,
                        binds,
                        describe,
                        running,
                        Answer.INSERT,
                        List.of("number of rows inserted"));
            }
            case "UPDATE" -> {
                return dml(
                        session,
                        tokens,
                        binds,
                        describe,
                        running,
                        Answer.UPDATE,
                        List.of("number of rows updated", "number of multi-joined rows updated"));
            }
            case "DELETE" -> {
                return dml(
                        session,
                        tokens,
                        binds,
                        describe,
                        running,
                        Answer.DELETE,
                        List.of("number of rows deleted"));
            }
            case "CREATE" -> {
                return create(session, sql, tokens, describe, running);
            }
            case "DROP" -> {
                return drop(session, sql, tokens, describe, running);
            }
            case "ALTER" -> {
                return alter(session, sql, tokens, describe, running);
            }
            case "TRUNCATE" -> {
                List<Token> rewritten = new ArrayList<>(tokens);
                if (rewritten.size() > 1 && !rewritten.get(1).is("TABLE")) {
                    rewritten.add(1, Token.word("TABLE"));
                }
                return passThrough(
                        session,
                        rewritten,
                        describe,
                        running,
                        Answer.DDL,
                        "Statement executed successfully.");
            }
            case "USE" -> {
                return use(session, sql, tokens, describe);
            }
            case "SHOW" -> {
                return show.run(session, sql, tokens, describe);
            }
            case "DESC", "DESCRIBE" -> {
                return show.describe(session, sql, tokens, describe);
            }
            case "BEGIN", "START", "COMMIT", "ROLLBACK" -> {
                return transaction(session, keyword, describe);
            }
            case "MERGE" -> throw SnowflakeError.unsupported("MERGE", sql);
            default ->
                    throw SnowflakeError.syntax(
                            "syntax error line 1 at position 0 unexpected '"
                                    + first.text()
                                    + "'. The Snowflake emulator does not know this statement: "
                                    + SnowflakeError.abbreviate(sql));
        }
    }

    // ---- Statements H2 runs ----

    private Target target(Session session, List<Token> tokens) throws SnowflakeError {
        String referenced = SqlTranslator.referencedDatabase(tokens, catalog);
        String name = referenced != null ? referenced : session.database();
        Catalog.Database database = name == null ? catalog.scratch() : catalog.get(name);
        if (database == null) {
            throw SnowflakeError.doesNotExist("Database", name);
        }
        String schema =
                name != null && name.equals(session.database()) ? session.schema() : "PUBLIC";
        List<Token> local = SqlTranslator.localNames(tokens, name, catalog);
        return new Target(database, schema, local);
    }

    private SqlTranslator.Context context(Session session) {
        return new SqlTranslator.Context(
                account,
                session.user(),
                session.database(),
                session.schema(),
                session.warehouse(),
                session.role(),
                session.id());
    }

    private String h2Sql(Session session, List<Token> tokens) throws SnowflakeError {
        return SqlLexer.text(SqlTranslator.expressions(tokens, context(session)));
    }

    private Answer query(
            Session session,
            List<Token> tokens,
            Binds binds,
            boolean describe,
            RunningQuery running)
            throws SQLException, SnowflakeError {
        Target target = target(session, tokens);
        Connection connection = session.connection(target.database(), target.schema());
        try (PreparedStatement statement =
                connection.prepareStatement(h2Sql(session, target.tokens()))) {
            if (describe) {
                List<ResultColumn> columns =
                        columns(statement.getMetaData(), connection, target.database().name());
                return new Answer(
                        Answer.SELECT,
                        columns,
                        List.of(),
                        statement.getParameterMetaData().getParameterCount(),
                        false);
            }
            if (binds.array()) {
                throw SnowflakeError.unsupported("A query with array binds", SqlLexer.text(tokens));
            }
            bind(statement, binds, 0);
            running.executing(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<ResultColumn> columns =
                        columns(rows.getMetaData(), connection, target.database().name());
                List<List<Object>> values = new ArrayList<>();
                while (rows.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        row.add(WireValues.read(rows, i + 1, columns.get(i).type()));
                    }
                    values.add(row);
                }
                return new Answer(Answer.SELECT, columns, values, 0, false);
            }
        }
    }

    private Answer dml(
            Session session,
            List<Token> tokens,
            Binds binds,
            boolean describe,
            RunningQuery running,
            long statementType,
            List<String> countColumns)
            throws SQLException, SnowflakeError {
        Target target = target(session, tokens);
        Connection connection = session.connection(target.database(), target.schema());
        try (PreparedStatement statement =
                connection.prepareStatement(h2Sql(session, target.tokens()))) {
            if (describe) {
                return count(statementType, countColumns, 0)
                        .described(statement.getParameterMetaData().getParameterCount(), true);
            }
            running.executing(statement);
            long count = 0;
            if (binds.array()) {
                // One request, one statement: all rows or none, as Snowflake runs an array bind.
                boolean ownTransaction = connection.getAutoCommit();
                if (ownTransaction) {
                    connection.setAutoCommit(false);
                }
                try {
                    for (int row = 0; row < binds.rows(); row++) {
                        bind(statement, binds, row);
                        statement.addBatch();
                    }
                    for (int rowCount : statement.executeBatch()) {
                        count += rowCount == Statement.SUCCESS_NO_INFO ? 1 : Math.max(rowCount, 0);
                    }
                    if (ownTransaction) {
                        connection.commit();
                    }
                } catch (SQLException | SnowflakeError e) {
                    if (ownTransaction) {
                        connection.rollback();
                    }
                    throw e;
                } finally {
                    if (ownTransaction) {
                        connection.setAutoCommit(true);
                    }
                }
            } else {
                bind(statement, binds, 0);
                count = statement.executeLargeUpdate();
            }
            return count(statementType, countColumns, count);
        }
    }

    private static Answer count(long statementType, List<String> columns, long count) {
        List<ResultColumn> resultColumns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (String column : columns) {
            resultColumns.add(ResultColumn.number(column));
            row.add(BigDecimal.valueOf(row.isEmpty() ? count : 0));
        }
        return new Answer(statementType, resultColumns, List.of(row), 0, false);
    }

    private static void bind(PreparedStatement statement, Binds binds, int row)
            throws SQLException, SnowflakeError {
        for (int position = 1; position <= binds.count(); position++) {
            statement.setObject(position, binds.value(position, row));
        }
    }

    /** Runs DDL H2 understands as written (after the usual rewriting). */
    private Answer passThrough(
            Session session,
            List<Token> tokens,
            boolean describe,
            RunningQuery running,
            long statementType,
            String status)
            throws SQLException, SnowflakeError {
        if (describe) {
            return Answer.status(statementType, status).described(0, false);
        }
        Target target = target(session, tokens);
        Connection connection = session.connection(target.database(), target.schema());
        try (Statement statement = connection.createStatement()) {
            running.executing(statement);
            statement.execute(h2Sql(session, target.tokens()));
        }
        return Answer.status(statementType, status);
    }

    // ---- CREATE, DROP, ALTER ----

    private Answer create(
            Session session, String sql, List<Token> tokens, boolean describe, RunningQuery running)
            throws SQLException, SnowflakeError {
        int i = 1;
        boolean orReplace = false;
        boolean temporary = false;
        if (at(tokens, i, "OR") && at(tokens, i + 1, "REPLACE")) {
            orReplace = true;
            i += 2;
        }
        while (i < tokens.size()
                && (tokens.get(i).is("TEMPORARY")
                        || tokens.get(i).is("TEMP")
                        || tokens.get(i).is("LOCAL")
                        || tokens.get(i).is("GLOBAL")
                        || tokens.get(i).is("VOLATILE")
                        || tokens.get(i).is("TRANSIENT"))) {
            temporary |=
                    !tokens.get(i).is("TRANSIENT")
                            && !tokens.get(i).is("GLOBAL")
                            && !tokens.get(i).is("LOCAL");
            i++;
        }
        String what = i < tokens.size() ? tokens.get(i).upper() : "";
        switch (what) {
            case "TABLE" -> {
                return createTable(session, sql, tokens, orReplace, temporary, describe, running);
            }
            case "DATABASE" -> {
                return createDatabase(session, tokens, i + 1, orReplace, describe);
            }
            case "SCHEMA" -> {
                return createSchema(session, tokens, i + 1, orReplace, describe);
            }
            case "VIEW", "SEQUENCE" -> {
                if (what.equals("SEQUENCE") && orReplace) {
                    throw SnowflakeError.unsupported("CREATE OR REPLACE SEQUENCE", sql);
                }
                if (temporary) {
                    throw SnowflakeError.unsupported("CREATE TEMPORARY " + what, sql);
                }
                int at = i + 1;
                if (at(tokens, at, "IF")
                        && at(tokens, at + 1, "NOT")
                        && at(tokens, at + 2, "EXISTS")) {
                    at += 3;
                }
                Token name = tokens.get(Math.max(0, qualifiedNameEnd(tokens, at, sql) - 1));
                return passThrough(
                        session,
                        tokens,
                        describe,
                        running,
                        Answer.DDL,
                        (what.equals("VIEW") ? "View " : "Sequence ")
                                + name.name()
                                + " successfully created.");
            }
            default -> throw SnowflakeError.unsupported("CREATE " + what, sql);
        }
    }

    private Answer createTable(
            Session session,
            String sql,
            List<Token> tokens,
            boolean orReplace,
            boolean temporary,
            boolean describe,
            RunningQuery running)
            throws SQLException, SnowflakeError {
        Target target = target(session, tokens);
        // Positions in the statement without its database parts.
        tokens = target.tokens();
        int i = 0;
        while (!tokens.get(i).is("TABLE")) {
            i++;
        }
        i++;
        boolean ifNotExists =
                at(tokens, i, "IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS");
        if (ifNotExists) {
            i += 3;
        }
        int nameStart = i;
        int nameEnd = qualifiedNameEnd(tokens, nameStart, sql);
        List<Token> name = tokens.subList(nameStart, nameEnd);
        String table = name.get(name.size() - 1).name();
        String schema = name.size() >= 3 ? name.get(name.size() - 3).name() : target.schema();

        List<Token> out = new ArrayList<>();
        out.add(Token.word("CREATE").withSpace(""));
        if (temporary) {
            out.add(Token.word("LOCAL TEMPORARY"));
        }
        out.add(Token.word("TABLE"));
        if (ifNotExists) {
            out.add(Token.word("IF NOT EXISTS"));
        }
        out.addAll(name);
        int next = nameEnd;
        if (next < tokens.size() && tokens.get(next).isSymbol("(")) {
            out.add(tokens.get(next));
            int end = SqlTranslator.columnDefinitions(tokens, next + 1, false, out);
            if (end >= tokens.size()) {
                throw SnowflakeError.syntax("missing ')' after the column definitions");
            }
            out.add(tokens.get(end));
            next = end + 1;
        }
        // Table options H2 lacks (CLUSTER BY, COMMENT =, COPY GRANTS, ...) are dropped; AS SELECT
        // stays.
        int as = -1;
        for (int j = next; j < tokens.size(); j++) {
            if (tokens.get(j).is("AS")) {
                as = j;
                break;
            }
            if (tokens.get(j).is("LIKE")
                    || tokens.get(j).is("CLONE")
                    || tokens.get(j).is("USING")) {
                throw SnowflakeError.unsupported("CREATE TABLE ... " + tokens.get(j).upper(), sql);
            }
        }
        if (as >= 0) {
            out.addAll(tokens.subList(as, tokens.size()));
        }
        if (describe) {
            return Answer.status(Answer.DDL, "").described(0, false);
        }
        Connection connection = session.connection(target.database(), target.schema());
        try (Statement statement = connection.createStatement()) {
            running.executing(statement);
            if (orReplace) {
                statement.execute("DROP TABLE IF EXISTS " + SqlLexer.text(name));
            }
            statement.execute(h2Sql(session, out));
        }
        target.database().tableCreated(schema, table);
        return Answer.status(Answer.DDL, "Table " + table + " successfully created.");
    }

    private Answer createDatabase(
            Session session, List<Token> tokens, int i, boolean orReplace, boolean describe)
            throws SnowflakeError {
        boolean ifNotExists =
                at(tokens, i, "IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS");
        if (ifNotExists) {
            i += 3;
        }
        String name = nameAt(tokens, i, "database");
        if (describe) {
            return Answer.status(Answer.DDL, "").described(0, false);
        }
        if (catalog.create(name, orReplace, ifNotExists) == null) {
            return Answer.status(Answer.DDL, name + " already exists, statement succeeded.");
        }
        session.useDatabase(name, "PUBLIC");
        return Answer.status(Answer.DDL, "Database " + name + " successfully created.");
    }

    private Answer createSchema(
            Session session, List<Token> tokens, int i, boolean orReplace, boolean describe)
            throws SQLException, SnowflakeError {
        boolean ifNotExists =
                at(tokens, i, "IF") && at(tokens, i + 1, "NOT") && at(tokens, i + 2, "EXISTS");
        if (ifNotExists) {
            i += 3;
        }
        SchemaName schemaName = schemaName(session, tokens, i);
        if (describe) {
            return Answer.status(Answer.DDL, "").described(0, false);
        }
        Connection connection = session.connection(schemaName.database(), null);
        String quoted = Token.quoted(schemaName.schema()).text();
        boolean exists = schemaExists(connection, schemaName.schema());
        if (exists && ifNotExists) {
            return Answer.status(
                    Answer.DDL, schemaName.schema() + " already exists, statement succeeded.");
        }
        if (exists && !orReplace) {
            throw SnowflakeError.alreadyExists(schemaName.schema());
        }
        if (exists) {
            dropSchema(session, connection, schemaName, false);
        }
        if (!schemaExists(connection, schemaName.schema())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + quoted);
            }
        }
        schemaName.database().schemaCreated(schemaName.schema());
        session.useDatabase(schemaName.database().name(), schemaName.schema());
        return Answer.status(
                Answer.DDL, "Schema " + schemaName.schema() + " successfully created.");
    }

    private Answer drop(
            Session session, String sql, List<Token> tokens, boolean describe, RunningQuery running)
            throws SQLException, SnowflakeError {
        String what = tokens.size() > 1 ? tokens.get(1).upper() : "";
        int i = 2;
        boolean ifExists = at(tokens, i, "IF") && at(tokens, i + 1, "EXISTS");
        if (ifExists) {
            i += 2;
        }
        switch (what) {
            case "TABLE", "VIEW", "SEQUENCE" -> {
                Token last = tokens.get(Math.max(0, qualifiedNameEnd(tokens, i, sql) - 1));
                return passThrough(
                        session,
                        tokens,
                        describe,
                        running,
                        Answer.DDL,
                        last.name() + " successfully dropped.");
            }
            case "DATABASE" -> {
                String name = nameAt(tokens, i, "database");
                if (describe) {
                    return Answer.status(Answer.DDL, "").described(0, false);
                }
                Catalog.Database database = catalog.get(name);
                if (database == null) {
                    if (ifExists) {
                        return Answer.status(
                                Answer.DDL,
                                "Drop statement executed successfully ("
                                        + name
                                        + " already dropped).");
                    }
                    throw SnowflakeError.doesNotExist("Database", name);
                }
                catalog.drop(name);
                session.forget(database);
                return Answer.status(Answer.DDL, name + " successfully dropped.");
            }
            case "SCHEMA" -> {
                SchemaName schemaName = schemaName(session, tokens, i);
                if (describe) {
                    return Answer.status(Answer.DDL, "").described(0, false);
                }
                Connection connection = session.connection(schemaName.database(), null);
                if (!schemaExists(connection, schemaName.schema())) {
                    if (ifExists) {
                        return Answer.status(
                                Answer.DDL,
                                "Drop statement executed successfully ("
                                        + schemaName.schema()
                                        + " already dropped).");
                    }
                    throw SnowflakeError.doesNotExist("Schema", schemaName.schema());
                }
                dropSchema(
                        session,
                        connection,
                        schemaName,
                        tokens.get(tokens.size() - 1).is("RESTRICT"));
                if (schemaName.schema().equals(session.schema())
                        && schemaName.database().name().equals(session.database())) {
                    session.useSchema(null);
                }
                return Answer.status(Answer.DDL, schemaName.schema() + " successfully dropped.");
            }
            default -> throw SnowflakeError.unsupported("DROP " + what, sql);
        }
    }

    /**
     * Drops a schema with what it holds. H2 keeps its PUBLIC schema, so dropping PUBLIC drops what
     * it holds and leaves it empty.
     */
    private static void dropSchema(
            Session session, Connection connection, SchemaName schemaName, boolean restrict)
            throws SQLException {
        String quoted = Token.quoted(schemaName.schema()).text();
        try (Statement statement = connection.createStatement()) {
            if (!schemaName.schema().equals("PUBLIC")) {
                // H2 refuses to drop the schema a connection is in.
                connection.setSchema("PUBLIC");
                session.invalidateSchema(schemaName.database());
                statement.execute("DROP SCHEMA " + quoted + (restrict ? " RESTRICT" : " CASCADE"));
                return;
            }
            List<String> objects = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery(
                            "SELECT TABLE_TYPE, TABLE_NAME "
                                    + "FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rows.next()) {
                    String kind = rows.getString(1).contains("VIEW") ? "VIEW" : "TABLE";
                    objects.add(
                            "DROP "
                                    + kind
                                    + " IF EXISTS "
                                    + quoted
                                    + "."
                                    + Token.quoted(rows.getString(2)).text()
                                    + " CASCADE");
                }
            }
            try (ResultSet rows =
                    statement.executeQuery(
                            "SELECT SEQUENCE_NAME "
                                    + "FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'")) {
                while (rows.next()) {
                    objects.add(
                            "DROP SEQUENCE IF EXISTS "
                                    + quoted
                                    + "."
                                    + Token.quoted(rows.getString(1)).text());
                }
            }
            if (restrict && !objects.isEmpty()) {
                throw new SQLException("Schema PUBLIC is not empty", "42000", 90107);
            }
            for (String drop : objects) {
                statement.execute(drop);
            }
        }
    }

    private Answer alter(
            Session session, String sql, List<Token> tokens, boolean describe, RunningQuery running)
            throws SQLException, SnowflakeError {
        if (at(tokens, 1, "SESSION")) {
            boolean set = at(tokens, 2, "SET");
            if (!set && !at(tokens, 2, "UNSET")) {
                throw SnowflakeError.syntax(
                        "ALTER SESSION takes SET or UNSET: " + SnowflakeError.abbreviate(sql));
            }
            if (describe) {
                return Answer.status(Answer.ALTER_SESSION, "").described(0, false);
            }
            if (set) {
                setParameters(session, tokens, sql);
            } else {
                unsetParameters(session, tokens, sql);
            }
            return Answer.status(Answer.ALTER_SESSION, "Statement executed successfully.");
        }
        if (at(tokens, 1, "TABLE")) {
            int i = 2;
            if (at(tokens, i, "IF") && at(tokens, i + 1, "EXISTS")) {
                i += 2;
            }
            int nameEnd = qualifiedNameEnd(tokens, i, sql);
            List<Token> rewritten = new ArrayList<>(tokens.subList(0, nameEnd));
            int j = nameEnd;
            if (at(tokens, j, "ADD")) {
                rewritten.add(tokens.get(j++));
                if (at(tokens, j, "COLUMN")) {
                    rewritten.add(tokens.get(j++));
                }
                if (at(tokens, j, "IF")
                        && at(tokens, j + 1, "NOT")
                        && at(tokens, j + 2, "EXISTS")) {
                    rewritten.addAll(tokens.subList(j, j + 3));
                    j += 3;
                }
                boolean constraint =
                        at(tokens, j, "CONSTRAINT")
                                || at(tokens, j, "PRIMARY")
                                || at(tokens, j, "UNIQUE")
                                || at(tokens, j, "FOREIGN");
                if (!constraint) {
                    j = SqlTranslator.columnDefinitions(tokens, j, true, rewritten);
                }
            }
            rewritten.addAll(tokens.subList(j, tokens.size()));
            return passThrough(
                    session,
                    rewritten,
                    describe,
                    running,
                    Answer.DDL,
                    "Statement executed successfully.");
        }
        throw SnowflakeError.unsupported(
                "ALTER " + (tokens.size() > 1 ? tokens.get(1).upper() : ""), sql);
    }

    /**
     * ALTER SESSION SET name = value [[,] name = value ...]: kept for SHOW PARAMETERS; AUTOCOMMIT
     * also takes effect.
     */
    private static void setParameters(Session session, List<Token> tokens, String sql)
            throws SQLException, SnowflakeError {
        int i = 3;
        if (i >= tokens.size()) {
            throw SnowflakeError.syntax(
                    "a parameter is missing: " + SnowflakeError.abbreviate(sql));
        }
        while (i < tokens.size()) {
            if (tokens.get(i).isSymbol(",")) {
                i++;
                continue;
            }
            if (!tokens.get(i).isName() || !at(tokens, i + 1, "=") || i + 2 >= tokens.size()) {
                throw SnowflakeError.syntax(
                        "expected name = value in ALTER SESSION SET: "
                                + SnowflakeError.abbreviate(sql));
            }
            String name = tokens.get(i).name();
            int at = i + 2;
            String sign = "";
            if ((tokens.get(at).isSymbol("-") || tokens.get(at).isSymbol("+"))
                    && at + 1 < tokens.size()
                    && tokens.get(at + 1).kind() == Token.Kind.NUMBER) {
                sign = tokens.get(at).isSymbol("-") ? "-" : "";
                at++;
            }
            Token value = tokens.get(at);
            if (value.kind() == Token.Kind.SYMBOL || value.kind() == Token.Kind.QUOTED) {
                throw SnowflakeError.syntax(
                        "unexpected '"
                                + value.text()
                                + "' as the value of "
                                + name
                                + ": "
                                + SnowflakeError.abbreviate(sql));
            }
            boolean literal = value.kind() == Token.Kind.STRING;
            session.parameters()
                    .set(name, literal ? value.stringValue() : sign + value.text(), literal);
            if (name.equalsIgnoreCase("AUTOCOMMIT")) {
                session.autoCommit(session.parameters().autoCommit());
            }
            i = at + 1;
        }
    }

    /** ALTER SESSION UNSET name [, name ...]: back to the defaults. */
    private static void unsetParameters(Session session, List<Token> tokens, String sql)
            throws SQLException, SnowflakeError {
        int i = 3;
        if (i >= tokens.size()) {
            throw SnowflakeError.syntax(
                    "a parameter is missing: " + SnowflakeError.abbreviate(sql));
        }
        for (; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isSymbol(",")) {
                continue;
            }
            if (!token.isName()) {
                throw SnowflakeError.syntax(
                        "expected a parameter name in ALTER SESSION UNSET: "
                                + SnowflakeError.abbreviate(sql));
            }
            session.parameters().unset(token.name());
            if (token.name().equalsIgnoreCase("AUTOCOMMIT")) {
                session.autoCommit(session.parameters().autoCommit());
            }
        }
    }

    // ---- USE and transactions ----

    private Answer use(Session session, String sql, List<Token> tokens, boolean describe)
            throws SQLException, SnowflakeError {
        String kind = tokens.size() > 2 ? tokens.get(1).upper() : "DATABASE";
        int at = tokens.size() > 2 ? 2 : 1;
        switch (kind) {
            case "DATABASE" -> {
                String name = nameAt(tokens, at, "database");
                if (describe) {
                    return Answer.status(Answer.USE_DATABASE, "").described(0, false);
                }
                Catalog.Database database = catalog.get(name);
                if (database == null) {
                    throw objectDoesNotExist();
                }
                Connection connection = session.connection(database, null);
                session.useDatabase(name, schemaExists(connection, "PUBLIC") ? "PUBLIC" : null);
                return Answer.status(Answer.USE_DATABASE, "Statement executed successfully.");
            }
            case "SCHEMA" -> {
                if (describe) {
                    return Answer.status(Answer.USE_SCHEMA, "").described(0, false);
                }
                SchemaName schemaName = schemaName(session, tokens, at);
                Connection connection = session.connection(schemaName.database(), null);
                if (!schemaExists(connection, schemaName.schema())) {
                    throw objectDoesNotExist();
                }
                session.useDatabase(schemaName.database().name(), schemaName.schema());
                return Answer.status(Answer.USE_SCHEMA, "Statement executed successfully.");
            }
            case "WAREHOUSE" -> {
                String name = nameAt(tokens, at, "warehouse");
                if (!describe) {
                    session.useWarehouse(name);
                }
                return Answer.status(Answer.USE_WAREHOUSE, "Statement executed successfully.");
            }
            case "ROLE" -> {
                String name = nameAt(tokens, at, "role");
                if (!describe) {
                    session.useRole(name);
                }
                return Answer.status(Answer.USE, "Statement executed successfully.");
            }
            case "SECONDARY" -> {
                return Answer.status(Answer.USE, "Statement executed successfully.");
            }
            default -> throw SnowflakeError.unsupported("USE " + kind, sql);
        }
    }

    private static SnowflakeError objectDoesNotExist() {
        return new SnowflakeError(
                "002043",
                "02000",
                "SQL compilation error:\nObject does not exist, or operation cannot be performed.");
    }

    private Answer transaction(Session session, String keyword, boolean describe)
            throws SQLException {
        if (!describe) {
            switch (keyword) {
                case "BEGIN", "START" -> session.begin();
                case "COMMIT" -> session.commit();
                default -> session.rollback();
            }
        }
        return Answer.status(Answer.TRANSACTION, "Statement executed successfully.");
    }

    // ---- Names ----

    /** A schema and the database it is in, from {@code [db.]schema}. */
    record SchemaName(Catalog.Database database, String schema) {}

    SchemaName schemaName(Session session, List<Token> tokens, int i) throws SnowflakeError {
        String first = nameAt(tokens, i, "schema");
        String databaseName = session.database();
        String schema = first;
        if (at(tokens, i + 1, ".")) {
            databaseName = first;
            schema = nameAt(tokens, i + 2, "schema");
        }
        if (databaseName == null) {
            throw new SnowflakeError(
                    "090105",
                    "22000",
                    "Cannot perform this operation. This session does not have a current database. Call "
                            + "'USE DATABASE', or use a qualified name.");
        }
        Catalog.Database database = catalog.get(databaseName);
        if (database == null) {
            throw SnowflakeError.doesNotExist("Database", databaseName);
        }
        return new SchemaName(database, schema);
    }

    static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    private static String nameAt(List<Token> tokens, int i, String what) throws SnowflakeError {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            throw SnowflakeError.syntax("a " + what + " name is missing");
        }
        return tokens.get(i).name();
    }

    private static int qualifiedNameEnd(List<Token> tokens, int i, String sql)
            throws SnowflakeError {
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            throw SnowflakeError.syntax(
                    "an object name is missing: " + SnowflakeError.abbreviate(sql));
        }
        i++;
        while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isName()) {
            i += 2;
        }
        return i;
    }

    private static boolean at(List<Token> tokens, int i, String word) {
        return i < tokens.size() && (tokens.get(i).is(word) || tokens.get(i).isSymbol(word));
    }

    // ---- Result columns ----

    /** The Snowflake columns of an H2 result: a table column's declared type where recorded. */
    static List<ResultColumn> columns(
            ResultSetMetaData metaData, Connection connection, String database)
            throws SQLException {
        Map<String, Map<String, SnowflakeType>> declared = new HashMap<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            String table = metaData.getTableName(i);
            String schema = metaData.getSchemaName(i);
            SnowflakeType type = null;
            if (table != null && !table.isEmpty()) {
                Map<String, SnowflakeType> types = declared.get(schema + "." + table);
                if (types == null) {
                    types = declaredTypes(connection, schema, table);
                    declared.put(schema + "." + table, types);
                }
                type = types.get(metaData.getColumnName(i));
            }
            int sqlType = metaData.getColumnType(i);
            if (type == null) {
                type = fromH2(sqlType, metaData.getColumnTypeName(i));
            }
            int precision = 0;
            int scale = 0;
            long length = 0;
            switch (type) {
                case FIXED -> {
                    boolean integer =
                            sqlType == Types.TINYINT
                                    || sqlType == Types.SMALLINT
                                    || sqlType == Types.INTEGER
                                    || sqlType == Types.BIGINT;
                    precision = integer ? 38 : Math.min(38, Math.max(1, metaData.getPrecision(i)));
                    scale = integer ? 0 : Math.min(37, Math.max(0, metaData.getScale(i)));
                }
                case TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ -> scale = 9;
                case TEXT, VARIANT ->
                        length = Math.min(16_777_216L, Math.max(1, metaData.getPrecision(i)));
                case BINARY -> length = Math.min(8_388_608L, Math.max(1, metaData.getPrecision(i)));
                default -> {
                    // REAL, BOOLEAN and DATE carry no precision.
                }
            }
            boolean nullable = metaData.isNullable(i) != ResultSetMetaData.columnNoNulls;
            columns.add(
                    new ResultColumn(
                            metaData.getColumnLabel(i),
                            type,
                            precision,
                            scale,
                            length,
                            nullable,
                            database,
                            schema == null ? "" : schema,
                            table == null ? "" : table));
        }
        return columns;
    }

    private static Map<String, SnowflakeType> declaredTypes(
            Connection connection, String schema, String table) throws SQLException {
        Map<String, SnowflakeType> types = new HashMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT COLUMN_NAME, REMARKS FROM INFORMATION_SCHEMA.COLUMNS "
                                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    SnowflakeType type = SnowflakeType.fromRemark(rows.getString(2));
                    if (type != null) {
                        types.put(rows.getString(1), type);
                    }
                }
            }
        }
        return types;
    }

    static SnowflakeType fromH2(int sqlType, String typeName) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL ->
                    SnowflakeType.FIXED;
            case Types.NUMERIC ->
                    "DECFLOAT".equalsIgnoreCase(typeName)
                            ? SnowflakeType.REAL
                            : SnowflakeType.FIXED;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> SnowflakeType.REAL;
            case Types.BOOLEAN, Types.BIT -> SnowflakeType.BOOLEAN;
            case Types.DATE -> SnowflakeType.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> SnowflakeType.TIME;
            case Types.TIMESTAMP -> SnowflakeType.TIMESTAMP_NTZ;
            case Types.TIMESTAMP_WITH_TIMEZONE -> SnowflakeType.TIMESTAMP_LTZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    SnowflakeType.BINARY;
            default ->
                    "JSON".equalsIgnoreCase(typeName) ? SnowflakeType.VARIANT : SnowflakeType.TEXT;
        };
    }
}
