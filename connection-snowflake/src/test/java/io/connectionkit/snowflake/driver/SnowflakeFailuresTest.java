package io.connectionkit.snowflake.driver;

import io.connectionkit.jdbc.FailureKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the driver's vendor codes mean for another attempt. */
class SnowflakeFailuresTest {

    @ParameterizedTest
    @ValueSource(ints = {390110, 390111, 390112, 390113, 390114, 390115, 390400, 200015})
    void sessionExpiredGoneOrNetworkFailedLosesTheSession(int code) {
        assertThat(SnowflakeFailures.classify(new SQLException("lost", "08001", code))).isEqualTo(FailureKind.CONNECTION_LOST);
    }

    @Test
    void statementRefusedOnAClosedConnectionDidNotRun() {
        assertThat(SnowflakeFailures.classify(new SQLException("closed", "08003", 200052))).isEqualTo(FailureKind.NOT_RUN);
    }

    @ParameterizedTest
    @ValueSource(ints = {390100, 390144, 390318})
    void refusedLoginIsPermanentDespiteItsConnectionState(int code) {
        assertThat(SnowflakeFailures.classify(new SQLException("refused", "08001", code))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void sqlErrorIsPermanent() {
        assertThat(SnowflakeFailures.classify(new SQLException("no table", "42S02", 2003))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void codeIsFoundInTheCauseChain() {
        SQLException wrapped = new SQLException("wrapper", null, 0, new SQLException("expired", "08001", 390114));

        assertThat(SnowflakeFailures.classify(wrapped)).isEqualTo(FailureKind.CONNECTION_LOST);
    }

    @Test
    void transientConnectionFailureWithoutCodeLosesTheConnection() {
        assertThat(SnowflakeFailures.classify(new SQLTransientConnectionException("reset", "08006")))
                .isEqualTo(FailureKind.CONNECTION_LOST);
    }
}
