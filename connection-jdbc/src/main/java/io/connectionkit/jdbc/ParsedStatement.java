package io.connectionkit.jdbc;

import io.connectionkit.api.QueryOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement as written, with {@code :name} parameters, and as JDBC runs it, with {@code ?}
 * placeholders. Parameters are found outside quotes ({@code '...'}, {@code "..."},
 * {@code `...`}, PostgreSQL's {@code $$...$$} and {@code $tag$...$tag$}), comments ({@code --},
 * {@code /* *}{@code /}) and casts ({@code ::}); see {@link SqlScanner} for the exact rules.
 * Reads and writes are told from the text alone, statement by statement ({@link Statement}): a
 * write inside a procedure, a function, a {@code DO} or a {@code BEGIN ... END} block is not seen,
 * nor is such a statement a read. Immutable but for the shape of its last result, which it keeps
 * so that the next run need not work out the same columns again. Equal by the four values below.
 */
final class ParsedStatement {

    /** Statements longer than this are parsed each time rather than kept in the cache. */
    private static final int MAX_CACHED_LENGTH = 10_000;
    private static final int CACHE_ENTRIES = 256;
    private static final int MAX_SQL_IN_MESSAGE = 200;

    // The same few statements run over and over: keep their parse, without a lock on the hot
    // path. An application with more distinct statements than this starts the cache afresh.
    private static final Map<SqlSyntax, Map<String, ParsedStatement>> CACHES = cachePerSyntax();

    private final String sql;
    private final String jdbcSql;
    private final List<String> parameterNames;
    private final int positionalCount;
    private final int distinctNameCount;
    private final Traits traits;
    // Told once, asked at every run
    private final boolean changesDataWithoutRows;
    private final boolean changesData;
    private final boolean onlyReads;
    private final boolean returnsNoRows;
    private volatile ResultShape lastShape;

    /** Verbs of statements that change data or the schema, and return no rows without RETURNING. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "upsert", "replace",
            "create", "drop", "alter", "truncate", "grant", "revoke", "rename", "comment",
            "copy", "put", "remove", "undrop"); // the last: loads and stage files (PostgreSQL's and Snowflake's)

    /**
     * Verbs of statements that never return rows and change no data: settings, transactions,
     * maintenance. {@code query} would run one and then find no result set.
     */
    private static final Set<String> NEVER_ROWS = Set.of("set", "reset", "begin", "start", "commit", "end", "abort",
            "rollback", "savepoint", "release", "vacuum", "do", "lock", "unlock", "discard", "checkpoint", "refresh",
            "reindex", "cluster", "listen", "notify", "unlisten", "deallocate", "use", "attach", "detach", "load",
            "install");

    /** Verbs of statements that only read, unless a write hides in them. */
    private static final Set<String> READS = Set.of("select", "values", "table", "show", "explain", "describe", "desc");

    /**
     * One statement of the text, up to a {@code ;} outside quotes and comments, as the scanner saw it.
     *
     * @param verb            its first word in lower case; for {@code WITH}, the statement after its
     *                        common table expressions ({@code select}, {@code delete}, ...) when found
     * @param returningClause whether it has a {@code RETURNING} or SQL Server {@code OUTPUT} clause of its
     *                        own, outside parentheses
     * @param writeInside     whether a write hides past its first word: {@code INSERT}, {@code UPDATE},
     *                        {@code DELETE} or {@code MERGE} (a data-modifying {@code WITH},
     *                        {@code EXPLAIN ANALYZE} of a write), or {@code INTO} in a {@code SELECT}
     *                        (which creates a table on PostgreSQL and SQL Server)
     * @param selectInto      whether it is a {@code SELECT ... INTO}, which returns no rows
     */
    record Statement(String verb, boolean returningClause, boolean writeInside, boolean selectInto) {

        boolean changesData() {
            return WRITES.contains(verb) || writeInside;
        }

        boolean changesDataWithoutRows() {
            return WRITES.contains(verb) && !returningClause || selectInto;
        }
    }

    /**
     * What the scanner noted besides the parameters.
     *
     * @param statements     the statements of the text, in order; none for a text of comments alone
     * @param inListOffsets  where in the JDBC text each placeholder alone in {@code IN (...)} is, ascending
     * @param inListOrdinals which placeholder (from 0) each of those is
     */
    record Traits(List<Statement> statements, int[] inListOffsets, int[] inListOrdinals) {
        static final Traits NONE = new Traits(List.of(), new int[0], new int[0]);

        Traits {
            statements = List.copyOf(statements);
        }
    }

    /** The JDBC text to prepare and the values to bind to it, once lists in {@code IN (...)} are expanded. */
    record Bound(String jdbcSql, List<Object> values) {
    }

    /**
     * @param sql             the statement as written
     * @param jdbcSql         the statement with every {@code :name} replaced by {@code ?} (and, on
     *                        PostgreSQL, a {@code ?} operator beside them written {@code ??})
     * @param parameterNames  the names in the order of their placeholders; a name used twice appears twice
     * @param positionalCount the number of {@code ?} placeholders written as such
     * @param traits          what the scanner noted besides: the statements, IN lists
     */
    ParsedStatement(String sql, String jdbcSql, List<String> parameterNames, int positionalCount, Traits traits) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.jdbcSql = Objects.requireNonNull(jdbcSql, "jdbcSql");
        this.parameterNames = List.copyOf(parameterNames);
        this.positionalCount = positionalCount;
        this.distinctNameCount = new HashSet<>(parameterNames).size();
        this.traits = Objects.requireNonNull(traits, "traits");
        List<Statement> statements = traits.statements();
        this.changesDataWithoutRows = statements.stream().anyMatch(Statement::changesDataWithoutRows);
        this.changesData = statements.stream().anyMatch(Statement::changesData);
        this.returnsNoRows = changesDataWithoutRows || statements.stream().anyMatch(s -> NEVER_ROWS.contains(s.verb()));
        this.onlyReads = !statements.isEmpty()
                && statements.stream().allMatch(s -> READS.contains(s.verb()) && !s.changesData());
    }

    /**
     * Whether any statement of the text changes data or the schema and returns no rows: its verb is
     * {@code INSERT}, {@code UPDATE}, {@code CREATE}, ... and it has no {@code RETURNING} (nor SQL
     * Server's {@code OUTPUT}) of its own, or it is a {@code SELECT ... INTO}.
     * {@code select 1; drop table t} does, and so does {@code insert ...; select ...};
     * {@code insert ... returning id} does not.
     */
    boolean changesDataWithoutRows() {
        return changesDataWithoutRows;
    }

    /**
     * Whether a statement of the text returns no rows: one of {@link #changesDataWithoutRows}, or a
     * statement that never returns rows ({@code SET}, {@code BEGIN}, {@code COMMIT},
     * {@code VACUUM}, {@code DO}, {@code USE}, ...), which a query would run and then find no
     * result set. A {@code CALL}, a {@code PRAGMA} or a word not known is taken to return rows.
     */
    boolean returnsNoRows() {
        return returnsNoRows;
    }

    /** The number of statements in the text: 0 for comments alone. */
    int statementCount() {
        return traits.statements().size();
    }

    /**
     * Whether any statement of the text changes data or the schema, with or without rows: a verb
     * of {@link #changesDataWithoutRows} ({@code insert ... returning id} too), a data-modifying
     * {@code WITH} ({@code with x as (delete from t returning *) select * from x}), or
     * {@code select ... into}.
     */
    boolean changesData() {
        return changesData;
    }

    /**
     * Whether every statement of the text only reads: its verb is {@code SELECT}, {@code VALUES},
     * {@code TABLE}, {@code SHOW}, {@code EXPLAIN}, {@code DESCRIBE} or {@code DESC}, or a
     * {@code WITH} ending in one, and no write hides in it. False for anything else ({@code CALL},
     * {@code EXEC}, {@code DO}, {@code SET}, {@code PRAGMA}, a word not known) and for a text without
     * a statement. A function called by a {@code SELECT} may still write: this tells what the text
     * says, no more.
     */
    boolean onlyReads() {
        return onlyReads;
    }

    /**
     * The statement to prepare for {@code values} (from {@link #bind}): a {@code Collection} or
     * Java array given for a placeholder alone in {@code IN (...)} becomes one placeholder per
     * element, {@code in (?, ?, ?)}, as SQLAlchemy's expanding parameters and Spring's named
     * parameters do; elsewhere it stays one value (an SQL array, see {@link ParameterBinder}).
     *
     * @throws IllegalArgumentException for an empty list in {@code IN (...)}, which SQL cannot write
     */
    Bound expand(List<Object> values) {
        int[] offsets = traits.inListOffsets();
        int[] ordinals = traits.inListOrdinals();
        boolean anyList = false;
        for (int ordinal : ordinals) {
            anyList |= ordinal < values.size() && isList(values.get(ordinal));
        }
        if (!anyList) {
            return new Bound(jdbcSql, values);
        }
        StringBuilder text = new StringBuilder(jdbcSql.length() + 16);
        List<Object> flat = new ArrayList<>(values.size() + 8);
        int copied = 0;
        int next = 0;
        for (int p = 0; p < values.size(); p++) {
            Object value = values.get(p);
            boolean inList = next < ordinals.length && ordinals[next] == p;
            int offset = inList ? offsets[next++] : -1;
            if (!inList || !isList(value)) {
                flat.add(value);
                continue;
            }
            List<Object> elements = new ArrayList<>();
            if (value instanceof Collection<?> collection) {
                elements.addAll(collection);
            } else {
                for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) { // Object[] or long[], int[], ...
                    elements.add(java.lang.reflect.Array.get(value, i));
                }
            }
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("An empty list was given for " + placeholderName(p)
                        + " in IN (...), which SQL cannot write: leave the condition out when the list is empty,"
                        + " in: " + abbreviate(sql));
            }
            text.append(jdbcSql, copied, offset);
            for (int e = 0; e < elements.size(); e++) {
                text.append(e == 0 ? "?" : ", ?");
                flat.add(elements.get(e));
            }
            copied = offset + 1;
        }
        text.append(jdbcSql, copied, jdbcSql.length());
        return new Bound(text.toString(), Collections.unmodifiableList(flat));
    }

    private static boolean isList(Object value) {
        return value instanceof Collection<?> || value != null && value.getClass().isArray() && !(value instanceof byte[]);
    }

    private String placeholderName(int ordinal) {
        return parameterNames.isEmpty() ? "placeholder " + (ordinal + 1) : ":" + parameterNames.get(ordinal);
    }

    String sql() {
        return sql;
    }

    String jdbcSql() {
        return jdbcSql;
    }

    List<String> parameterNames() {
        return parameterNames;
    }

    int positionalCount() {
        return positionalCount;
    }

    /** The shape of this statement's last result, or {@code null}; see {@link ResultShape#of}. */
    ResultShape lastShape() {
        return lastShape;
    }

    void lastShape(ResultShape shape) {
        lastShape = shape; // a race between threads only keeps one of two shapes
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedStatement other && sql.equals(other.sql) && jdbcSql.equals(other.jdbcSql)
                && parameterNames.equals(other.parameterNames) && positionalCount == other.positionalCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sql, jdbcSql, parameterNames, positionalCount);
    }

    @Override
    public String toString() {
        return "ParsedStatement[jdbcSql=" + abbreviate(jdbcSql) + ", parameterNames=" + parameterNames
                + ", positionalCount=" + positionalCount + "]";
    }

    /** One cache for each syntax: the same text may hold other parameters in another. */
    private static Map<SqlSyntax, Map<String, ParsedStatement>> cachePerSyntax() {
        Map<SqlSyntax, Map<String, ParsedStatement>> caches = new EnumMap<>(SqlSyntax.class);
        for (SqlSyntax syntax : SqlSyntax.values()) {
            caches.put(syntax, new ConcurrentHashMap<>());
        }
        return caches;
    }

    /** Finds the parameters of {@code sql}, written in the standard syntax; see {@link #parse(String, SqlSyntax)}. */
    static ParsedStatement parse(String sql) {
        return parse(sql, SqlSyntax.STANDARD);
    }

    /**
     * Finds the parameters of {@code sql}, written in {@code syntax}.
     *
     * @throws IllegalArgumentException if it uses both {@code :name} parameters and {@code ?} placeholders
     */
    static ParsedStatement parse(String sql, SqlSyntax syntax) {
        Objects.requireNonNull(sql, "sql");
        Map<String, ParsedStatement> cache = CACHES.get(syntax);
        ParsedStatement cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        ParsedStatement parsed = SqlScanner.scan(sql, syntax);
        if (!parsed.parameterNames.isEmpty() && parsed.positionalCount > 0) {
            throw new IllegalArgumentException("The statement mixes named parameters " + parsed.distinctNames()
                    + " and ? placeholders (" + parsed.positionalCount + "); use one kind or the other in: "
                    + abbreviate(sql));
        }
        if (sql.length() <= MAX_CACHED_LENGTH) {
            if (cache.size() >= CACHE_ENTRIES) {
                cache.clear();
            }
            cache.put(sql, parsed);
        }
        return parsed;
    }

    /**
     * The values to bind, in placeholder order: the named parameters of {@code options}, or its
     * positional arguments. A name used twice in the statement gets its value twice.
     *
     * @throws IllegalArgumentException naming a parameter with no value or a value with no parameter
     */
    List<Object> bind(QueryOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, Object> params = options.parameters();
        List<Object> args = options.arguments();
        if (!parameterNames.isEmpty()) {
            return bindNamed(params, args);
        }
        if (!params.isEmpty()) {
            String given = params.keySet().iterator().next();
            if (positionalCount > 0) {
                throw new IllegalArgumentException("Value given for :" + given
                        + " but the statement has no named parameters; it has " + placeholders(positionalCount)
                        + ", bound by position with args(...), in: " + abbreviate(sql));
            }
            throw new IllegalArgumentException("Value given for :" + given
                    + " but the statement has no parameters, in: " + abbreviate(sql));
        }
        if (args.size() != positionalCount) {
            throw new IllegalArgumentException("The statement has " + placeholders(positionalCount) + " but "
                    + (args.size() == 1 ? "1 argument was" : args.size() + " arguments were") + " given, in: "
                    + abbreviate(sql));
        }
        return args;
    }

    private List<Object> bindNamed(Map<String, Object> params, List<Object> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException((args.size() == 1 ? "1 positional argument" : args.size()
                    + " positional arguments") + " given but the statement has named parameters "
                    + distinctNames() + "; give their values by name, in: " + abbreviate(sql));
        }
        // The common case first: one value for each name, no name twice.
        if (params.size() == distinctNameCount) {
            Object[] values = new Object[parameterNames.size()];
            int found = 0;
            for (String name : parameterNames) {
                Object value = params.get(name);
                if (value == null && !params.containsKey(name)) {
                    break;
                }
                values[found++] = value;
            }
            if (found == values.length) { // each name has a value, and there are no other values
                return Arrays.asList(values); // fixed in size, handed only to the binder; values may be null: SQL NULL
            }
        }
        // A misspelt name shows up both as a value with no parameter and as a parameter with no
        // value; the first message, which lists the parameters, is the more helpful one.
        for (String given : params.keySet()) {
            if (!parameterNames.contains(given)) { // a short list: cheaper than building a set per query
                throw new IllegalArgumentException("Value given for :" + given + " but the statement has no parameter :"
                        + given + "; its parameters are " + distinctNames());
            }
        }
        List<Object> values = new ArrayList<>(parameterNames.size());
        for (String name : parameterNames) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("No value for parameter :" + name + " in: " + abbreviate(sql));
            }
            values.add(params.get(name)); // may be null: SQL NULL
        }
        return Collections.unmodifiableList(values);
    }

    /** The parameter names, each once, as {@code [:a, :b]}. */
    private String distinctNames() {
        return new LinkedHashSet<>(parameterNames).stream().map(n -> ":" + n).toList().toString();
    }

    private static String placeholders(int count) {
        return count == 1 ? "1 ? placeholder" : count + " ? placeholders";
    }

    static String abbreviate(String sql) {
        String stripped = sql.strip();
        return stripped.length() <= MAX_SQL_IN_MESSAGE ? stripped : stripped.substring(0, MAX_SQL_IN_MESSAGE) + "…";
    }
}
