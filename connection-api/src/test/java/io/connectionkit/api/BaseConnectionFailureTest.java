package io.connectionkit.api;

import static io.connectionkit.api.TestConnections.CANARY;
import static io.connectionkit.api.TestConnections.SECTION;
import static io.connectionkit.api.TestConnections.chainOf;
import static io.connectionkit.api.TestConnections.secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectionkit.api.TestConnections.FakeClient;
import io.connectionkit.api.TestConnections.SQLConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How a connection reports failures to connect and to release, never showing a secret. */
class BaseConnectionFailureTest {

    private final TestContext context = new TestContext("pets", "sql", secrets("db.example.com"));

    @Test
    void connectFailureNamesConnectionAndTypeWithTheCause() {
        IOException refused = new IOException("Connection refused");
        context.connector = config -> {
            throw refused;
        };

        Throwable thrown = catchThrowable(() -> new SQLConnection(context));

        assertThat(thrown).isExactlyInstanceOf(ConnectionException.class)
                .hasMessage("Could not connect 'pets' (type sql, configured at .streamlit/secrets.toml:12): Connection refused");
        assertThat(thrown.getCause()).isSameAs(refused);
    }

    @Test
    void aConnectFailureWhoseTextShowsTheSecretStaysTransient() {
        context.connector = config -> {
            throw new java.sql.SQLRecoverableException("socket to db.example.com reset while sending " + CANARY);
        };

        Throwable thrown = catchThrowable(() -> new SQLConnection(context));

        assertThat(thrown).isExactlyInstanceOf(ConnectionException.class).hasMessageEndingWith("while sending ****");
        assertThat(thrown.getCause()).as("a masked copy").hasMessage("socket to db.example.com reset while sending ****");
        assertThat(((ConnectionException) thrown).isTransient()).as("read from the original").isTrue();
        assertThat(QueryException.isTransient(thrown)).isTrue();
    }

    @Test
    void aConnectFailureThatARetryCannotCureIsNotTransient() {
        context.connector = config -> {
            throw new SQLException("FATAL: password authentication failed for " + CANARY, "28P01");
        };

        assertThat(((ConnectionException) catchThrowable(() -> new SQLConnection(context))).isTransient()).isFalse();
    }

    @Test
    void connectFailureNeverShowsASecretAnywhereInTheChain() {
        SQLException driverError = new SQLException("FATAL: password authentication failed for user pets (password="
                + CANARY + ")", "28P01", new IOException("could not reach postgresql://pets:" + CANARY + "@db/pets"));
        driverError.addSuppressed(new IllegalStateException("retrying with " + CANARY));
        context.connector = config -> {
            throw driverError;
        };

        Throwable thrown = catchThrowable(() -> new SQLConnection(context));

        assertThat(thrown).isExactlyInstanceOf(ConnectionException.class)
                .hasMessageContaining("password authentication failed");
        for (Throwable t : chainOf(thrown)) {
            assertThat(t.getMessage()).doesNotContain(CANARY);
            assertThat(t.toString()).doesNotContain(CANARY);
        }
        assertThat(chainOf(thrown)).hasSize(4);
        assertThat(thrown.getCause().toString()).startsWith("java.sql.SQLException: ");
        assertThat(thrown.getCause().getCause().toString()).startsWith("java.io.IOException: ");
        assertThat(thrown.getCause().getStackTrace()).isEqualTo(driverError.getStackTrace());
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(CANARY).contains("retrying with ****");
    }

    @Test
    void connectFailureWhoseToStringLeaksASecretIsRedactedToo() {
        context.connector = config -> {
            throw new IllegalStateException("login failed") {
                private static final long serialVersionUID = 1L;

                @Override
                public String toString() {
                    return "LoginError[user=pets, password=" + CANARY + "]";
                }
            };
        };

        Throwable thrown = catchThrowable(() -> new SQLConnection(context));

        for (Throwable t : chainOf(thrown)) {
            assertThat(t.toString()).doesNotContain(CANARY);
        }
        assertThat(thrown.getCause().getMessage()).isEqualTo("login failed");
    }

    @Test
    void configExceptionFromConnectPassesUnchanged() {
        ConnectionConfigException missing = new ConnectionConfigException("connections.pets.dialect is required but missing");
        context.connector = config -> {
            throw missing;
        };

        assertThatThrownBy(() -> new SQLConnection(context)).isSameAs(missing);
    }

    @Test
    void configExceptionFromConnectThatQuotesASecretIsMaskedAndStaysAConfigException() {
        ConnectionConfigException quoting = new ConnectionConfigException("connections.pets: no driver accepts"
                + " postgresql://pets:" + CANARY + "@db/pets", new IOException("tried password " + CANARY));
        quoting.addSuppressed(new IllegalStateException("also " + CANARY));
        context.connector = config -> {
            throw quoting;
        };

        Throwable thrown = catchThrowable(() -> new SQLConnection(context));

        assertThat(thrown).isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets: no driver accepts postgresql://pets:****@db/pets");
        assertThat(thrown.getStackTrace()).isEqualTo(quoting.getStackTrace());
        assertThat(thrown.getCause()).hasMessage("tried password ****");
        assertThat(thrown.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("also ****"));
    }

