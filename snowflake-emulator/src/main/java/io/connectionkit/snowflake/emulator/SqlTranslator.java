package io.connectionkit.snowflake.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the parts of a Snowflake statement that H2 reads differently, and passes the rest
 * through: type names, {@code ::} casts, {@code CURRENT_DATABASE()} and its kin, a few functions H2
 * spells otherwise, and names qualified by the database (each database is an H2 database).
 */
final class SqlTranslator {

    /** The session facts that {@code CURRENT_*()} functions answer. */
    record Context(
            String account,
            String user,
            String database,
            String schema,
            String warehouse,
            String role,
            long sessionId) {}

    private static final Set<String> CLAUSE_ENDS =
            Set.of(
                    "FROM",
                    "UNION",
                    "EXCEPT",
                    "MINUS",
                    "INTERSECT",
                    "ORDER",
                    "LIMIT",
                    "WHERE",
                    "GROUP",
                    "HAVING",
                    "QUALIFY",
                    "OFFSET",
                    "FETCH",
                    "INTO");

    /** Marks the parenthesis of COUNT_IF(c), written COUNT(CASE WHEN c THEN 1 END). */
    private static final String COUNT_IF = new String("COUNT_IF");

    private SqlTranslator() {}

    /**
     * Drops the database part of {@code db.schema.name} references to {@code database}; a reference
     * to any other database is refused, as each database is a separate H2 database.
     */
    static List<Token> localNames(List<Token> tokens, String database, Catalog catalog)
            throws SnowflakeError {
        List<Token> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean qualifiedThrice =
                    token.isName()
                            && (i == 0 || !tokens.get(i - 1).isSymbol("."))
                            && i + 4 < tokens.size()
                            && tokens.get(i + 1).isSymbol(".")
                            && tokens.get(i + 2).isName()
                            && tokens.get(i + 3).isSymbol(".")
                            && tokens.get(i + 4).isName();
            if (qualifiedThrice && catalog.get(token.name()) != null) {
                if (!token.name().equals(database)) {
                    throw SnowflakeError.unsupported(
                            "A statement naming objects in more than one database ("
                                    + database
                                    + ", "
                                    + token.name()
                                    + ")",
                            SqlLexer.text(tokens));
                }
                out.add(tokens.get(i + 2).withSpace(token.space()));
                i += 2;
                continue;
            }
            out.add(token);
        }
        return out;
    }

    /** The database named by the first {@code db.schema.name} reference, or null. */
    static String referencedDatabase(List<Token> tokens, Catalog catalog) {
        for (int i = 0; i + 4 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isName()
                    && (i == 0 || !tokens.get(i - 1).isSymbol("."))
                    && tokens.get(i + 1).isSymbol(".")
                    && tokens.get(i + 2).isName()
                    && tokens.get(i + 3).isSymbol(".")
                    && tokens.get(i + 4).isName()
                    && catalog.get(token.name()) != null) {
                return token.name();
            }
        }
        return null;
    }

    /** Rewrites expressions: context functions, casts and functions H2 names otherwise. */
    static List<Token> expressions(List<Token> tokens, Context context) throws SnowflakeError {
        List<Token> out = new ArrayList<>(tokens.size());
        // The function before each open parenthesis, to know where CAST's AS is.
        Deque<String> functions = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean call =
                    token.kind() == Token.Kind.WORD
                            && i + 1 < tokens.size()
                            && tokens.get(i + 1).isSymbol("(")
                            && (i == 0 || !tokens.get(i - 1).isSymbol("."));
            boolean emptyCall = call && i + 2 < tokens.size() && tokens.get(i + 2).isSymbol(")");
            if (emptyCall) {
                String literal = contextValue(token.upper(), context);
                if (literal != null) {
                    out.add(new Token(Token.Kind.STRING, literal, token.space()));
                    boolean selectItem =
                            !out.isEmpty()
                                    && out.size() >= 2
                                    && isSelectItemStart(out.get(out.size() - 2));
                    boolean itemEnds = i + 3 >= tokens.size() || isItemEnd(tokens.get(i + 3));
                    if (selectItem && itemEnds) {
                        // Snowflake names such a column after the call, as it was written.
                        out.add(Token.word("AS"));
                        out.add(Token.quoted(token.upper() + "()"));
                    }
                    i += 2;
                    continue;
                }
                String niladic =
                        switch (token.upper()) {
                            case "CURRENT_TIMESTAMP", "GETDATE", "SYSTIMESTAMP" ->
                                    "CURRENT_TIMESTAMP";
                            case "CURRENT_DATE" -> "CURRENT_DATE";
                            case "CURRENT_TIME" -> "CURRENT_TIME";
                            case "LOCALTIMESTAMP" -> "LOCALTIMESTAMP";
                            case "LOCALTIME" -> "LOCALTIME";
                            case "SYSDATE" ->
                                    "CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP(9))";
                            default -> null;
                        };
                if (niladic != null) {
                    out.add(new Token(Token.Kind.WORD, niladic, token.space()));
                    i += 2;
                    continue;
                }
            }
            if (call) {
                String renamed =
                        switch (token.upper()) {
                            case "IFF" -> "CASEWHEN";
                            case "NVL", "IFNULL" -> "COALESCE";
                            case "TRY_CAST" -> "CAST";
                            case "LEN" -> "LENGTH";
                            case "PARSE_JSON", "TO_VARIANT", "TO_OBJECT", "TO_ARRAY" -> "";
                            case "COUNT_IF" -> COUNT_IF;
                            default -> null;
                        };
                functions.push(renamed == null ? token.upper() : renamed.isEmpty() ? "" : renamed);
                if (renamed != null && renamed.isEmpty()) {
                    // Variants are kept as their JSON text: parsing is the identity.
                    out.add(tokens.get(i + 1).withSpace(token.space()));
                    i += 1;
                    continue;
                }
                if (renamed == COUNT_IF) {
                    out.add(token.withText("COUNT"));
                    out.add(tokens.get(i + 1));
                    out.add(Token.word("CASE WHEN").withSpace(""));
                } else {
                    out.add(renamed == null ? token : token.withText(renamed));
                    out.add(tokens.get(i + 1));
                }
                i += 1;
                continue;
            }
            if (token.isSymbol("(")) {
                functions.push("");
            } else if (token.isSymbol(")")) {
                if (functions.poll() == COUNT_IF) {
                    out.add(Token.word("THEN 1 END"));
                }
            } else if (token.is("AS") && "CAST".equals(functions.peek())) {
                ColumnType type = ColumnType.read(tokens, i + 1);
                if (type != null) {
                    out.add(token);
                    out.add(new Token(Token.Kind.WORD, type.h2(), " "));
                    i = type.end() - 1;
                    continue;
                }
            } else if (token.isSymbol("::")) {
                ColumnType type = ColumnType.read(tokens, i + 1);
                String target = type != null ? type.h2() : typeText(tokens, i + 1);
                int operandStart = operandStart(out);
                List<Token> operand = new ArrayList<>(out.subList(operandStart, out.size()));
                String space = operand.get(0).space();
                out.subList(operandStart, out.size()).clear();
                out.add(new Token(Token.Kind.WORD, "CAST", space));
                out.add(Token.symbol("("));
                operand.set(0, operand.get(0).withSpace(""));
                out.addAll(operand);
                out.add(Token.word("AS"));
                out.add(new Token(Token.Kind.WORD, target, " "));
                out.add(Token.symbol(")"));
                i = type != null ? type.end() - 1 : i + 1;
                continue;
            }
            out.add(token);
        }
        return out;
    }

    private static String typeText(List<Token> tokens, int at) throws SnowflakeError {
        if (at >= tokens.size() || tokens.get(at).kind() != Token.Kind.WORD) {
            throw SnowflakeError.syntax("a type name must follow '::'");
        }
        return tokens.get(at).upper();
    }

    /** Where the operand of a {@code ::} cast that ends the tokens written so far starts. */
    private static int operandStart(List<Token> out) throws SnowflakeError {
        int i = out.size() - 1;
        if (i < 0) {
            throw SnowflakeError.syntax("'::' needs a value before it");
        }
        if (out.get(i).isSymbol(")")) {
            int depth = 0;
            for (; i >= 0; i--) {
                if (out.get(i).isSymbol(")")) {
                    depth++;
                } else if (out.get(i).isSymbol("(") && --depth == 0) {
                    break;
                }
            }
            if (i < 0) {
                throw SnowflakeError.syntax("unbalanced parentheses before '::'");
            }
            if (i > 0
                    && out.get(i - 1).kind() == Token.Kind.WORD
                    && !isKeywordBeforeParen(out.get(i - 1))) {
                i--;
            }
        }
        while (i >= 2 && out.get(i - 1).isSymbol(".") && out.get(i - 2).isName()) {
            i -= 2;
        }
        return i;
    }

    private static boolean isKeywordBeforeParen(Token token) {
        return Set.of(
                        "SELECT", "WHERE", "AND", "OR", "NOT", "IN", "ON", "BY", "AS", "THEN",
                        "ELSE", "WHEN", "VALUES", "CASE", "EXISTS")
                .contains(token.upper());
    }

    private static boolean isSelectItemStart(Token before) {
        return before.is("SELECT") || before.is("DISTINCT") || before.isSymbol(",");
    }

    private static boolean isItemEnd(Token after) {
        return after.isSymbol(",")
                || after.isSymbol(")")
                || after.isSymbol(";")
                || (after.kind() == Token.Kind.WORD && CLAUSE_ENDS.contains(after.upper()));
    }

    /** The literal a context function stands for, or null when it is not one. */
    private static String contextValue(String function, Context context) {
        String value;
        switch (function) {
            case "CURRENT_DATABASE" -> value = context.database();
            case "CURRENT_SCHEMA" -> value = context.schema();
            case "CURRENT_WAREHOUSE" -> value = context.warehouse();
            case "CURRENT_ROLE" -> value = context.role();
            case "CURRENT_USER" -> value = context.user();
            case "CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME" -> value = context.account();
            case "CURRENT_REGION" -> value = "EMULATOR";
            case "CURRENT_SESSION" -> value = Long.toString(context.sessionId());
            case "CURRENT_VERSION" -> value = SnowflakeEmulator.SERVER_VERSION;
            case "CURRENT_CLIENT" -> value = "JDBC";
            default -> {
                return null;
            }
        }
        return value == null ? "CAST(NULL AS VARCHAR)" : "'" + value.replace("'", "''") + "'";
    }

    /**
     * Rewrites the column definitions of a CREATE TABLE or ALTER TABLE ... ADD: the Snowflake type
     * becomes the H2 type, with a column comment recording the Snowflake type (two Snowflake types
     * share one H2 type), and options H2 lacks are dropped or translated.
     *
     * @param start index of the first token of the first definition
     * @param single whether only one definition follows (ALTER TABLE ... ADD)
     * @return the index after the last definition (the closing parenthesis of a list)
     */
    static int columnDefinitions(List<Token> tokens, int start, boolean single, List<Token> out)
            throws SnowflakeError {
        int i = start;
        while (i < tokens.size()) {
            Token first = tokens.get(i);
            if (first.isSymbol(")")) {
                return i;
            }
            boolean constraint =
                    first.is("CONSTRAINT")
                            || first.is("PRIMARY")
                            || first.is("UNIQUE")
                            || first.is("FOREIGN")
                            || first.is("CHECK");
            if (constraint) {
                i = copyUntilDefinitionEnds(tokens, i, out);
            } else {
                out.add(first);
                ColumnType type = ColumnType.read(tokens, i + 1);
                if (type == null) {
                    // A type H2 knows but Snowflake would not (or none, as in CREATE TABLE t (a) AS
                    // ...).
                    i = copyUntilDefinitionEnds(tokens, i + 1, out);
                    continue;
                }
                out.add(new Token(Token.Kind.WORD, type.h2(), tokens.get(i + 1).space()));
                i = options(tokens, type.end(), type.type(), out);
            }
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                if (single) {
                    return i;
                }
                out.add(tokens.get(i));
                i++;
            }
        }
        return i;
    }

    private static int copyUntilDefinitionEnds(List<Token> tokens, int i, List<Token> out) {
        int depth = 0;
        for (; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))) {
                return i;
            }
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            }
            out.add(token);
        }
        return i;
    }

    /** Copies a column's options, putting the type comment before its constraints. */
    private static int options(List<Token> tokens, int i, SnowflakeType type, List<Token> out) {
        boolean commented = false;
        int depth = 0;
        for (; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))) {
                break;
            }
            if (depth == 0
                    && !commented
                    && (token.is("NOT")
                            || token.is("NULL")
                            || token.is("PRIMARY")
                            || token.is("UNIQUE")
                            || token.is("REFERENCES")
                            || token.is("CHECK")
                            || token.is("CONSTRAINT"))) {
                addTypeComment(out, type);
                commented = true;
            }
            if (depth == 0 && (token.is("COLLATE") || token.is("COMMENT"))) {
                // Snowflake's collation and comment have no place in the H2 column; skip their
                // value.
                i++;
                if (i < tokens.size() && tokens.get(i).isSymbol("=")) {
                    i++;
                }
                continue;
            }
            if (depth == 0 && (token.is("AUTOINCREMENT") || token.is("IDENTITY"))) {
                i = identity(tokens, i + 1, out) - 1;
                continue;
            }
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            }
            out.add(token);
        }
        if (!commented) {
            addTypeComment(out, type);
        }
        return i;
    }

    private static void addTypeComment(List<Token> out, SnowflakeType type) {
        out.add(Token.word("COMMENT"));
        out.add(Token.string(SnowflakeType.REMARK_PREFIX + type.name()));
    }

    /** AUTOINCREMENT / IDENTITY [(start, step) | START n INCREMENT m] as an H2 identity. */
    private static int identity(List<Token> tokens, int i, List<Token> out) {
        String start = "1";
        String step = "1";
        if (i < tokens.size() && tokens.get(i).isSymbol("(")) {
            List<String> numbers = new ArrayList<>();
            i++;
            while (i < tokens.size() && !tokens.get(i).isSymbol(")")) {
                if (tokens.get(i).kind() == Token.Kind.NUMBER) {
                    numbers.add(tokens.get(i).text());
                }
                i++;
            }
            i++;
            if (numbers.size() == 2) {
                start = numbers.get(0);
                step = numbers.get(1);
            }
        } else {
            while (i + 1 < tokens.size()
                    && (tokens.get(i).is("START") || tokens.get(i).is("INCREMENT"))) {
                boolean isStart = tokens.get(i).is("START");
                int value = i + 1;
                if (tokens.get(value).is("WITH")
                        || tokens.get(value).is("BY")
                        || tokens.get(value).isSymbol("=")) {
                    value++;
                }
                if (value < tokens.size()) {
                    if (isStart) {
                        start = tokens.get(value).text();
                    } else {
                        step = tokens.get(value).text();
                    }
                }
                i = value + 1;
            }
            if (i < tokens.size() && (tokens.get(i).is("ORDER") || tokens.get(i).is("NOORDER"))) {
                i++;
            }
        }
        out.add(
                Token.word(
                        "GENERATED BY DEFAULT AS IDENTITY(START WITH "
                                + start
                                + " INCREMENT BY "
                                + step
                                + ")"));
        return i;
    }
}
