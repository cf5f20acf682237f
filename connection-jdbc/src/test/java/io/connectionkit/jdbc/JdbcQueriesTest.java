package io.connectionkit.jdbc;

import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.QueryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The retry loop as a connector sees it: its {@link ConnectionSource} classifies the driver's
 * errors, and {@link JdbcQueries} decides from that and the statement whether another attempt is
 * safe. The failures are real: an H2 function that throws the error a test sets up, a given
 * number of times.
 */
public class JdbcQueriesTest { // public: H2 calls its flaky function

    /** The vendor code H2's function throws with; the test's source classifies it. */
    private static final int EXPIRED = 390114;
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    private final String url = "jdbc:h2:mem:jdbc_queries_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private final AtomicInteger replaced = new AtomicInteger();
    private final AtomicInteger borrowed = new AtomicInteger();
    private Connection keepAlive;

    /** What the queries are for; the retries it logs are the tests' own, kept off the console (logback-test.xml). */
    private record Owner() {
        @Override
        public String toString() {
            return "test connection";
        }
    }

    /** Called by H2 as {@code flaky(x)}: throws while failures are left, else returns {@code x}. */
    public static int flaky(int value) throws SQLException {
        if (FAILURES_LEFT.getAndDecrement() > 0) {
            throw new SQLException("Session token expired", "08001", EXPIRED);
        }
        return value;
    }

    @BeforeEach
    void createTable() throws SQLException {
        keepAlive = DriverManager.getConnection(url);
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("create table pets (id int)");
            statement.execute("create alias flaky for \"" + JdbcQueriesTest.class.getName() + ".flaky\"");
        }
        FAILURES_LEFT.set(0);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    private JdbcQueries queries(FailureKind kindOfExpiry) {
        ConnectionSource source = new ConnectionSource() {
            @Override
            public Lender lender() {
                return new Lender() {
                    @Override
                    public Connection borrow() throws SQLException {
                        borrowed.incrementAndGet();
                        return DriverManager.getConnection(url);
                    }

                    @Override
                    public void giveBack(Connection connection, boolean cancelSent) throws SQLException {
                        connection.close();
                    }

                    @Override
                    public void replaceConnections(QueryException failure, int attempt) {
                        replaced.incrementAndGet();
                    }
                };
            }

            @Override
            public FailureKind classify(SQLException error) {
                for (Throwable t = error; t != null; t = t.getCause()) {
                    if (t instanceof SQLException e && e.getErrorCode() == EXPIRED) {
                        return kindOfExpiry;
                    }
                }
                return FailureKind.PERMANENT;
            }
        };
        return JdbcQueries.builder(source, ConnectionConfig.empty("connections.test"), new Owner())
                .retryWithin(Duration.ofSeconds(10), "login_timeout").build();
    }

    private long rows() throws SQLException {
        try (Statement statement = keepAlive.createStatement(); var result = statement.executeQuery("select count(*) from pets")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void aWriteTheDatabaseRefusedUnrunIsRunAgainOnNewConnections() throws SQLException {
        FAILURES_LEFT.set(1);

        int count = queries(FailureKind.NOT_RUN).execute("insert into pets values (flaky(:id))", QueryOptions.noCache().param("id", 7));

        assertThat(count).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
        assertThat(borrowed).hasValue(2);
        assertThat(replaced).hasValue(1);
    }

    @Test
    void aBatchTheDatabaseRefusedWholeIsRunAgain() throws SQLException {
        FAILURES_LEFT.set(2); // H2 runs each row: both refused

        int[] counts = queries(FailureKind.NOT_RUN).batch("insert into pets values (flaky(:id))",
                List.of(Map.of("id", 1), Map.of("id", 2)));

        assertThat(counts).containsExactly(1, 1);
        assertThat(rows()).isEqualTo(2);
        assertThat(borrowed).hasValue(2);
    }

    @Test
    void aBatchOfWhichSomeRowsRanIsNotRunAgain() throws SQLException {
        FAILURES_LEFT.set(1); // the first row refused, the second written
        JdbcQueries queries = queries(FailureKind.NOT_RUN);

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> queries.batch("insert into pets values (flaky(:id))",
                        List.of(Map.of("id", 1), Map.of("id", 2))))
                .satisfies(e -> assertThat(e.isTransient()).isFalse())
                .withMessageContaining("some rows of the batch ran before it; it was not run again");
        assertThat(rows()).isEqualTo(1);
        assertThat(borrowed).hasValue(1);
    }

    @Test
    void aWriteThatLostItsConnectionOnceSentIsNotRunAgain() throws SQLException {
        FAILURES_LEFT.set(1);
        JdbcQueries queries = queries(FailureKind.CONNECTION_LOST);

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> queries.execute("insert into pets values (flaky(1))", QueryOptions.noCache()))
                .satisfies(e -> assertThat(e.isTransient()).isFalse())
                .withMessageContaining("it may change data; it was not run again");
        assertThat(rows()).isZero();
        assertThat(borrowed).hasValue(1);
    }

    @Test
    void aReadThatLostItsConnectionIsRunAgain() {
        FAILURES_LEFT.set(2);

        var result = queries(FailureKind.CONNECTION_LOST).query("select flaky(5) as five", QueryOptions.noCache());

        assertThat(result.get(0, "FIVE")).isEqualTo(5L);
        assertThat(borrowed).hasValue(3);
        assertThat(replaced).hasValue(2);
    }

    @Test
    void aFailureTheConnectorCallsPermanentIsThrownAtOnceAndNotTransientWhateverItsSqlState() {
        FAILURES_LEFT.set(1);
        JdbcQueries queries = queries(FailureKind.PERMANENT);

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> queries.query("select flaky(5) as five", QueryOptions.noCache()))
                .satisfies(e -> assertThat(e.isTransient()).as("SQL state 08001, yet permanent").isFalse())
                .satisfies(e -> assertThat(e.sql()).isEqualTo("select flaky(5) as five"));
        assertThat(borrowed).hasValue(1);
        assertThat(replaced).hasValue(0);
    }

    @Test
    void threeAttemptsAtMost() {
        FAILURES_LEFT.set(5);
        JdbcQueries queries = queries(FailureKind.NOT_RUN);

        assertThatExceptionOfType(QueryException.class)
                .isThrownBy(() -> queries.query("select flaky(5) as five", QueryOptions.noCache()))
                .satisfies(e -> assertThat(e.isTransient()).isTrue());
        assertThat(borrowed).hasValue(3);
    }
}
