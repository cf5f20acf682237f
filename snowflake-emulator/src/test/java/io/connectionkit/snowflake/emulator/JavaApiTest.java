package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaApiTest {

    @Test
    void runsStatementsDirectlyAndAnswersJavaValues() throws SQLException {
        try (SnowflakeEmulator emulator = SnowflakeEmulator.builder().database("pets").start()) {
            assertThat(
                            emulator.execute(
                                    "PETS",
                                    "create table owners (id number, name varchar, "
                                            + "born date)"))
                    .containsExactly(List.of("Table OWNERS successfully created."));
            assertThat(
                            emulator.execute(
                                    "pets", "insert into owners values (1, 'ann', '2001-02-03')"))
                    .containsExactly(List.of(BigDecimal.ONE));

            assertThat(emulator.execute("PETS", "select id, name, born from owners"))
                    .containsExactly(List.of(BigDecimal.ONE, "ann", LocalDate.of(2001, 2, 3)));
            assertThat(emulator.statements()).isEmpty();
        }
    }

    @Test
    void reportsAFailedStatementWithSnowflakesCodeAndState() {
        try (SnowflakeEmulator emulator = SnowflakeEmulator.start()) {
            SQLException missing =
                    catchThrowableOfType(
                            SQLException.class,
                            () ->
                                    emulator.execute(
                                            SnowflakeEmulator.DEFAULT_DATABASE,
                                            "select * from nowhere"));

            assertThat(missing.getErrorCode()).isEqualTo(2003);
            assertThat(missing.getSQLState()).isEqualTo("42S02");
        }
    }

    @Test
    void refusesADatabaseThatDoesNotExist() {
        try (SnowflakeEmulator emulator = SnowflakeEmulator.start()) {
            assertThatThrownBy(() -> emulator.execute("NOWHERE", "select 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("NOWHERE");
        }
    }

    @Test
    void givesAJdbcUrlWithItsPortAndAccount() {
        try (SnowflakeEmulator emulator = SnowflakeEmulator.builder().account("testacc").start()) {
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.account()).isEqualTo("TESTACC");
            assertThat(emulator.jdbcUrl())
                    .isEqualTo(
                            "jdbc:snowflake://127.0.0.1:"
                                    + emulator.port()
                                    + "/?ssl=off&account=TESTACC");
        }
    }

    @Test
    void failsToStartOnAPortInUse() {
        try (SnowflakeEmulator first = SnowflakeEmulator.start()) {
            assertThatThrownBy(() -> SnowflakeEmulator.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void refusesAFaultWithANegativeCount() {
        try (SnowflakeEmulator emulator = SnowflakeEmulator.start()) {
            assertThatThrownBy(() -> emulator.faults().failNextQueries(-1, "000630", "57014", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
