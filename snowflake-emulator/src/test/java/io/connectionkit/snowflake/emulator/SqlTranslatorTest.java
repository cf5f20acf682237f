package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTranslatorTest {
    private static final SqlTranslator.Context CONTEXT =
            new SqlTranslator.Context("ACC", "ANN", "PETS", "PUBLIC", null, "PUBLIC", 7);

    private static String translate(String sql) throws SnowflakeError {
        return SqlLexer.text(SqlTranslator.expressions(SqlLexer.tokens(sql), CONTEXT));
    }

    @Test
    void answersContextFunctionsWithLiteralsNamedAfterTheCall() throws SnowflakeError {
        assertThat(translate("select current_database(), current_warehouse() as wh"))
                .isEqualTo("select 'PETS' AS \"CURRENT_DATABASE()\", CAST(NULL AS VARCHAR) as wh");
    }

    @Test
    void writesDoubleColonCastsAsCast() throws SnowflakeError {
        assertThat(translate("select '1'::number(5,1), upper(x)::varchar from t"))
                .isEqualTo("select CAST('1' AS NUMERIC(5,1)), CAST(upper(x) AS VARCHAR) from t");
    }

    @Test
    void mapsTypesInCasts() throws SnowflakeError {
        assertThat(translate("select cast(x as timestamp_ltz), try_cast(y as string) from t"))
                .isEqualTo(
                        "select cast(x as TIMESTAMP(9) WITH TIME ZONE), CAST(y as VARCHAR) from t");
    }

    @Test
    void rewritesFunctionsH2SpellsOtherwise() throws SnowflakeError {
        assertThat(translate("select iff(a > 1, 'x', 'y'), nvl(b, 0), count_if(c) from t"))
                .isEqualTo(
                        "select CASEWHEN(a > 1, 'x', 'y'), COALESCE(b, 0), "
                                + "COUNT(CASE WHEN c THEN 1 END) from t");
    }

    @Test
    void readsSnowflakeStringEscapes() throws SnowflakeError {
        assertThat(translate("select 'it\\'s', $$dollar 'quoted'$$"))
                .isEqualTo("select 'it''s', 'dollar ''quoted'''");
    }

    @Test
    void dropsComments() throws SnowflakeError {
        assertThat(translate("select 1 -- one\n, /* two */ 2 // three")).isEqualTo("select 1 , 2");
    }
}
