package io.connectionkit.snowflake.emulator;

import java.util.Locale;

/**
 * One lexical unit of a statement, with the white space before it so that a statement can be
 * written back as it came, apart from the parts the translator replaces.
 */
record Token(Kind kind, String text, String space) {

    enum Kind {
        /** An unquoted identifier or key word. */
        WORD,
        /** A double-quoted identifier, quotes included. */
        QUOTED,
        /** A string literal, already written in the standard form H2 reads. */
        STRING,
        /** A number, or a hex literal such as X'CAFE'. */
        NUMBER,
        SYMBOL
    }

    boolean is(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * The object name this token stands for: upper case unless quoted, as Snowflake resolves it.
     */
    String name() {
        if (kind == Kind.QUOTED) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return upper();
    }

    /** The value of a string literal. */
    String stringValue() {
        return text.substring(1, text.length() - 1).replace("''", "'");
    }

    Token withText(String replacement) {
        return new Token(kind, replacement, space);
    }

    Token withSpace(String newSpace) {
        return new Token(kind, text, newSpace);
    }

    static Token word(String text) {
        return new Token(Kind.WORD, text, " ");
    }

    static Token symbol(String text) {
        return new Token(Kind.SYMBOL, text, "");
    }

    static Token string(String value) {
        return new Token(Kind.STRING, "'" + value.replace("'", "''") + "'", " ");
    }

    static Token quoted(String name) {
        return new Token(Kind.QUOTED, "\"" + name.replace("\"", "\"\"") + "\"", " ");
    }
}
