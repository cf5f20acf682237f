package io.connectionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queries, updates and batches on H2, with values bound the way users pass them. */
class JdbcStatementsTest {

    enum Species { CAT, DOG }

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:");
        run("create table pets (id integer primary key, name varchar(20), species varchar(10), weight decimal(10, 2))");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private void run(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private QueryResult query(String sql, QueryOptions options) throws SQLException {
        ParsedStatement statement = ParsedStatement.parse(sql);
        return JdbcStatements.query(connection, statement, statement.bind(options), null);
    }

    private int execute(String sql, Object... args) throws SQLException {
        ParsedStatement statement = ParsedStatement.parse(sql);
        return JdbcStatements.execute(connection, statement, statement.bind(QueryOptions.noCache().args(args)), null);
    }

    @Test
    void executeReturnsTheUpdateCount() throws SQLException {
        assertThat(execute("insert into pets values (?, ?, ?, ?)", 1, "Rex", Species.DOG, new BigDecimal("12.50")))
                .isEqualTo(1);
        assertThat(execute("insert into pets (id, name) values (2, 'Tom'), (3, 'Kit')")).isEqualTo(2);

        assertThat(execute("update pets set weight = ? where id > ?", 3, 1)).isEqualTo(2);
        assertThat(execute("delete from pets where name = ?", "nobody")).isZero();
        assertThat(execute("create table other (id int)")).isZero();
    }

    @Test
    void batchRunsTheStatementOncePerRowAndReturnsEachCount() throws SQLException {
        ParsedStatement insert = ParsedStatement.parse("insert into pets (id, name, species) values (:id, :name, :species)");
        List<List<Object>> rows = List.of(
                insert.bind(QueryOptions.noCache().params(Map.of("id", 1, "name", "Rex", "species", Species.DOG))),
                insert.bind(QueryOptions.noCache().params(Map.of("id", 2, "name", "Tom", "species", Species.CAT))),
                insert.bind(QueryOptions.noCache().param("id", 3).param("name", null).param("species", null)));

        assertThat(JdbcStatements.batch(connection, insert, rows, null)).containsExactly(1, 1, 1);
        assertThat(JdbcStatements.batch(connection, ParsedStatement.parse("update pets set name = :n where id = :id"),
                List.of(Arrays.asList("Max", 1), Arrays.asList("Max", 99)), null)).containsExactly(1, 0);
        assertThat(JdbcStatements.batch(connection, insert, List.of(), null)).isEmpty();

        QueryResult pets = query("select id, name, species from pets order by id", QueryOptions.noCache());
        assertThat(pets.toMaps()).containsExactly(
                Map.of("ID", 1L, "NAME", "Max", "SPECIES", "DOG"),
                Map.of("ID", 2L, "NAME", "Tom", "SPECIES", "CAT"),
                pets.row(2).toMap());
        assertThat(pets.row(2).values()).containsExactly(3L, null, null);
    }

    @Test
    void aQueryBindsNamedParametersIncludingRepeats() throws SQLException {
        execute("insert into pets (id, name) values (1, 'Rex'), (2, 'Tom'), (3, 'Kit')");

        QueryResult result = query("select name from pets where id >= :low and (id < :high or :high is null) order by id",
                QueryOptions.noCache().param("low", 2).param("high", null));

        assertThat(result.stream().map(row -> row.get("name"))).containsExactly("Tom", "Kit");
    }

    @Test
    void javaValuesAreBoundAsTheirSqlCounterparts() throws SQLException {
        run("""
                create table things (d date, t time, ts timestamp, tz timestamp with time zone, u uuid,
                  b varbinary(4), e varchar(10), c char(1), big numeric(30), flag boolean, n integer)""");
        ParsedStatement insert = ParsedStatement.parse("insert into things values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        UUID uuid = UUID.randomUUID();
        BigInteger big = new BigInteger("123456789012345678901234567890");

        JdbcStatements.execute(connection, insert, Arrays.asList(LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 58),
                LocalDateTime.of(2024, 2, 29, 23, 59, 58, 5_000), OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0,
                        ZoneOffset.ofHours(-5)), uuid, new byte[] {9, 8}, Species.CAT, 'x', big, true, null), null);
        JdbcStatements.execute(connection, insert, Arrays.asList(null, null, null,
                Instant.parse("2024-01-01T17:00:00Z"), null, null, null, null, null, null, null), null);
        JdbcStatements.execute(connection, insert, Arrays.asList(null, null, null,
                ZonedDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneId.of("Europe/Paris")), null, null, null, null, null, null, null), null);

