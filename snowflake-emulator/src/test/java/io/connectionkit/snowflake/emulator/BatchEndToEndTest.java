package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchEndToEndTest {
    private static final String INSERT =
            "insert into readings (id, sensor, amount, taken_on, taken_at, ok) values (?, ?, ?, ?, ?, ?)";

    private SnowflakeEmulator emulator;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        emulator = SnowflakeEmulator.start();
        connection = Jdbc.connect(emulator, "emulator", "emulator");
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table readings (id number, sensor varchar, amount number(10,2), "
                            + "taken_on date, taken_at timestamp_ntz, ok boolean)");
        }
        emulator.clearStatements();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @Test
    void sendsABatchOfTenThousandRowsAsOneRequest() throws SQLException {
        int rows = 10_000;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                if (i % 100 == 0) {
                    insert.setNull(2, Types.VARCHAR);
                } else {
                    insert.setString(2, "sensor-" + (i % 7));
                }
                insert.setBigDecimal(3, BigDecimal.valueOf(i, 2));
                insert.setDate(4, Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(i % 365)));
                insert.setTimestamp(
                        5, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i)));
                insert.setBoolean(6, i % 2 == 0);
                insert.addBatch();
            }

            int[] counts = insert.executeBatch();

            assertThat(counts).hasSize(rows);
            assertThat(Arrays.stream(counts).allMatch(count -> count == 1)).isTrue();
        }

        assertThat(emulator.statements())
                .containsExactly(
                        new ReceivedStatement(
                                INSERT, rows, emulator.statements().get(0).sessionId()));
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery(
                                "select count(*), count(sensor), sum(amount), "
                                        + "max(taken_at), count_if(ok) from readings")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(rows);
            assertThat(result.getLong(2)).isEqualTo(rows - rows / 100);
            assertThat(result.getBigDecimal(3)).isEqualByComparingTo("499950.00");
            assertThat(result.getTimestamp(4).toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(rows - 1));
            assertThat(result.getLong(5)).isEqualTo(rows / 2);
        }
    }

    @Test
    void countsTheRowsOfABatchOfUpdates() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "insert into readings (id, sensor) values (1, 'a'), (2, 'b'), " + "(3, 'c')");
        }
        emulator.clearStatements();
        try (PreparedStatement update =
                connection.prepareStatement("update readings set sensor = ? where id = ?")) {
            for (int id = 1; id <= 3; id++) {
                update.setString(1, "new-" + id);
                update.setInt(2, id);
                update.addBatch();
            }

            assertThat(update.executeBatch()).containsExactly(1, 1, 1);
        }

        assertThat(emulator.statements())
                .extracting(ReceivedStatement::bindRows)
                .containsExactly(3);
    }

    @Test
    void runsAllOrNoneOfABatchThatFails() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table strict (id number not null)");
        }
        try (PreparedStatement insert =
                connection.prepareStatement("insert into strict (id) values (?)")) {
            insert.setInt(1, 1);
            insert.addBatch();
            insert.setNull(1, Types.INTEGER);
            insert.addBatch();

            SQLException failed = catchThrowableOfType(SQLException.class, insert::executeBatch);

            assertThat(failed.getErrorCode()).isEqualTo(100072);
        }
        assertThat(
                        emulator.execute(
                                SnowflakeEmulator.DEFAULT_DATABASE, "select count(*) from strict"))
                .isEqualTo(List.of(List.of(BigDecimal.ZERO)));
    }
}
