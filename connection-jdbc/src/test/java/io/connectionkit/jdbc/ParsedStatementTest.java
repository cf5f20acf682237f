package io.connectionkit.jdbc;

import io.connectionkit.api.ConnectionConfig;
import java.util.function.Predicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.connectionkit.api.QueryOptions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How statements are read: which {@code :name} and {@code ?} are parameters. */
class ParsedStatementTest {


    @Test
    void replacesEachNamedParameterWithAPlaceholder() {
        ParsedStatement parsed = ParsedStatement.parse("select * from pets where age > :age and owner = :owner");

        assertThat(parsed.jdbcSql()).isEqualTo("select * from pets where age > ? and owner = ?");
        assertThat(parsed.parameterNames()).containsExactly("age", "owner");
        assertThat(parsed.positionalCount()).isZero();
        assertThat(parsed.sql()).isEqualTo("select * from pets where age > :age and owner = :owner");
    }

    @Test
    void aNameUsedTwiceHasTwoPlaceholders() {
        ParsedStatement parsed = ParsedStatement.parse("select * from t where a = :x or b = :x and c = :y");

        assertThat(parsed.jdbcSql()).isEqualTo("select * from t where a = ? or b = ? and c = ?");
        assertThat(parsed.parameterNames()).containsExactly("x", "x", "y");
    }

    @Test
    void namesMayHoldDigitsAndUnderscoresAndStartWithAnUnderscore() {
        ParsedStatement parsed = ParsedStatement.parse("values (:owner_2, :_hidden, :a1b2)");

        assertThat(parsed.jdbcSql()).isEqualTo("values (?, ?, ?)");
        assertThat(parsed.parameterNames()).containsExactly("owner_2", "_hidden", "a1b2");
    }

    @Test
    void aParameterMayEndTheStatementOrTouchPunctuation() {
        assertThat(ParsedStatement.parse("select 1 where x=:x").jdbcSql()).isEqualTo("select 1 where x=?");
        assertThat(ParsedStatement.parse("in(:a,:b)").jdbcSql()).isEqualTo("in(?,?)");
        assertThat(ParsedStatement.parse("where a=:a;").jdbcSql()).isEqualTo("where a=?;");
    }

    @Test
    void aColonBeforeADigitOrAfterAWordIsText() {
        ParsedStatement parsed = ParsedStatement.parse("select arr[1:2], arr[lo:hi], 'x' from t where a = :1");

        assertThat(parsed.jdbcSql()).isEqualTo("select arr[1:2], arr[lo:hi], 'x' from t where a = :1");
        assertThat(parsed.parameterNames()).isEmpty();
    }

    @Test
    void postgresCastsAreNotParameters() {
        ParsedStatement parsed = ParsedStatement.parse("select :age::int, created::date, '1'::text from t");

        assertThat(parsed.jdbcSql()).isEqualTo("select ?::int, created::date, '1'::text from t");
        assertThat(parsed.parameterNames()).containsExactly("age");
    }

    @Test
    void anAssignmentIsNotAParameter() {
        ParsedStatement parsed = ParsedStatement.parse("select @n := @n + 1, a:=b, :c");

        assertThat(parsed.jdbcSql()).isEqualTo("select @n := @n + 1, a:=b, ?");
        assertThat(parsed.parameterNames()).containsExactly("c");
    }

    @Test
    void colonsInsideSingleQuotesAreText() {
        ParsedStatement parsed = ParsedStatement.parse("select '10:30', ':not_me' from t where a = :a");

        assertThat(parsed.jdbcSql()).isEqualTo("select '10:30', ':not_me' from t where a = ?");
        assertThat(parsed.parameterNames()).containsExactly("a");
    }

    @Test
    void doubledQuotesStayInsideTheLiteral() {
        ParsedStatement parsed = ParsedStatement.parse("select 'it''s :x', '''', '' from t where b = :b");

        assertThat(parsed.jdbcSql()).isEqualTo("select 'it''s :x', '''', '' from t where b = ?");
        assertThat(parsed.parameterNames()).containsExactly("b");
    }

    @Test
    void colonsInsideQuotedIdentifiersAreText() {
        ParsedStatement parsed = ParsedStatement.parse("select \"a:b\", `c:d`, \"e\"\":f\" from t where g = :g");

        assertThat(parsed.jdbcSql()).isEqualTo("select \"a:b\", `c:d`, \"e\"\":f\" from t where g = ?");
        assertThat(parsed.parameterNames()).containsExactly("g");
    }

