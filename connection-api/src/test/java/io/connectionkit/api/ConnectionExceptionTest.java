package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnectionExceptionTest {

    @Test
    void everyConnectionKitExceptionIsAnUncheckedConnectionException() {
        IOException cause = new IOException("refused");

        assertThat(new ConnectionException("failed", cause)).isInstanceOf(RuntimeException.class).hasCause(cause);
        assertThat(new ConnectionConfigException("connections.pets.host is required but missing"))
                .isInstanceOf(ConnectionException.class).hasNoCause();
        assertThat(new ConnectionConfigException("bad TOML", cause)).isInstanceOf(ConnectionException.class).hasCause(cause);
    }

    @Test
    void aConnectionExceptionIsAsTransientAsTheCauseItWasGiven() {
        assertThat(new ConnectionException("lost", new SQLException("reset", "08006")).isTransient()).isTrue();
        assertThat(new ConnectionException("bad", new SQLException("syntax", "42601")).isTransient()).isFalse();
        assertThat(new ConnectionException("no cause").isTransient()).isFalse();
        assertThat(new ConnectionConfigException("bad configuration", new SQLException("reset", "08006")).isTransient())
                .as("configuration fails again whatever its cause").isFalse();
    }
}
