package io.connectionkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What the API's classes have to say reaches the application's SLF4J backend through the
 * registry's context, with no bridge to set up: a client that could not be released, a connector
 * that could not find the secrets inside its values.
 */
class ConnectionWarningsTest {

    private static final String CANARY = "canary-Pw-51c7";

    @TempDir
    Path home;
    @TempDir
    Path work;

    private final List<Captured> captured = new ArrayList<>();
    private ConnectionRegistry registry;
    private String name;

    /** A logger whose events go to the test, not to the console. */
    private record Captured(Logger logger, ListAppender<ILoggingEvent> appender) {
    }

    @BeforeEach
    void uniqueName(TestInfo info) {
        name = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void tearDown() {
        if (registry != null) {
            registry.close();
        }
        captured.forEach(c -> {
            c.logger().detachAppender(c.appender());
            c.logger().setAdditive(true);
        });
    }

    private List<ILoggingEvent> capture(Class<?> loggerClass) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerClass);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.setAdditive(false);
        logger.addAppender(appender);
        captured.add(new Captured(logger, appender));
        return appender.list;
    }

    private ConnectionRegistry registry(String toml) {
        RegistryBuilder builder = (RegistryBuilder) ConnectionRegistry.builder();
        builder.homeDirectory(home).workingDirectory(work).classLoader(InMemoryProvider.classLoader());
        registry = builder.environment(Map.of()).systemProperties(Map.of()).secretsToml(toml).build();
        return registry;
    }

    /** A connection whose client, once connected, cannot be released, and says so quoting its password. */
    public static final class UnreleasableConnection extends BaseConnection<String> {
        public UnreleasableConnection(ConnectionContext context) {
            super(context);
        }

        @Override
        protected String connect(ConnectionConfig config) {
            return config.requireString("password");
        }

        @Override
        protected void release(String password) throws IOException {
            throw new IOException("could not close the session of " + password);
        }
    }

    @Test
    void aClientThatCannotBeReleasedIsAWarningThroughSlf4jWithItsSecretsMasked() {
        List<ILoggingEvent> events = capture(UnreleasableConnection.class);
        UnreleasableConnection connection = registry("[connections." + name + "]\npassword = \"" + CANARY + "\"\n")
                .get(name, UnreleasableConnection.class);

        assertThatCode(connection::reset).doesNotThrowAnyException();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("Releasing the client of UnreleasableConnection[name="
                    + name + ", type=" + UnreleasableConnection.class.getName() + ", from=secretsToml:1] failed:"
                    + " could not close the session of ****");
            assertThat(event.getThrowableProxy()).isNotNull();
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(t.getMessage()).doesNotContain(CANARY);
            }
        });
    }

    @Test
    void aConnectorWhoseSecretsInThrowsIsAWarningThroughSlf4jAndEveryValueIsMasked() {
        List<ILoggingEvent> events = capture(InMemoryProvider.class);
        // InMemoryProvider.secretsIn reads url as a URI: one with a space is none
        BaseConnection<?> connection = registry("[connections." + name + "]\ntype = \"inmemory\"\n"
                + "url = \"http://app:" + CANARY + "@db example\"\n").get(name);

        assertThat(connection.config().masked()).containsEntry("url", "****");
        assertThat(registry.secrets().table("connections." + name).masked()).containsEntry("url", "****");

        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("Finding the secrets inside the values of connections."
                    + name + " failed: " + InMemoryProvider.class.getName() + ".secretsIn threw"
                    + " java.lang.IllegalArgumentException; every value of it is masked as a secret");
            assertThat(event.getThrowableProxy()).as("its message may quote a value").isNull();
        });
    }
}