        QueryResult result = query("select * from things", QueryOptions.noCache());
        assertThat(result.row(0).values()).containsExactly(LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 58),
                LocalDateTime.of(2024, 2, 29, 23, 59, 58, 5_000),
                OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-5)), uuid, new byte[] {9, 8},
                "CAT", "x", new BigDecimal(big), true, null);
        assertThat(((OffsetDateTime) result.get(1, "tz")).toInstant()).isEqualTo(Instant.parse("2024-01-01T17:00:00Z"));
        assertThat(result.get(2, "tz")).isEqualTo(OffsetDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)));
    }

    @Test
    void aWriteSentToQueryIsRefusedBeforeItRuns() throws SQLException {
        execute("insert into pets (id, name) values (1, 'Rex')");

        for (String write : List.of("delete from pets", "  /* tidy */ UPDATE pets set name = 'Max'",
                "insert into pets (id) values (2)", "create table other (id int)", "drop table pets")) {
            assertThatThrownBy(() -> query(write, QueryOptions.noCache()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("query(...) and stream(...) run statements that return rows, and query(...) caches"
                            + " their results, but this text has a statement that changes data and returns none; it"
                            + " was not run. Run it with execute(...), then query(...) for what to read, or both in"
                            + " transaction(...); or add RETURNING to have a write return rows: " + write.strip());
        }

        assertThat(query("select id, name from pets", QueryOptions.noCache()).row(0).values()).containsExactly(1L, "Rex");
        assertThat(query("select count(*) as n from final table (insert into pets (id, name) values (3, 'Tom'))",
                QueryOptions.noCache()).get(0, "n")).as("a write that returns rows").isEqualTo(1L);
    }

    @Test
    void aStatementThatReturnsNoResultSetIsNotAQuery() {
        assertThatThrownBy(() -> query("set @x = 1", QueryOptions.noCache()))
                .isInstanceOf(SQLException.class)
                .hasMessage("The statement returned no result set, not even an empty one; run statements that change"
                        + " data with execute(...), not query(...)");
    }

    @Test
    void aListInInIsExpandedIntoOnePlaceholderPerElement() throws SQLException {
        execute("insert into pets (id, name) values (1, 'Rex'), (2, 'Tom'), (3, 'Kit')");

        assertThat(query("select name from pets where id in (:ids) order by id", QueryOptions.noCache()
                .param("ids", List.of(1, 3))).stream().map(row -> row.get(0))).containsExactly("Rex", "Kit");
        assertThat(query("select name from pets where id NOT IN( ? ) and name <> ? order by id", QueryOptions.noCache()
                .args(new Long[] {1L}, "Kit")).stream().map(row -> row.get(0))).containsExactly("Tom");
        assertThat(query("select name from pets where id in (:ids) or name in (:names) order by id", QueryOptions
                .noCache().param("ids", Arrays.asList(1, null)).param("names", "Kit")).stream().map(row -> row.get(0)))
                .containsExactly("Rex", "Kit");
        assertThat(query("select name from pets where id in (:ids) order by id", QueryOptions.noCache()
                .param("ids", new long[] {2, 3})).stream().map(row -> row.get(0))).containsExactly("Tom", "Kit");
        assertThat(execute("delete from pets where id in (?)", List.of(2, 3))).isEqualTo(2);
        assertThatThrownBy(() -> query("select name from pets where id in (:ids)", QueryOptions.noCache()
                .param("ids", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An empty list was given for :ids in IN (...), which SQL cannot write: leave the condition"
                        + " out when the list is empty, in: select name from pets where id in (:ids)");
    }

    @Test
    void theDriversErrorIsThrownAsItIs() {
        assertThatThrownBy(() -> query("select * form pets", QueryOptions.noCache()))
                .isInstanceOf(SQLSyntaxErrorException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
    }

    @Test
    void positionalArgumentsAreBoundInOrder() throws SQLException {
        QueryResult result = query("select ? as a, ? as b, cast(? as int) as c", QueryOptions.noCache().args("x", 2, null));

        assertThat(result.row(0).values()).containsExactly("x", 2L, null);
    }
}
