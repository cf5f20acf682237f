package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypesEndToEndTest {
    private static final String COLUMNS =
            "n number(10,2), i int, f float, s varchar(20), "
                    + "b boolean, d date, t time, ntz timestamp_ntz, ltz timestamp_ltz, tz timestamp_tz, "
                    + "bin binary, v variant";

    private static SnowflakeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = SnowflakeEmulator.builder().database("TYPES").start();
        connection = Jdbc.connect(emulator, "emulator", "emulator", "db", "TYPES");
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table everything (" + COLUMNS + ")");
        }
    }

    @Test
    void readsBackEachTypeWrittenAsALiteral() throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "insert into everything values (1.50, 7, 2.5, 'text', true, "
                            + "'2024-02-03', '04:05:06', '2024-02-03 04:05:06.123456789', "
                            + "'2024-02-03 04:05:06.123456789 +02:00', '2024-02-03 04:05:06.123456789 +02:00', "
                            + "X'CAFE', parse_json('{\"a\": 1}'))");
        }

        assertRowHoldsTheSampleValues();
    }

    @Test
    void readsBackEachTypeBound() throws Exception {
        try (PreparedStatement insert =
                connection.prepareStatement(
                        "insert into everything values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setBigDecimal(1, new BigDecimal("1.50"));
            insert.setLong(2, 7);
            insert.setDouble(3, 2.5);
            insert.setString(4, "text");
            insert.setBoolean(5, true);
            insert.setDate(6, Date.valueOf("2024-02-03"));
            // The driver binds a Time's time of day in UTC (and reads one back as local time).
            insert.setTime(7, new Time(LocalTime.of(4, 5, 6).toNanoOfDay() / 1_000_000));
            insert.setTimestamp(8, Timestamp.valueOf("2024-02-03 04:05:06.123456789"));
            insert.setTimestamp(9, Timestamp.from(Instant.parse("2024-02-03T02:05:06.123456789Z")));
            insert.setTimestamp(
                    10, Timestamp.from(Instant.parse("2024-02-03T02:05:06.123456789Z")));
            insert.setBytes(11, new byte[] {(byte) 0xCA, (byte) 0xFE});
            insert.setString(12, "{\"a\": 1}");

            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        assertRowHoldsTheSampleValues();
    }

    private void assertRowHoldsTheSampleValues() throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from everything")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getObject("N")).isEqualTo(new BigDecimal("1.50"));
            assertThat(rows.getObject("I")).isEqualTo(7L);
            assertThat(rows.getInt("I")).isEqualTo(7);
            assertThat(rows.getObject("F")).isEqualTo(2.5);
            assertThat(rows.getObject("S")).isEqualTo("text");
            assertThat(rows.getObject("B")).isEqualTo(true);
            assertThat(rows.getDate("D").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 3));
            assertThat(rows.getTime("T").toLocalTime()).isEqualTo(LocalTime.of(4, 5, 6));
            assertThat(rows.getTimestamp("NTZ").toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(2024, 2, 3, 4, 5, 6, 123_456_789));
            assertThat(rows.getTimestamp("LTZ").toInstant())
                    .isEqualTo(Instant.parse("2024-02-03T02:05:06.123456789Z"));
            assertThat(rows.getTimestamp("TZ").toInstant())
                    .isEqualTo(Instant.parse("2024-02-03T02:05:06.123456789Z"));
            assertThat(rows.getBytes("BIN")).containsExactly(0xCA, 0xFE);
            assertThat(new ObjectMapper().readTree(rows.getString("V")))
                    .isEqualTo(new ObjectMapper().readTree("{\"a\": 1}"));
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void keepsTheOffsetOfATimestampWithTimeZone() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "insert into everything (tz) values ('2024-02-03 04:05:06 +02:00')");
            try (ResultSet rows = statement.executeQuery("select tz from everything")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("2024-02-03 04:05:06.000 +0200");
            }
        }
    }

    @Test
    void bindsNullOfEachType() throws SQLException {
        int[] types = {
            Types.DECIMAL,
            Types.BIGINT,
            Types.DOUBLE,
            Types.VARCHAR,
            Types.BOOLEAN,
            Types.DATE,
            Types.TIME,
            Types.TIMESTAMP,
            Types.TIMESTAMP,
            Types.TIMESTAMP,
            Types.BINARY,
            Types.VARCHAR
        };
        try (PreparedStatement insert =
                connection.prepareStatement(
                        "insert into everything values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < types.length; i++) {
                insert.setNull(i + 1, types[i]);
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from everything")) {
            assertThat(rows.next()).isTrue();
            for (int i = 1; i <= types.length; i++) {
                assertThat(rows.getObject(i)).as("column %d", i).isNull();
            }
        }
    }

    @Test
    void selectsRowsByBoundValuesOfEachType() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "insert into everything (i, s, d, b) values "
                            + "(1, 'one', '2024-01-01', true), (2, 'two', '2024-01-02', false)");
        }
        try (PreparedStatement select =
                connection.prepareStatement(
                        "select i from everything where s = ? and d = ? and b = ? and i > ?")) {
            select.setString(1, "two");
            select.setDate(2, Date.valueOf("2024-01-02"));
            select.setBoolean(3, false);
            select.setInt(4, 1);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(2);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void describesColumnsWithSnowflakeTypes() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from everything")) {
            ResultSetMetaData metaData = rows.getMetaData();
            String[] names = new String[metaData.getColumnCount()];
            for (int i = 0; i < names.length; i++) {
                names[i] = metaData.getColumnName(i + 1) + " " + metaData.getColumnTypeName(i + 1);
            }
            assertThat(names)
                    .containsExactly(
                            "N NUMBER",
                            "I NUMBER",
                            "F DOUBLE",
                            "S VARCHAR",
                            "B BOOLEAN",
                            "D DATE",
                            "T TIME",
                            "NTZ TIMESTAMPNTZ",
                            "LTZ TIMESTAMPLTZ",
                            "TZ TIMESTAMPTZ",
                            "BIN BINARY",
                            "V VARIANT");
            assertThat(metaData.getScale(1)).isEqualTo(2);
            assertThat(metaData.getPrecision(1)).isEqualTo(10);
            assertThat(metaData.getScale(2)).isZero();
        }
    }

    @Test
    void readsPlainTimestampAsTimestampNtz() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "create or replace table plain (at timestamp, amount integer, "
                            + "label string, note text, ratio real)");
            try (ResultSet rows = statement.executeQuery("select * from plain")) {
                ResultSetMetaData metaData = rows.getMetaData();
                assertThat(metaData.getColumnTypeName(1)).isEqualTo("TIMESTAMPNTZ");
                assertThat(metaData.getColumnTypeName(2)).isEqualTo("NUMBER");
                assertThat(metaData.getColumnTypeName(3)).isEqualTo("VARCHAR");
                assertThat(metaData.getColumnTypeName(4)).isEqualTo("VARCHAR");
                assertThat(metaData.getColumnTypeName(5)).isEqualTo("DOUBLE");
            }
        }
    }

    @Test
    void castsWithTheDoubleColonOperator() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "select '2024-02-03'::date as d, 42::varchar as s, '1.5'::number(5,1) as n")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getDate("D").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 3));
            assertThat(rows.getObject("S")).isEqualTo("42");
            assertThat(rows.getObject("N")).isEqualTo(new BigDecimal("1.5"));
        }
    }
}
