package io.connectionkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
