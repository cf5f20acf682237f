package io.connectionkit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the parameters of a statement in one pass (a second for PostgreSQL's {@code ?} operator
 * beside {@code :name} parameters), without understanding its grammar: enough to tell a
 * {@code :name} parameter from the same characters inside a literal or a comment.
 *
 * <ul>
 *   <li>{@code :name} is a parameter when {@code name} is an identifier (letters, digits and
 *       underscores, not starting with a digit) and the colon does not follow a letter, digit or
 *       underscore, so that {@code arr[lo:hi]} stays as it is. It becomes {@code ?}.</li>
 *   <li>{@code ::} (a PostgreSQL cast) is never a parameter: {@code :age::int} is {@code ?::int}.
 *       Nor is {@code :=}. {@code \:name} is the text {@code :name}, without the backslash.</li>
 *   <li>Nothing counts inside {@code '...'} (with {@code ''} for a quote), {@code "..."},
 *       {@code `...`}, {@code $$...$$} or {@code $tag$...$tag$}, {@code -- ...} to the end of the
 *       line or {@code /* ... *}{@code /}. An unterminated one runs to the end of the statement.
 *       In {@link SqlSyntax#STANDARD} block comments nest: a {@code /*} inside one opens another, so
 *       it takes one {@code *}{@code /} more to end it; elsewhere the first {@code *}{@code /} ends
 *       it. A backslash escapes the next character inside PostgreSQL's {@code E'...'}, and, in
 *       {@link SqlSyntax#MYSQL}, inside {@code '...'} and {@code "..."}, where {@code # ...} is a
 *       comment too.</li>
 *   <li>{@code ?} is a positional placeholder; {@code ??} is not (PostgreSQL's driver reads it
 *       as a literal question mark, for the JSON operators) and is passed on unchanged. In
 *       {@link SqlSyntax#POSTGRESQL}, a {@code ?} after an operand in a statement with {@code :name}
 *       parameters is the operator ({@code ?}, {@code ?|}, {@code ?&}) and is passed on as
 *       {@code ??}; one after {@code =}, {@code ,}, {@code (} and the like is still a placeholder.</li>
 *   <li>A placeholder alone inside {@code IN (...)} is noted, so that a list given for it can be
 *       expanded into one placeholder per element.</li>
 *   <li>The text is cut into statements at each {@code ;}; of each, its verb (first word, or
 *       for {@code WITH} the statement after its common table expressions), whether it has a
 *       {@code RETURNING} (or SQL Server {@code OUTPUT}) clause of its own, and whether a write
 *       hides in it are noted: they tell reads from writes ({@link ParsedStatement.Statement}).</li>
 * </ul>
 */
final class SqlScanner {

    /** What may follow {@code WITH} and its common table expressions. */
    private static final Set<String> WITH_VERBS = Set.of("select", "insert", "update", "delete", "merge", "values",
            "table");

    private final String sql;
    private final boolean mysql;
    private final boolean snowflake;
    private final boolean nestedComments;
    private final boolean questionMarksAreOperators;
    private final StringBuilder jdbc;
    private final List<String> names = new ArrayList<>();
    private int positional;
    private final List<Integer> inListOffsets = new ArrayList<>();
    private final List<Integer> inListOrdinals = new ArrayList<>();
    private final List<ParsedStatement.Statement> statements = new ArrayList<>();
    // The statement being read, up to its ;
    private String firstWord;
    private String withVerb;
    private String previousWord;
    private int depth;
    private boolean returningClause;
    private boolean writeInside;
    private boolean into;

    private SqlScanner(String sql, SqlSyntax syntax, boolean questionMarksAreOperators) {
        this.sql = sql;
        this.mysql = syntax == SqlSyntax.MYSQL;
        this.snowflake = syntax == SqlSyntax.SNOWFLAKE;
        this.nestedComments = syntax.nestsBlockComments();
        this.questionMarksAreOperators = questionMarksAreOperators;
        this.jdbc = new StringBuilder(sql.length());
    }

    static ParsedStatement scan(String sql, SqlSyntax syntax) {
        SqlScanner scanner = new SqlScanner(sql, syntax, false);
        scanner.run();
        if (syntax.questionMarkOperator() && !scanner.names.isEmpty() && scanner.positional > 0) {
            // Beside :name parameters a ? after an operand is the operator, not a placeholder.
            scanner = new SqlScanner(sql, syntax, true);
            scanner.run();
        }
        return new ParsedStatement(sql, scanner.jdbc.toString(), scanner.names, scanner.positional,
                new ParsedStatement.Traits(scanner.statements, toArray(scanner.inListOffsets),
                        toArray(scanner.inListOrdinals)));
    }

    private void run() {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            i = switch (c) {
                case '\'', '"', '`' -> copy(i, quoteEnd(i, c, takesBackslashEscapes(i, c)));
                case '-' -> copy(i, sql.startsWith("--", i) ? lineEnd(i + 2) : i + 1);
                case '#' -> copy(i, mysql ? lineEnd(i + 1) : i + 1);
                case '/' -> copy(i, sql.startsWith("/*", i) ? blockCommentEnd(i)
                        : snowflake && sql.startsWith("//", i) ? lineEnd(i + 2) : i + 1);
                case '$' -> copy(i, dollarQuoteEnd(i));
                case '?' -> questionMark(i);
                case ':' -> colon(i);
                case '\\' -> backslash(i);
                case '(' -> {
                    depth++;
                    yield copy(i, i + 1);
                }
                case ')' -> {
                    depth = Math.max(0, depth - 1);
                    yield copy(i, i + 1);
                }
                case ';' -> {
                    endStatement();
                    yield copy(i, i + 1);
                }
                default -> isIdentifierStart(c) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1))) ? word(i)
                        : copy(i, i + 1);
            };
        }
        endStatement();
    }

    /** Notes the statement read since the last {@code ;}, if it has a word: an empty one is none. */
    private void endStatement() {
        if (firstWord != null) {
            String verb = firstWord.equals("with") && withVerb != null ? withVerb : firstWord;
            boolean selectInto = into && verb.equals("select");
            statements.add(new ParsedStatement.Statement(verb, returningClause, writeInside || selectInto, selectInto));
        }
        firstWord = null;
        withVerb = null;
        previousWord = null;
        depth = 0;
        returningClause = false;
        writeInside = false;
        into = false;
    }

    /** Writes the text from {@code start} to {@code end} unchanged; returns {@code end}. */
    private int copy(int start, int end) {
        jdbc.append(sql, start, end);
        return end;
    }

    /** After the closing quote; a doubled quote inside is part of the literal, as is an escaped one. */
    private int quoteEnd(int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            if (backslashEscapes && sql.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Whether a backslash escapes the next character inside the quotes opened by {@code quote} at {@code start}. */
    private boolean takesBackslashEscapes(int start, char quote) {
        return switch (quote) {
            case '\'' -> mysql || snowflake || isEscapeString(start);
            case '"' -> mysql;
            default -> false;
        };
    }

    /** PostgreSQL's {@code E'...'}: the quote at {@code quote} follows an {@code E} that is a word of its own. */
    private boolean isEscapeString(int quote) {
        if (quote == 0 || sql.charAt(quote) != '\'' || (sql.charAt(quote - 1) != 'E' && sql.charAt(quote - 1) != 'e')) {
            return false;
        }
        return quote == 1 || !isIdentifierPart(sql.charAt(quote - 2));
    }

    /** The end of the line that a comment's text starts on, at {@code textStart}. */
    private int lineEnd(int textStart) {
        for (int i = textStart; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return sql.length();
    }

    /**
     * After the {@code *}{@code /} that closes the comment opened at {@code start}, counting the
     * comments nested in it where the syntax nests them. Quotes and {@code --} mean nothing inside.
     */
    private int blockCommentEnd(int start) {
        int depth = 1;
        int i = start + 2; // past the opener, so that /*/ does not close itself
        while (i + 1 < sql.length()) {
            if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                if (--depth == 0) {
                    return i + 2;
                }
                i += 2;
            } else if (nestedComments && sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** After {@code $tag$...$tag$}, or just after the {@code $} when it opens no such quote. */
    private int dollarQuoteEnd(int start) {
        // In PostgreSQL, $ may be part of an identifier (a$b) and $1 is a parameter, not a quote.
        if (start > 0 && (isIdentifierPart(sql.charAt(start - 1)) || sql.charAt(start - 1) == '$')) {
            return start + 1;
        }
        int i = start + 1;
        if (i < sql.length() && isIdentifierStart(sql.charAt(i))) {
            i = identifierEnd(i);
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    /** A word of the statement's code: noted if it is the first, the verb after WITH, a write, or a clause that returns rows. */
    private int word(int start) {
        int end = identifierEnd(start);
        String word = sql.substring(start, end).toLowerCase(Locale.ROOT);
        if (firstWord == null) {
            firstWord = word;
        } else if (!followsDot(start)) { // t.update is a column
            writeInside |= isWrite(word, end);
            // SELECT ... INTO at the statement's own level; not the INTO of an INSERT or MERGE inside it
            into |= depth == 0 && word.equals("into") && !"insert".equals(previousWord) && !"merge".equals(previousWord);
            if (withVerb == null && depth == 0 && firstWord.equals("with") && WITH_VERBS.contains(word)
                    && !nextWordIs("as", end)) { // not a common table expression named so
                withVerb = word;
            }
        }
        if (depth == 0) { // RETURNING inside a data-modifying WITH is not the statement's own
            returningClause |= isReturningClause(word, start, end) || isOutputClause(word, end);
        }
        previousWord = word;
        return copy(start, end);
    }

    /** INSERT, UPDATE, DELETE or MERGE past a statement's first word: not MySQL's INSERT(...) function nor FOR [NO KEY] UPDATE. */
    private boolean isWrite(String word, int end) {
        return switch (word) {
            case "insert" -> !sql.startsWith("(", skipSpaces(end));
            case "update" -> !("for".equals(previousWord) || "key".equals(previousWord));
            case "delete", "merge" -> true;
            default -> false;
        };
    }

    private boolean followsDot(int start) {
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        return before >= 0 && sql.charAt(before) == '.';
    }

    private boolean nextWordIs(String word, int from) {
        int next = skipSpaces(from);
        int end = next < sql.length() && isIdentifierStart(sql.charAt(next)) ? identifierEnd(next) : next;
        return sql.substring(next, end).equalsIgnoreCase(word);
    }

    /** {@code RETURNING id}, not a column or table of that name ({@code t.returning}, {@code returning = 1}). */
    private boolean isReturningClause(String word, int start, int end) {
        if (!word.equals("returning")) {
            return false;
        }
        int after = skipSpaces(end);
        return !followsDot(start) && after < sql.length() && "=,).;".indexOf(sql.charAt(after)) < 0;
    }

    /** SQL Server's {@code OUTPUT inserted.id} (or {@code deleted.}, {@code $action}), not a column named output. */
    private boolean isOutputClause(String word, int end) {
        if (!word.equals("output")) {
            return false;
        }
        String rest = sql.substring(skipSpaces(end)).toLowerCase(Locale.ROOT);
        return rest.startsWith("inserted.") || rest.startsWith("deleted.") || rest.startsWith("$action");
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Writes {@code ??} as it is, a {@code ?} that is an operator as {@code ??}, or a placeholder; returns the index after it. */
    private int questionMark(int start) {
        if (start + 1 < sql.length() && sql.charAt(start + 1) == '?') {
            return copy(start, start + 2);
        }
        if (questionMarksAreOperators && followsOperand(start)) {
            jdbc.append("??");
            return start + 1;
        }
        noteInList(positional, start + 1);
        positional++;
        return copy(start, start + 1);
    }

    /**
     * Whether what precedes {@code start} may be an operator's left operand (a word, a number, a
     * literal, a closing parenthesis or bracket): after {@code =}, {@code ,} or {@code (} a
     * {@code ?} can only be a placeholder.
     */
    private boolean followsOperand(int start) {
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        if (before < 0) {
            return false;
        }
        if (!isIdentifierPart(sql.charAt(before))) {
            return ")]'\"`$".indexOf(sql.charAt(before)) >= 0;
        }
        int wordStart = before;
        while (wordStart > 0 && isIdentifierPart(sql.charAt(wordStart - 1))) {
            wordStart--;
        }
        // LIMIT ?, THEN ?: a keyword is no operand, and a ? after it a placeholder, which mixing refuses
        return !KEYWORDS_BEFORE_A_VALUE.contains(sql.substring(wordStart, before + 1).toLowerCase(Locale.ROOT));
    }

    /** Words after which a value, never an operator, comes. */
    private static final Set<String> KEYWORDS_BEFORE_A_VALUE = Set.of("select", "where", "and", "or", "not", "limit",
            "offset", "fetch", "then", "else", "when", "case", "by", "in", "like", "ilike", "values", "set", "is",
            "between", "on", "having", "as", "return", "returning", "distinct", "all", "any", "some", "exists", "with",
            "from", "into", "using", "default", "array", "interval");

    /** Notes placeholder {@code ordinal}, about to be written, when it stands alone in {@code IN (...)}. */
    private void noteInList(int ordinal, int after) {
        int i = jdbc.length() - 1;
        while (i >= 0 && Character.isWhitespace(jdbc.charAt(i))) {
            i--;
        }
        if (i < 0 || jdbc.charAt(i) != '(') {
            return;
        }
        i--;
        while (i >= 0 && Character.isWhitespace(jdbc.charAt(i))) {
            i--;
        }
        boolean in = i >= 1 && Character.toLowerCase(jdbc.charAt(i)) == 'n' && Character.toLowerCase(jdbc.charAt(i - 1)) == 'i'
                && (i < 2 || !isIdentifierPart(jdbc.charAt(i - 2)));
        int j = skipSpaces(after);
        if (in && j < sql.length() && sql.charAt(j) == ')') {
            inListOffsets.add(jdbc.length());
            inListOrdinals.add(ordinal);
        }
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes {@code ::}, a lone colon, or {@code ?} for a parameter; returns the index after it. */
    private int colon(int start) {
        int next = start + 1;
        if (next < sql.length() && sql.charAt(next) == ':') {
            return copy(start, start + 2);
        }
        boolean followsWord = start > 0 && isIdentifierPart(sql.charAt(start - 1));
        if (followsWord || next >= sql.length() || !isIdentifierStart(sql.charAt(next))) {
            return copy(start, next);
        }
        int end = identifierEnd(next);
        noteInList(names.size(), end);
        names.add(sql.substring(next, end));
        jdbc.append('?');
        return end;
    }

    /** A backslash before a colon makes it plain text ({@code \:name} is not a parameter); others stay. */
    private int backslash(int start) {
        if (start + 1 < sql.length() && sql.charAt(start + 1) == ':') {
            jdbc.append(':');
            return start + 2;
        }
        return copy(start, start + 1);
    }

    private int identifierEnd(int start) {
        int i = start;
        while (i < sql.length() && isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
