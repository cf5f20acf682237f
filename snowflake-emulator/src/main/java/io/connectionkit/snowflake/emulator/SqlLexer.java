package io.connectionkit.snowflake.emulator;

import java.util.ArrayList;
import java.util.List;

/** Splits Snowflake SQL into {@link Token}s; comments become white space. */
final class SqlLexer {
    private final String sql;
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokens(String sql) throws SnowflakeError {
        return new SqlLexer(sql).run();
    }

    /** Writes tokens back as one statement. */
    static String text(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (out.length() > 0) {
                out.append(token.space().isEmpty() && needsSpace(out, token) ? " " : token.space());
            }
            out.append(token.text());
        }
        return out.toString();
    }

    private static boolean needsSpace(StringBuilder out, Token next) {
        char last = out.charAt(out.length() - 1);
        char first = next.text().charAt(0);
        return isWordChar(last) && isWordChar(first);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '\'';
    }

    private List<Token> run() throws SnowflakeError {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            int spaceStart = pos;
            boolean comment = skipSpaceAndComments();
            String space = sql.substring(spaceStart, pos);
            if (comment) {
                space = " ";
            }
            if (pos >= sql.length()) {
                return tokens;
            }
            tokens.add(next(space));
        }
    }

    private boolean skipSpaceAndComments() throws SnowflakeError {
        boolean comment = false;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos) || sql.startsWith("//", pos)) {
                int end = sql.indexOf('\n', pos);
                pos = end < 0 ? sql.length() : end + 1;
                comment = true;
            } else if (sql.startsWith("/*", pos)) {
                int end = sql.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw SnowflakeError.syntax("unterminated comment at position " + pos);
                }
                pos = end + 2;
                comment = true;
            } else {
                break;
            }
        }
        return comment;
    }

    private Token next(String space) throws SnowflakeError {
        char c = sql.charAt(pos);
        int start = pos;
        if ((c == 'x' || c == 'X') && pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
            int end = sql.indexOf('\'', pos + 2);
            if (end < 0) {
                throw SnowflakeError.syntax("unterminated binary literal at position " + pos);
            }
            pos = end + 1;
            return new Token(Token.Kind.NUMBER, sql.substring(start, pos), space);
        }
        if (Character.isLetter(c) || c == '_') {
            pos++;
            while (pos < sql.length()
                    && (Character.isLetterOrDigit(sql.charAt(pos))
                            || sql.charAt(pos) == '_'
                            || sql.charAt(pos) == '$')) {
                pos++;
            }
            return new Token(Token.Kind.WORD, sql.substring(start, pos), space);
        }
        if (Character.isDigit(c)
                || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            return new Token(Token.Kind.NUMBER, number(), space);
        }
        if (c == '"') {
            return new Token(Token.Kind.QUOTED, quotedIdentifier(), space);
        }
        if (c == '\'') {
            return new Token(
                    Token.Kind.STRING, "'" + stringLiteral().replace("'", "''") + "'", space);
        }
        if (sql.startsWith("$$", pos)) {
            int end = sql.indexOf("$$", pos + 2);
            if (end < 0) {
                throw SnowflakeError.syntax("unterminated string at position " + pos);
            }
            String value = sql.substring(pos + 2, end);
            pos = end + 2;
            return new Token(Token.Kind.STRING, "'" + value.replace("'", "''") + "'", space);
        }
        for (String symbol : new String[] {"::", "<=", ">=", "<>", "!=", "||", "=>"}) {
            if (sql.startsWith(symbol, pos)) {
                pos += 2;
                return new Token(Token.Kind.SYMBOL, symbol, space);
            }
        }
        pos++;
        return new Token(Token.Kind.SYMBOL, String.valueOf(c), space);
    }

    private String number() {
        int start = pos;
        while (pos < sql.length()
                && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return sql.substring(start, pos);
    }

    private String quotedIdentifier() throws SnowflakeError {
        int start = pos;
        pos++;
        while (true) {
            int end = sql.indexOf('"', pos);
            if (end < 0) {
                throw SnowflakeError.syntax("unterminated identifier at position " + start);
            }
            if (end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
                pos = end + 2;
            } else {
                pos = end + 1;
                return sql.substring(start, pos);
            }
        }
    }

    /** A Snowflake string literal's value: doubled quotes and backslash escapes resolved. */
    private String stringLiteral() throws SnowflakeError {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < sql.length()) {
                char escaped = sql.charAt(pos + 1);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case '0' -> value.append('\0');
                    default -> value.append(escaped);
                }
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        throw SnowflakeError.syntax("unterminated string at position " + start);
    }
}