    @Test
    void connectReturningNullIsAnError() {
        context.connector = config -> null;

        assertThatThrownBy(() -> new SQLConnection(context))
                .isExactlyInstanceOf(ConnectionException.class)
                .hasMessage("Could not connect 'pets' (type sql, configured at .streamlit/secrets.toml:12): "
                        + SQLConnection.class.getName() + ".connect returned null");
    }

    @Test
    void interruptedConnectKeepsTheInterruptFlag() {
        context.connector = config -> {
            throw new InterruptedException("interrupted while waiting for a connection");
        };

        try {
            assertThatThrownBy(() -> new SQLConnection(context)).isExactlyInstanceOf(ConnectionException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void failedReconnectIsThrownFromInstanceAndRetriedOnNextUse() {
        SQLConnection connection = new SQLConnection(context);
        connection.reset();
        context.connector = config -> {
            throw new IOException("no route to host; url=postgresql://pets:" + CANARY + "@db/pets");
        };

        Throwable thrown = catchThrowable(connection::instance);

        assertThat(thrown).isExactlyInstanceOf(ConnectionException.class).hasMessageContaining("no route to host");
        chainOf(thrown).forEach(t -> assertThat(t.toString()).doesNotContain(CANARY));
        context.connector = config -> new FakeClient("db.example.com");
        assertThat(connection.instance().host).isEqualTo("db.example.com");
        assertThat(context.connects).hasValue(3);
    }

    @Test
    void resetNeverThrowsForAClientTheUserAlreadyClosed() {
        SQLConnection connection = new SQLConnection(context);
        connection.instance().close();

        assertThatCode(connection::reset).doesNotThrowAnyException();

        assertThat(context.warnings).singleElement().satisfies(warning -> {
            assertThat(warning.message()).contains("SQLConnection[name=pets").contains("already closed");
            assertThat(warning.error()).isInstanceOf(IllegalStateException.class);
        });
        assertThat(connection.instance().isClosed()).isFalse();
    }

    @Test
    void failingReleaseIsLoggedWithSecretsMaskedAndNotThrown() {
        SQLConnection connection = new SQLConnection(context) {
            @Override
            protected void release(FakeClient raw) throws Exception {
                throw new IOException("could not close postgresql://pets:" + CANARY + "@db/pets");
            }
        };

        assertThatCode(connection::close).doesNotThrowAnyException();

        assertThat(context.warnings).singleElement().satisfies(warning -> {
            assertThat(warning.message()).contains("could not close postgresql://pets:****@db/pets")
                    .doesNotContain(CANARY);
            assertThat(warning.error()).isNotNull();
            chainOf(warning.error()).forEach(t -> assertThat(t.toString()).doesNotContain(CANARY));
        });
    }

    @Test
    void releaseFailureAfterASecretsChangeMasksTheOldPassword() {
        SQLConnection connection = new SQLConnection(context) {
            @Override
            protected void release(FakeClient raw) throws Exception {
                throw new IOException("session of pets/" + CANARY + " already ended");
            }
        };
        context.config(ConnectionConfig.builder("connections.pets").source(SECTION)
                .put("password", "rotated-password", ConfigSource.file(".streamlit/secrets.toml", 14)).build());

        connection.reset();

        assertThat(context.warnings).singleElement().satisfies(warning -> {
            assertThat(warning.message()).endsWith("failed: session of pets/**** already ended");
            chainOf(warning.error()).forEach(t -> assertThat(t.toString()).doesNotContain(CANARY));
        });
    }

    /** A connection whose client cannot be released, which says so quoting the password. */
    private static final class Unreleasable extends BaseConnection<String> {
        Unreleasable(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return "client";
        }

        @Override
        protected void release(String client) {
            throw new IllegalStateException("could not close postgresql://pets:" + CANARY + "@db/pets");
        }
    }

    /** A context of the caller's own, which says nowhere to report: the warning is not lost. */
    @Test
    void aContextThatDoesNotTakeWarningsPrintsAFailedReleaseToStandardErrorMasked() {
        ConnectionContext own = new ConnectionContext() {
            @Override
            public String name() {
                return "pets";
            }

            @Override
            public String type() {
                return "sql";
            }

            @Override
            public ConnectionConfig config() {
                return context.config();
            }

            @Override
            public QueryCache queryCache() {
                return context.queryCache();
            }
        };
        Unreleasable connection = new Unreleasable(own);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThatCode(connection::close).doesNotThrowAnyException();
        } finally {
            System.setErr(console);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("WARNING: Releasing the client of Unreleasable[name=pets, type=sql,"
                        + " from=.streamlit/secrets.toml:12] failed: could not close postgresql://pets:****@db/pets")
                .contains("java.lang.IllegalStateException", "\tat ")
                .doesNotContain(CANARY);
    }
}
