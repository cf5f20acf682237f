package io.connectionkit.sql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverDataSourceTest {

    private static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    @Test
    void connectsWithTheDriverUrlAndProperties() throws SQLException {
        String url = "jdbc:h2:mem:dds-" + UUID.randomUUID();
        DriverDataSource dataSource = new DriverDataSource(new org.h2.Driver(), url, credentials("ALICE", "pw"));

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getUserName()).isEqualTo("ALICE");
            assertThat(connection.getMetaData().getURL()).isEqualTo(url);
        }
    }

    @Test
    void anotherUserReplacesTheConfiguredCredentials() throws SQLException {
        String url = "jdbc:h2:mem:dds-" + UUID.randomUUID();
        DriverDataSource dataSource = new DriverDataSource(new org.h2.Driver(), url, credentials("ALICE", "pw"));
        try (Connection admin = dataSource.getConnection()) {
            admin.createStatement().execute("create user BOB password 'bob-pw'");

            try (Connection bob = dataSource.getConnection("BOB", "bob-pw")) {
                assertThat(bob.getMetaData().getUserName()).isEqualTo("BOB");
            }
        }
    }

    @Test
    void aUrlTheDriverDoesNotServeIsAConnectionError() {
        DriverDataSource dataSource = new DriverDataSource(new org.h2.Driver(),
                "jdbc:postgresql://u:secret@h/db", new Properties());

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessage("org.h2.Driver does not accept the URL jdbc:postgresql://h/db")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void toStringShowsTheDriverAndMaskedUrlButNoProperty() {
        DriverDataSource dataSource = new DriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:x;PASSWORD=secret",
                credentials("ALICE", "canary-Pw-123"));

        assertThat(dataSource).hasToString("DriverDataSource[org.h2.Driver, jdbc:h2:mem:x]");
    }

    @Test
    void unwrapsToTheDriver() throws SQLException {
        DriverDataSource dataSource = new DriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:x", new Properties());

        assertThat(dataSource.isWrapperFor(org.h2.Driver.class)).isTrue();
        assertThat(dataSource.unwrap(org.h2.Driver.class)).isInstanceOf(org.h2.Driver.class);
        assertThatThrownBy(() -> dataSource.unwrap(String.class)).isInstanceOf(SQLException.class);
    }
}
