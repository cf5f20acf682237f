package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryExceptionTest {

    private static final String NL = System.lineSeparator();
    private static final String SQL = "select * form pets where owner = :owner";
    private static final ConnectionConfig NO_SECRETS = ConnectionConfig.empty("connections.pets");
    private static final ConnectionConfig ORDERS = ConnectionConfig.of("connections.pets", Map.of("password", "orders"));

    @Test
    void ofReadsSqlStateVendorCodeAndTheStatement() {
        SQLSyntaxErrorException syntax = new SQLSyntaxErrorException("You have an error in your SQL syntax near 'form pets'",
                "42000", 1064);

        QueryException e = QueryException.of(SQL, syntax, NO_SECRETS);

        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.vendorCode()).isEqualTo(1064);
        assertThat(e.sql()).isEqualTo(SQL);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasCause(syntax).isInstanceOf(ConnectionException.class)
                .hasMessage("Query failed [SQL state 42000, vendor code 1064]: You have an error in your SQL syntax"
                        + " near 'form pets'" + NL + "SQL: " + SQL);
    }

    @Test
    void ofFindsTheSqlExceptionInsideAWrapper() {
        SQLException unique = new SQLIntegrityConstraintViolationException("duplicate key value violates unique constraint",
                "23505", 0);

        QueryException e = QueryException.of("insert into pets values (?)", new IllegalStateException("insert failed", unique), NO_SECRETS);

        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasMessageStartingWith("Query failed [SQL state 23505, vendor code 0]: insert failed");
    }

    @Test
    void ofWithoutAnSqlExceptionHasNoStateAndNoCode() {
        QueryException e = QueryException.of(null, new IOException(), NO_SECRETS);

        assertThat(e.sqlState()).isNull();
        assertThat(e.vendorCode()).isZero();
        assertThat(e.sql()).isNull();
        assertThat(e).hasMessage("Query failed: java.io.IOException");
    }

    @Test
    void ofShortensAVeryLongStatement() {
        String sql = "select " + "x, ".repeat(300) + "y from t";

        QueryException e = QueryException.of(sql, new SQLException("boom"), NO_SECRETS);

        assertThat(e.sql()).isEqualTo(sql);
        assertThat(e.getMessage()).endsWith("SQL: " + sql.substring(0, 500) + "…");
    }

    @Test
    void ofReturnsAQueryExceptionAsItIs() {
        QueryException original = QueryException.of("select 1", new SQLException("boom"), NO_SECRETS);

        assertThat(QueryException.of("select 2", original, NO_SECRETS)).isSameAs(original);
        assertThatNullPointerException().isThrownBy(() -> QueryException.of("select 1", null, NO_SECRETS)).withMessage("error");
        assertThatNullPointerException().isThrownBy(() -> QueryException.of("select 1", original, null)).withMessage("config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08S01", "57P01"})
    void connectionLossStatesAreTransient(String state) {
        QueryException e = QueryException.of("select 1", new SQLException("connection lost", state), NO_SECRETS);

        assertThat(e.isTransient()).isTrue();
        assertThat(QueryException.isTransient(new RuntimeException("wrapped", new SQLException("lost", state)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42000", "42601", "23505", "22012", "57014", "40001"})
    void otherStatesAreNotTransient(String state) {
        assertThat(QueryException.of("select 1", new SQLException("failed", state), NO_SECRETS).isTransient()).isFalse();
    }

    @Test
    void transientExceptionClassesAreTransientAnywhereInTheChain() {
        assertThat(QueryException.isTransient(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(QueryException.isTransient(new SQLRecoverableException("socket reset"))).isTrue();
        assertThat(QueryException.isTransient(new SQLException("outer", "HY000",
                new IllegalStateException("middle", new SQLRecoverableException("socket reset"))))).isTrue();
    }

    @Test
    void plainFailuresAreNotTransient() {
        assertThat(QueryException.isTransient(new SQLException("no state"))).isFalse();
        assertThat(QueryException.isTransient(new IOException("disk full"))).isFalse();
        assertThat(QueryException.isTransient(null)).isFalse();
    }

    @Test
    void aQueryExceptionInTheChainKeepsItsClassification() {
        QueryException lost = QueryException.of("select 1", new SQLException("lost", "08006"), NO_SECRETS);

        assertThat(QueryException.isTransient(new RuntimeException(lost))).isTrue();
        assertThat(QueryException.of("select 1", new RuntimeException(lost), NO_SECRETS).isTransient()).isTrue();
    }

    @Test
    void stateCodeAndClassificationAreReadBeforeTheChainIsMasked() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException(
                "duplicate key value violates unique constraint \"orders_pkey\"", "23505", 1062);
        IllegalStateException failed = new IllegalStateException("insert failed", duplicate);

        QueryException e = QueryException.of("insert into t values (1)", failed, ORDERS);

        assertThat(e.getCause()).as("a masked copy").isNotSameAs(failed).hasMessage("insert failed");
        assertThat(e.getCause().getCause()).hasMessage("duplicate key value violates unique constraint \"****_pkey\"")
                .hasToString(SQLIntegrityConstraintViolationException.class.getName()
                        + ": duplicate key value violates unique constraint \"****_pkey\" [secrets masked]");
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.vendorCode()).isEqualTo(1062);
        assertThat(e.isTransient()).isFalse();
        assertThat(e).hasMessageStartingWith("Query failed [SQL state 23505, vendor code 1062]: insert failed");
    }

    @Test
    void theDriversMessageIsMaskedInTheQueryExceptionsOwn() {
        QueryException e = QueryException.of("select 1", new SQLException("no access for orders", "28000"), ORDERS);

        assertThat(e).hasMessage("Query failed [SQL state 28000, vendor code 0]: no access for ****" + NL + "SQL: select 1");
        assertThat(e.getCause()).hasMessage("no access for ****");
    }

    /** What the class comment promises: we add no bound value, the database's words may repeat one. */
    @Test
    void theDatabasesMessageMayRepeatABoundValueThatIsNoSecretButNeverASecret() {
        SQLException invalid = new SQLException("invalid input syntax for type integer: \"12ab\" near orders", "22P02");

        QueryException e = QueryException.of("select * from pets where id = :id", invalid, ORDERS);

        assertThat(e).hasMessage("Query failed [SQL state 22P02, vendor code 0]: invalid input syntax for type integer:"
                + " \"12ab\" near ****" + NL + "SQL: select * from pets where id = :id");
        assertThat(e.sql()).isEqualTo("select * from pets where id = :id");
    }

    @Test
    void aStatementThatQuotesASecretIsMaskedInTheMessageAndKeptAsWrittenInSql() {
        String sql = "alter user app password 'orders'";

        QueryException e = QueryException.of(sql, new SQLException("permission denied", "42501"), ORDERS);

        assertThat(e).hasMessageEndingWith("SQL: alter user app password '****'");
        assertThat(e.sql()).isEqualTo(sql);
    }

    @Test
    void aTransientFailureStaysTransientOnceMasked() {
        for (SQLException lost : List.of(new SQLException("I/O error talking to orders", "08006"),
                new SQLException("terminating connection of orders", "57P01"),
                new SQLTransientConnectionException("pool orders timed out"),
                new SQLRecoverableException("socket to orders reset"))) {
            RuntimeException failed = new RuntimeException("query failed", lost);

            QueryException e = QueryException.of("select 1", failed, ORDERS);
            ConnectionException wrapped = new ConnectionException("Could not connect", ORDERS.redact(failed),
                    QueryException.isTransient(failed));

            assertThat(e.getCause().getCause()).as("a copy").isNotSameAs(lost).hasMessageNotContaining("orders");
            assertThat(e.isTransient()).as(lost.toString()).isTrue();
            assertThat(QueryException.isTransient(wrapped)).as(lost.toString()).isTrue();
            assertThat(QueryException.isTransient(new IllegalStateException(wrapped))).as(lost.toString()).isTrue();
        }
        assertThat(QueryException.of("select 1", new SQLException("orders: syntax error", "42601"), ORDERS).isTransient())
                .isFalse();
    }

    @Test
    void aCauseChainThatLoopsIsWalkedOnce() {
        Exception a = new Exception("a");
        Exception b = new Exception("b");
        a.initCause(b);
        b.initCause(a);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(QueryException.isTransient(a)).isFalse();
            assertThat(QueryException.of("select 1", a, NO_SECRETS).sqlState()).isNull();
        });
    }

    @Test
    void constructorKeepsEveryField() {
        SQLException cause = new SQLException("expired", null, 390114);

        QueryException e = new QueryException("Session expired", "select 1", null, 390114, true, cause);

        assertThat(e).hasMessage("Session expired").hasCause(cause);
        assertThat(e.sql()).isEqualTo("select 1");
        assertThat(e.sqlState()).isNull();
        assertThat(e.vendorCode()).isEqualTo(390114);
        assertThat(e.isTransient()).isTrue();
    }
}