    @Test
    void colonsInsideCommentsAreText() {
        String sql = "select 1 -- where a = :a\nfrom t /* :b\n :c */ where d = :d -- :e";

        ParsedStatement parsed = ParsedStatement.parse(sql);

        assertThat(parsed.jdbcSql()).isEqualTo("select 1 -- where a = :a\nfrom t /* :b\n :c */ where d = ? -- :e");
        assertThat(parsed.parameterNames()).containsExactly("d");
    }

    @Test
    void aSingleDashOrSlashIsAnOperator() {
        ParsedStatement parsed = ParsedStatement.parse("select :a - :b / :c");

        assertThat(parsed.jdbcSql()).isEqualTo("select ? - ? / ?");
        assertThat(parsed.parameterNames()).containsExactly("a", "b", "c");
    }

    @Test
    void colonsInsideDollarQuotesAreText() {
        String sql = "select $$ :a $$, $fn$ it's :b $x$ :c $fn$, a$b$ from t where d = :d and e = $1";

        ParsedStatement parsed = ParsedStatement.parse(sql);

        assertThat(parsed.jdbcSql())
                .isEqualTo("select $$ :a $$, $fn$ it's :b $x$ :c $fn$, a$b$ from t where d = ? and e = $1");
        assertThat(parsed.parameterNames()).containsExactly("d");
    }

    @Test
    void aNestedBlockCommentHidesAParameterUntilItsOwnEnd() {
        ParsedStatement parsed = ParsedStatement.parse("select :a /* out /* in */ :hidden */ , :b", SqlSyntax.STANDARD);

        assertThat(parsed.jdbcSql()).isEqualTo("select ? /* out /* in */ :hidden */ , ?");
        assertThat(parsed.parameterNames()).containsExactly("a", "b");
    }

    @Test
    void commentsNestToAnyDepth() {
        ParsedStatement parsed = ParsedStatement.parse("select /* 1 /* 2 /* 3 */ :x */ :y */ :z", SqlSyntax.STANDARD);

        assertThat(parsed.parameterNames()).containsExactly("z");
    }

    @ParameterizedTest
    @EnumSource(value = SqlSyntax.class, names = {"FLAT_COMMENTS", "MYSQL"})
    void whereCommentsDoNotNestTheFirstCloseEndsTheComment(SqlSyntax syntax) {
        ParsedStatement parsed = ParsedStatement.parse("select :a /* out /* in */ , :b", syntax);

        assertThat(parsed.jdbcSql()).isEqualTo("select ? /* out /* in */ , ?");
        assertThat(parsed.parameterNames()).containsExactly("a", "b");
    }

    @Test
    void quotesInsideACommentAreCommentTextSoASlashStarThereStillNests() {
        // As SQL Server's documentation warns: '/*' in a commented-out line opens a comment.
        ParsedStatement nesting = ParsedStatement.parse("select 1 /* x = '/*' */ :hidden */ , :b", SqlSyntax.STANDARD);
        ParsedStatement flat = ParsedStatement.parse("select 1 /* it's */ , :b", SqlSyntax.FLAT_COMMENTS);

        assertThat(nesting.parameterNames()).containsExactly("b");
        assertThat(flat.parameterNames()).containsExactly("b");
    }

