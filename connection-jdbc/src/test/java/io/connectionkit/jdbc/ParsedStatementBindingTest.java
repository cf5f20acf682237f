package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.connectionkit.api.QueryOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which values a statement binds, and the errors that name what is missing or extra. */
class ParsedStatementBindingTest {

    private final ParsedStatement named = ParsedStatement.parse("select * from pets where age > :age or :age is null");

    @Test
    void namedValuesComeInPlaceholderOrderWithRepeats() {
        ParsedStatement parsed = ParsedStatement.parse("select :b, :a, :b");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", 1);
        params.put("b", "two");

        assertThat(parsed.bind(QueryOptions.noCache().params(params))).containsExactly("two", 1, "two");
    }

    @Test
    void aNullValueBindsNull() {
        assertThat(named.bind(QueryOptions.noCache().param("age", null))).containsExactly(null, null);
    }

    @Test
    void aParameterWithNoValueIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> named.bind(QueryOptions.noCache()))
                .withMessage("No value for parameter :age in: select * from pets where age > :age or :age is null");
    }

    @Test
    void aValueWithNoParameterIsNamedWithTheParametersThereAre() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> named.bind(QueryOptions.noCache().param("agee", 3)))
                .withMessage("Value given for :agee but the statement has no parameter :agee; its parameters are [:age]");
    }

    @Test
    void anExtraValueIsNamedEvenWhenTheCountMatchesTheRepeatedPlaceholders() {
        // :age appears twice: two values given, one of them for no parameter
        assertThatIllegalArgumentException()
                .isThrownBy(() -> named.bind(QueryOptions.noCache().param("age", 3).param("owner", "Ann")))
                .withMessage("Value given for :owner but the statement has no parameter :owner; its parameters are [:age]");
    }

    @Test
    void positionalArgumentsForNamedParametersAreAnError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> named.bind(QueryOptions.noCache().args(3)))
                .withMessage("1 positional argument given but the statement has named parameters [:age];"
                        + " give their values by name, in: select * from pets where age > :age or :age is null");
    }

    @Test
    void positionalArgumentsBindInOrder() {
        ParsedStatement parsed = ParsedStatement.parse("select ?, ?");

        assertThat(parsed.bind(QueryOptions.noCache().args("a", null))).containsExactly("a", null);
    }

    @Test
    void theNumberOfArgumentsMustMatchThePlaceholders() {
        ParsedStatement parsed = ParsedStatement.parse("select ?, ?");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> parsed.bind(QueryOptions.noCache().args(1, 2, 3)))
                .withMessage("The statement has 2 ? placeholders but 3 arguments were given, in: select ?, ?");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ParsedStatement.parse("select ?").bind(QueryOptions.noCache()))
                .withMessage("The statement has 1 ? placeholder but 0 arguments were given, in: select ?");
    }

    @Test
    void namedValuesForPositionalPlaceholdersAreAnError() {
        ParsedStatement parsed = ParsedStatement.parse("select ?, ?");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> parsed.bind(QueryOptions.noCache().param("a", 1)))
                .withMessage("Value given for :a but the statement has no named parameters; it has 2 ?"
                        + " placeholders, bound by position with args(...), in: select ?, ?");
    }

    @Test
    void aStatementWithoutParametersTakesNoValues() {
        ParsedStatement parsed = ParsedStatement.parse("select 1");

        assertThat(parsed.bind(QueryOptions.noCache())).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parsed.bind(QueryOptions.noCache().param("a", 1)))
                .withMessage("Value given for :a but the statement has no parameters, in: select 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parsed.bind(QueryOptions.noCache().args(1)))
                .withMessage("The statement has 0 ? placeholders but 1 argument was given, in: select 1");
    }

    @Test
    void aLongStatementIsShortenedInMessages() {
        char[] filler = new char[300];
        Arrays.fill(filler, 'x');
        String sql = "select :a, '" + new String(filler) + "'";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ParsedStatement.parse(sql).bind(QueryOptions.noCache()))
                .withMessage("No value for parameter :a in: " + sql.substring(0, 200) + "…");
    }
}
