package io.connectionkit.api;

import io.connectionkit.api.TestConnections.FakeClient;
import io.connectionkit.api.TestConnections.SQLConnection;
import org.junit.jupiter.api.Test;

import static io.connectionkit.api.TestConnections.secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a connection tells its context of its raw client, which the core turns into listener events and metrics. */
class ClientEventsTest {

    private final TestContext context = new TestContext("pets", "sql", secrets("db1"));

    @Test
    void toldOfEachClientOpenedAndEachDroppedByAReset() {
        SQLConnection connection = new SQLConnection(context);
        connection.reset();
        connection.reset(); // nothing open: nothing to tell
        context.config(secrets("db2"));
        connection.instance();

        assertThat(context.clientEvents).containsExactly("opened db1", "reset db1", "opened db2");
    }

    @Test
    void toldOfCloseOnceEvenWithNoClientOpen() {
        SQLConnection open = new SQLConnection(context);
        open.close();
        open.close();
        SQLConnection resetFirst = new SQLConnection(context);
        resetFirst.reset();
        resetFirst.close();

        assertThat(context.clientEvents).containsExactly("opened db1", "closed db1", "opened db1", "reset db1",
                "closed none");
    }

    @Test
    void toldOfAFailedOpenWithTheExceptionTheCallerGets() {
        SQLConnection connection = new SQLConnection(context);
        connection.reset();
        context.connector = config -> {
            throw new IllegalStateException("refused");
        };

        assertThatThrownBy(connection::instance).isInstanceOf(ConnectionException.class);
        context.connector = config -> {
            throw new ConnectionConfigException("bad key");
        };
        assertThatThrownBy(connection::instance).isInstanceOf(ConnectionConfigException.class);

        assertThat(context.clientEvents).containsExactly("opened db1", "reset db1", "failed ConnectionException",
                "failed ConnectionConfigException");
    }

    @Test
    void toldOfAReplacementOnlyByTheThreadThatDroppedTheClient() {
        BaseConnectionTest.ReplacingConnection connection = new BaseConnectionTest.ReplacingConnection(context);
        FakeClient failed = connection.instance();

        assertThat(connection.replace(failed)).isTrue();
        assertThat(connection.replace(failed)).isFalse();

        assertThat(context.clientEvents).containsExactly("opened db1", "reset db1");
    }
}
