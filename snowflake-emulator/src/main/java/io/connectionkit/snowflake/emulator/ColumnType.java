package io.connectionkit.snowflake.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A Snowflake type name in a statement (a column definition, a cast) and what H2 stores it as:
 * every integer type is {@code NUMBER(38,0)}, every string type {@code VARCHAR}, and {@code
 * TIMESTAMP} means {@code TIMESTAMP_NTZ}, as in Snowflake.
 *
 * @param end index of the first token after the type
 * @param h2 the H2 type to write instead
 * @param type the Snowflake type the column reports
 */
record ColumnType(int end, String h2, SnowflakeType type) {

    /**
     * Reads the type starting at {@code tokens[start]}; null when no Snowflake type starts there.
     */
    static ColumnType read(List<Token> tokens, int start) throws SnowflakeError {
        if (start >= tokens.size() || tokens.get(start).kind() != Token.Kind.WORD) {
            return null;
        }
        String word = tokens.get(start).upper();
        int next = start + 1;
        switch (word) {
            case "NUMBER", "DECIMAL", "NUMERIC", "DEC" -> {
                List<String> args = new ArrayList<>();
                next = arguments(tokens, next, args);
                int precision = args.isEmpty() ? 38 : parseInt(args.get(0));
                int scale = args.size() < 2 ? 0 : parseInt(args.get(1));
                if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                    throw SnowflakeError.syntax("invalid precision or scale for " + word);
                }
                return new ColumnType(
                        next, "NUMERIC(" + precision + "," + scale + ")", SnowflakeType.FIXED);
            }
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> {
                return new ColumnType(next, "NUMERIC(38,0)", SnowflakeType.FIXED);
            }
            case "FLOAT", "FLOAT4", "FLOAT8", "REAL" -> {
                return new ColumnType(
                        arguments(tokens, next, new ArrayList<>()),
                        "DOUBLE PRECISION",
                        SnowflakeType.REAL);
            }
            case "DOUBLE" -> {
                if (next < tokens.size() && tokens.get(next).is("PRECISION")) {
                    next++;
                }
                return new ColumnType(next, "DOUBLE PRECISION", SnowflakeType.REAL);
            }
            case "VARCHAR",
                    "STRING",
                    "TEXT",
                    "CHAR",
                    "CHARACTER",
                    "NCHAR",
                    "NVARCHAR",
                    "NVARCHAR2" -> {
                if (next < tokens.size() && tokens.get(next).is("VARYING")) {
                    next++;
                }
                List<String> args = new ArrayList<>();
                next = arguments(tokens, next, args);
                String length =
                        args.isEmpty()
                                ? (word.startsWith("CHAR") || word.equals("NCHAR") ? "1" : "")
                                : args.get(0);
                return new ColumnType(
                        next,
                        length.isEmpty() ? "VARCHAR" : "VARCHAR(" + length + ")",
                        SnowflakeType.TEXT);
            }
            case "BOOLEAN" -> {
                return new ColumnType(next, "BOOLEAN", SnowflakeType.BOOLEAN);
            }
            case "DATE" -> {
                return new ColumnType(next, "DATE", SnowflakeType.DATE);
            }
            case "TIME" -> {
                return new ColumnType(
                        arguments(tokens, next, new ArrayList<>()), "TIME(9)", SnowflakeType.TIME);
            }
            case "DATETIME", "TIMESTAMP_NTZ", "TIMESTAMPNTZ" -> {
                return new ColumnType(
                        arguments(tokens, next, new ArrayList<>()),
                        "TIMESTAMP(9)",
                        SnowflakeType.TIMESTAMP_NTZ);
            }
            case "TIMESTAMP_LTZ", "TIMESTAMPLTZ" -> {
                return new ColumnType(
                        arguments(tokens, next, new ArrayList<>()),
                        "TIMESTAMP(9) WITH TIME ZONE",
                        SnowflakeType.TIMESTAMP_LTZ);
            }
            case "TIMESTAMP_TZ", "TIMESTAMPTZ" -> {
                return new ColumnType(
                        arguments(tokens, next, new ArrayList<>()),
                        "TIMESTAMP(9) WITH TIME ZONE",
                        SnowflakeType.TIMESTAMP_TZ);
            }
            case "TIMESTAMP" -> {
                next = arguments(tokens, next, new ArrayList<>());
                if (matches(tokens, next, "WITH", "LOCAL", "TIME", "ZONE")) {
                    return new ColumnType(
                            next + 4, "TIMESTAMP(9) WITH TIME ZONE", SnowflakeType.TIMESTAMP_LTZ);
                }
                if (matches(tokens, next, "WITH", "TIME", "ZONE")) {
                    return new ColumnType(
                            next + 3, "TIMESTAMP(9) WITH TIME ZONE", SnowflakeType.TIMESTAMP_TZ);
                }
                if (matches(tokens, next, "WITHOUT", "TIME", "ZONE")) {
                    next += 3;
                }
                return new ColumnType(next, "TIMESTAMP(9)", SnowflakeType.TIMESTAMP_NTZ);
            }
            case "BINARY", "VARBINARY" -> {
                List<String> args = new ArrayList<>();
                next = arguments(tokens, next, args);
                return new ColumnType(
                        next,
                        args.isEmpty() ? "VARBINARY" : "VARBINARY(" + args.get(0) + ")",
                        SnowflakeType.BINARY);
            }
            case "VARIANT", "OBJECT", "ARRAY" -> {
                return new ColumnType(next, "VARCHAR", SnowflakeType.VARIANT);
            }
            case "GEOGRAPHY", "GEOMETRY", "VECTOR" ->
                    throw SnowflakeError.unsupported("The type " + word, word);
            default -> {
                return null;
            }
        }
    }

    private static boolean matches(List<Token> tokens, int at, String... words) {
        if (at + words.length > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(at + i).is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** Reads an optional {@code (a, b)} list of numbers; returns the index after it. */
    private static int arguments(List<Token> tokens, int at, List<String> into)
            throws SnowflakeError {
        if (at >= tokens.size() || !tokens.get(at).isSymbol("(")) {
            return at;
        }
        int i = at + 1;
        while (i < tokens.size() && !tokens.get(i).isSymbol(")")) {
            Token token = tokens.get(i);
            if (token.kind() == Token.Kind.NUMBER) {
                into.add(token.text());
            } else if (!token.isSymbol(",")) {
                throw SnowflakeError.syntax(
                        "unexpected '" + token.text() + "' in a type's arguments");
            }
            i++;
        }
        if (i >= tokens.size()) {
            throw SnowflakeError.syntax("missing ')' after a type's arguments");
        }
        return i + 1;
    }

    private static int parseInt(String text) throws SnowflakeError {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SnowflakeError.syntax("invalid number '" + text + "' in a type's arguments");
        }
    }
}
