package io.connectionkit.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The static facade over the default registry. */
class ConnectionsTest {

    @Test
    void sharesOneDefaultRegistryAndItsConnections() {
        ConnectionRegistry registry = Connections.registry();
        String name = "connections-test-" + System.nanoTime();

        ConnectionRegistryTest.PlainConnection first = Connections.get(name, ConnectionRegistryTest.PlainConnection.class);

        assertThat(Connections.registry()).isSameAs(registry);
        assertThat(Connections.request(name).get(ConnectionRegistryTest.PlainConnection.class)).isSameAs(first);
        assertThat(registry.get(name, ConnectionRegistryTest.PlainConnection.class)).isSameAs(first);
        assertThat(first.instance()).isEqualTo("connected to nothing");
    }

    @Test
    void aConnectionClosedByItsUserIsReplacedOnTheNextGet() {
        String name = "connections-test-closed-" + System.nanoTime();
        ConnectionRegistryTest.PlainConnection first = Connections.get(name, ConnectionRegistryTest.PlainConnection.class);
        assertThat(Connections.get(name, ConnectionRegistryTest.PlainConnection.class)).isSameAs(first);

        first.close();
        ConnectionRegistryTest.PlainConnection typed = Connections.get(name, ConnectionRegistryTest.PlainConnection.class);

        assertThat(typed).isNotSameAs(first);
        assertThat(typed.isClosed()).isFalse();
        assertThat(Connections.get(name, ConnectionRegistryTest.PlainConnection.class)).isSameAs(typed);
        assertThat(Connections.registry().get(name, ConnectionRegistryTest.PlainConnection.class)).isSameAs(typed);
    }
}
