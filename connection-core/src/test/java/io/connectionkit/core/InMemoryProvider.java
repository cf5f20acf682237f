package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The test connector's provider. It is not listed in the test class path's META-INF/services, so
 * that discovery tests see only the jars they build; registries that should find it use
 * {@link #classLoader()}.
 */
public final class InMemoryProvider implements ConnectionProvider {

    private static ClassLoader classLoader;

    /** A class loader over the test class path plus a services file that lists this provider. */
    static synchronized ClassLoader classLoader() {
        if (classLoader == null) {
            try {
                Path root = Files.createTempDirectory("inmemory-connector");
                Path services = root.resolve(TestJars.SERVICES_FILE);
                Files.createDirectories(services.getParent());
                Files.writeString(services, InMemoryProvider.class.getName() + "\n");
                classLoader = new URLClassLoader(new URL[] {root.toUri().toURL()}, InMemoryProvider.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classLoader;
    }

    @Override
    public String type() {
        return "inmemory";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mem");
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return InMemoryConnection.class;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        return new InMemoryConnection(context);
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of("api_key");
    }

    /** A {@code url} is an http URL here, whose user info is {@code user:password}: only this connector knows. */
    @Override
    public Collection<String> secretsIn(ConnectionConfig config) {
        String userInfo = URI.create(config.string("url").orElse("")).getUserInfo();
        return userInfo == null || userInfo.indexOf(':') < 0 ? List.of() : List.of(userInfo.substring(userInfo.indexOf(':') + 1));
    }
}