    @ParameterizedTest
    @EnumSource(SqlSyntax.class)
    void theSlashOfAnOpenerNeitherClosesItNorOpensAnother(SqlSyntax syntax) {
        assertThat(ParsedStatement.parse("select /*/ :a */ :b", syntax).parameterNames()).containsExactly("b");
        assertThat(ParsedStatement.parse("select /**/ :a", syntax).parameterNames()).containsExactly("a");
        assertThat(ParsedStatement.parse("select /**/*/ :a", syntax).parameterNames()).containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 'open :a", "select \"open :a", "select `open :a", "select /* open :a",
            "select /* open /* nested */ :a", "select /* open /* nested :a */", "select $$ open :a",
            "select $t$ open :a $$"})
    void anUnterminatedQuoteOrCommentRunsToTheEnd(String sql) {
        ParsedStatement parsed = ParsedStatement.parse(sql);

        assertThat(parsed.jdbcSql()).isEqualTo(sql);
        assertThat(parsed.parameterNames()).isEmpty();
    }

    @Test
    void aBackslashMakesAColonText() {
        ParsedStatement parsed = ParsedStatement.parse("select '\\:kept', \\:literal, :p, 'a\\b'");

        assertThat(parsed.jdbcSql()).isEqualTo("select '\\:kept', :literal, ?, 'a\\b'");
        assertThat(parsed.parameterNames()).containsExactly("p");
    }

    @Test
    void inMySqlABackslashEscapesAQuoteAndHashStartsAComment() {
        ParsedStatement parsed = ParsedStatement.parse(
                "select 'it\\'s :a', \"say \\\":b\\\"\", :p # not :c\nfrom t where d = :d", SqlSyntax.MYSQL);

        assertThat(parsed.parameterNames()).containsExactly("p", "d");
        assertThat(parsed.jdbcSql()).isEqualTo("select 'it\\'s :a', \"say \\\":b\\\"\", ? # not :c\nfrom t where d = ?");
    }

    @Test
    void inStandardSqlABackslashEndsNoLiteralAndHashIsAnOperator() {
        ParsedStatement parsed = ParsedStatement.parse("select 'C:\\', :p, 5 # :q", SqlSyntax.STANDARD);

        assertThat(parsed.parameterNames()).containsExactly("p", "q");
    }

    @Test
    void postgresEscapeStringsTakeBackslashEscapes() {
        ParsedStatement parsed = ParsedStatement.parse("select E'it\\'s :a', e'\\\\', :p, else'x:y'");

        assertThat(parsed.parameterNames()).containsExactly("p");
    }

    @Test
    void onlyStandardAndPostgresqlCommentsNest() {
        assertThat(SqlSyntax.STANDARD.nestsBlockComments()).isTrue();
        assertThat(SqlSyntax.POSTGRESQL.nestsBlockComments()).isTrue();
        assertThat(SqlSyntax.FLAT_COMMENTS.nestsBlockComments()).isFalse();
        assertThat(SqlSyntax.MYSQL.nestsBlockComments()).isFalse();
        assertThat(SqlSyntax.SNOWFLAKE.nestsBlockComments()).isFalse();
    }

    @Test
    void snowflakeTextTakesBackslashEscapesAndDoubleSlashStartsAComment() {
        ParsedStatement parsed = ParsedStatement.parse("select 'it\\'s :a', \"Col:b\\\", :p // not :c\n"
                + ", $$ :d $$, /* :e /* */ :q from t where x = :x", SqlSyntax.SNOWFLAKE);

        assertThat(parsed.parameterNames()).containsExactly("p", "q", "x");
        assertThat(SqlSyntax.of("snowflake")).isEqualTo(SqlSyntax.SNOWFLAKE);
    }

    @Test
    void questionMarksArePositionalPlaceholders() {
        ParsedStatement parsed = ParsedStatement.parse("select * from t where a = ? and b = '?' and c = ? -- ?");

        assertThat(parsed.jdbcSql()).isEqualTo("select * from t where a = ? and b = '?' and c = ? -- ?");
        assertThat(parsed.positionalCount()).isEqualTo(2);
        assertThat(parsed.parameterNames()).isEmpty();
    }

    @Test
    void aDoubledQuestionMarkIsPostgresEscapedOperatorNotAPlaceholder() {
        ParsedStatement parsed = ParsedStatement.parse("select doc ?? 'key' from t where id = :id");

        assertThat(parsed.jdbcSql()).isEqualTo("select doc ?? 'key' from t where id = ?");
        assertThat(parsed.positionalCount()).isZero();
    }

    @Test
    void mixingNamedAndPositionalIsAnError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ParsedStatement.parse("select * from t where a = :a and b = ? and c = :a"))
                .withMessage("The statement mixes named parameters [:a] and ? placeholders (1); use one kind or"
                        + " the other in: select * from t where a = :a and b = ? and c = :a");
    }

    @Test
    void onPostgresAQuestionMarkBesideNamedParametersIsTheOperatorWrittenForItsDriver() {
        ParsedStatement parsed = ParsedStatement.parse("select doc ? :key, doc ?| :keys, doc ?&:keys, doc ?? 'a', '?',"
                + " $$?$$ -- ?\nfrom t where id in (:ids)", SqlSyntax.POSTGRESQL);

        assertThat(parsed.jdbcSql()).isEqualTo("select doc ?? ?, doc ??| ?, doc ??&?, doc ?? 'a', '?',"
                + " $$?$$ -- ?\nfrom t where id in (?)");
        assertThat(parsed.parameterNames()).containsExactly("key", "keys", "keys", "ids");
        assertThat(parsed.positionalCount()).isZero();
        assertThat(parsed.expand(parsed.bind(QueryOptions.noCache().param("key", "a").param("keys", List.of("a"))
                .param("ids", List.of(1, 2)))).jdbcSql()).endsWith("where id in (?, ?)");
    }

    @Test
    void onPostgresWithoutNamedParametersAQuestionMarkIsAPlaceholder() {
        ParsedStatement parsed = ParsedStatement.parse("select doc ? 'a', doc ?? 'b' from t where id = ?", SqlSyntax.POSTGRESQL);

        assertThat(parsed.jdbcSql()).isEqualTo("select doc ? 'a', doc ?? 'b' from t where id = ?");
        assertThat(parsed.positionalCount()).isEqualTo(2);
    }

    @Test
    void onPostgresAQuestionMarkWhereNoOperatorCanStandIsStillAPlaceholderBesideNamedParameters() {
        for (String sql : List.of("select * from t where a = ? and b = :b", "select doc ? :key, ?", "values (?, :v)",
                "select * from t where a = :a limit ?", "select case when :a then ? end", "select * from t where ? and :b")) {
            assertThatIllegalArgumentException().as(sql)
                    .isThrownBy(() -> ParsedStatement.parse(sql, SqlSyntax.POSTGRESQL))
                    .withMessageStartingWith("The statement mixes named parameters");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SqlSyntax.class, names = "POSTGRESQL", mode = EnumSource.Mode.EXCLUDE)
    void elsewhereAQuestionMarkBesideNamedParametersIsAnError(SqlSyntax syntax) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ParsedStatement.parse("select doc ? :key", syntax))
                .withMessageStartingWith("The statement mixes named parameters [:key] and ? placeholders (1)");
    }

    @Test
    void aStatementWithoutParametersIsUnchanged() {
        ParsedStatement parsed = ParsedStatement.parse("select 1");

        assertThat(parsed).isEqualTo(new ParsedStatement("select 1", "select 1", List.of(), 0, ParsedStatement.Traits.NONE));
    }

    @ParameterizedTest
    @EnumSource(SqlSyntax.class)
    void theSameStatementIsParsedOnceInEachSyntax(SqlSyntax syntax) {
        String sql = "select :cached_once from t";

        assertThat(ParsedStatement.parse(sql, syntax)).isSameAs(ParsedStatement.parse(sql, syntax));
    }

    @Test
    void theSameTextIsParsedAfreshInAnotherSyntax() {
        String sql = "select /* a /* b */ :p";

        assertThat(ParsedStatement.parse(sql, SqlSyntax.FLAT_COMMENTS).parameterNames()).containsExactly("p");
        assertThat(ParsedStatement.parse(sql, SqlSyntax.STANDARD).parameterNames()).isEmpty();
        assertThat(ParsedStatement.parse(sql, SqlSyntax.MYSQL).parameterNames()).containsExactly("p");
    }

    @Test
    void aPlaceholderAloneInInIsExpandedAndNoOtherIs() {
        ParsedStatement named = ParsedStatement.parse("select * from t where a in (:a) and b IN(:b ) and c in (:c, :d)"
                + " and min(:e) > 0 and e = any(:e) and x not in (:x)");
        List<Object> values = named.bind(QueryOptions.noCache().param("a", List.of(1, 2)).param("b", new Object[] {3})
                .param("c", List.of(4)).param("d", 5).param("e", List.of(6)).param("x", 7));

        ParsedStatement.Bound bound = named.expand(values);

        assertThat(bound.jdbcSql()).isEqualTo("select * from t where a in (?, ?) and b IN(? ) and c in (?, ?)"
                + " and min(?) > 0 and e = any(?) and x not in (?)");
        assertThat(bound.values()).containsExactly(1, 2, 3, List.of(4), 5, List.of(6), List.of(6), 7);
        assertThat(named.expand(named.bind(QueryOptions.noCache().param("a", 1).param("b", 2).param("c", 3)
                .param("d", 4).param("e", 5).param("x", 6))).jdbcSql()).isEqualTo(named.jdbcSql());
    }

    @Test
    void aWriteIsToldFromItsFirstWordUnlessItReturnsRows() {
        assertThat(ParsedStatement.parse("-- note\n  Insert into t values (1)").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("/* a */ delete from t").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("insert into t values (1) returning id").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("delete from t output deleted.id").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("select 'insert' from t").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("select id from final table (insert into t (v) values (1))").changesDataWithoutRows())
                .as("H2's insert that returns rows").isFalse();
        assertThat(ParsedStatement.parse("select id from final table (insert into t (v) values (1))").changesData()).isTrue();
        assertThat(ParsedStatement.parse("insert into t select 'returning'").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("with x as (select 1) select * from x").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("updated_at").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("copy into pets from @stage", SqlSyntax.SNOWFLAKE).changesDataWithoutRows())
                .as("Snowflake's load").isTrue();
        assertThat(ParsedStatement.parse("undrop table pets", SqlSyntax.SNOWFLAKE).changesData()).isTrue();
        assertThat(ParsedStatement.parse("select copy, remove from t", SqlSyntax.SNOWFLAKE).changesData())
                .as("columns so named").isFalse();
        assertThat(ParsedStatement.parse("update t set output = 'x', returning = 1").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("insert into t (id, returning) values (1)").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("update t set x = t.returning").changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse("merge into t using s on t.id = s.id when matched then delete"
                + " output $action, deleted.id;").changesDataWithoutRows()).isFalse();
        assertThat(ParsedStatement.parse("insert into t values (1);").changesDataWithoutRows()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select :v; drop table t", "select 1; insert into t values (1)",
            "insert into t values (1); select count(*) from t", "select 1;\n-- then\ndelete from t;",
            "insert into t values (1) returning id; delete from t", "select ';'; update t set a = 1",
            "with x as (select 1) delete from t", "with d as (delete from t returning *) insert into log select * from d",
            "create function f() returns int as $$ begin delete from t; return 1; end $$ language plpgsql",
            "select * into backup from pets", "select 1; select id into newtable from t", "select x into @v from t"})
    void aTextWithAnyStatementThatChangesDataWithoutRowsIsAWrite(String sql) {
        assertThat(ParsedStatement.parse(sql).changesDataWithoutRows()).isTrue();
        assertThat(ParsedStatement.parse(sql).changesData()).isTrue();
        assertThat(ParsedStatement.parse(sql).onlyReads()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select 1; select 2", "select 1;", "select 1; ;\n -- done\n", "select ';drop table t'",
            "select 1 -- ; drop table t", "select 1 /* ; drop table t */", "select $$;drop table t$$",
            "select $f$ ; delete from t $f$ as body", "select 1 as \"a;delete from t\"",
            "insert into t values (1) returning id; select 1", "delete from t output deleted.id; select 2",
            "with x as (select 1) insert into t select * from x returning id"})
    void aTextWhoseEveryWriteReturnsRowsIsNoWriteWithoutRows(String sql) {
        assertThat(ParsedStatement.parse(sql).changesDataWithoutRows()).isFalse();
    }

    @Test
    void aStatementChangesDataByItsFirstWordOrAWriteInsideIt() {
        for (String sql : List.of("insert into t values (1) returning id", "create table t (id int)",
                "with x as (delete from t returning *) select * from x",
                "WITH x AS (UPDATE t SET a = 1 RETURNING a) SELECT * FROM x", "select * into t2 from t",
                "explain analyze delete from t", "select 1; drop table t", "merge into t using s on t.id = s.id"
                        + " when matched then delete output deleted.id")) {
            assertThat(ParsedStatement.parse(sql).changesData()).as(sql).isTrue();
        }
        for (String sql : List.of("select 1", "select 'delete' from t", "select * from t for update",
                "select * from t for no key update", "select t.update, t.delete from t", "select insert('abc', 1, 1, 'x')",
                "with insert_log as (select 1) select * from insert_log", "with x as (select 1) select * from x",
                "select * from t -- delete from t", "call p()", "show tables")) {
            assertThat(ParsedStatement.parse(sql).changesData()).as(sql).isFalse();
        }
    }

    @Test
    void onlyATextOfReadsReadsOnly() {
        for (String sql : List.of("select 1", "SELECT 1; select 2;", "values (1), (2)", "table t", "show tables",
                "explain select 1", "describe t", "desc t", "with x as (select 1) select * from x",
                "(select 1) union (select 2)", "/* note */ select * from t for update")) {
            assertThat(ParsedStatement.parse(sql).onlyReads()).as(sql).isTrue();
        }
        for (String sql : List.of("", "-- nothing", "call p()", "exec p", "execute p", "do $$ begin null; end $$",
                "set search_path = x", "pragma table_info(t)", "vacuum", "begin; select 1; commit", "select 1; call p()",
                "with x as (delete from t returning *) select * from x", "select * into t2 from t",
                "insert into t values (1) returning id", "explain analyze delete from t", "with x as (select 1) frobnicate")) {
            assertThat(ParsedStatement.parse(sql).onlyReads()).as(sql).isFalse();
        }
    }
}
