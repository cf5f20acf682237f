package io.connectionkit.core;

import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.QueryCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The context the registry gives one connection. Its configuration is recomputed from the
 * secrets when they change, so a reset connection reconnects with the new values. What the
 * connection has to say goes to SLF4J, on the logger of its class.
 */
final class RegistryContext implements ConnectionContext {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final Logger log;
    private final String name;
    private final String type;
    private final Map<String, Object> options;
    private final ConnectionProvider provider;
    private final QueryCache queryCache;
    private final QueryResultCache queryResults;
    private final ConnectionLife life;
    private volatile ConnectionConfig secretsSection;
    private volatile ConnectionConfig config; // set by the constructor's update
    private volatile Secrets readFrom;
    private final Path home;
    private final Map<String, String> environment;

    /** {@code provider} tells which keys and values of the configuration are secret. */
    RegistryContext(String name, String type, Map<String, Object> options, ConnectionProvider provider,
                    QueryResultCache queryResults, ConnectionEvents events, Secrets secrets, Path home,
                    Map<String, String> environment) {
        this.name = name;
        this.home = home;
        this.environment = environment;
        this.type = type;
        this.options = options;
        this.provider = provider;
        this.log = LoggerFactory.getLogger(provider.connectionClass());
        this.queryResults = queryResults;
        update(secrets); // first: it may throw, and then no scope or life is left behind
        this.queryCache = queryResults.newScope(name, this::config);
        this.life = events.begin(new ConnectionInfo(name, type, () -> config().source()));
    }

    @Override
    public Path homeDirectory() {
        return home;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    /** {@code connections.pets}; a name that is not a bare TOML key is quoted: {@code connections."my.db"}. */
    static String sectionPath(String name) {
        return BARE_KEY.matcher(name).matches() ? "connections." + name : "connections.\"" + name + "\"";
    }


    /**
     * Takes the connection's section from {@code secrets}.
     *
     * @return whether the section's content changed
     */
    boolean update(Secrets secrets) {
        ConnectionConfig section = secrets.table(sectionPath(name));
        ConnectionConfig previous = secretsSection;
        if (previous != null && previous.asMap().equals(section.asMap())) {
            readFrom = secrets;
            return false;
        }
        ConnectionConfig.Builder merged = ConnectionConfig.builder(sectionPath(name))
                .sensitiveKeys(provider.sensitiveKeys())
                .secretsFoundBy(config -> secretsIn(provider, config))
                .putAll(section);
        if (previous != null) {
            merged.secretsOf(config); // what the client made from it may say until the reset replaces it
        }
        options.forEach((key, value) -> merged.put(key, value, ConfigSource.OPTION));
        if (section.isEmpty() && !options.isEmpty()) {
            merged.source(ConfigSource.OPTION);
        }
        config = merged.build();
        secretsSection = section;
        readFrom = secrets; // last, so whoever sees it sees the config too
        return previous != null;
    }

    /**
     * What {@code provider} finds inside the values of {@code config}, for
     * {@link ConnectionConfig.Builder#secretsFoundBy}. A failure is logged, naming the connector
     * and the exception's class but not its message, which may quote a value, and rethrown: the
     * configuration then takes every value for a secret.
     */
    static Collection<String> secretsIn(ConnectionProvider provider, ConnectionConfig config) {
        try {
            return provider.secretsIn(config);
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(provider.getClass()).warn("Finding the secrets inside the values of {} failed: "
                    + "{}.secretsIn threw {}; every value of it is masked as a secret",
                    config.path(), provider.getClass().getName(), e.getClass().getName());
            throw e;
        }
    }

    /** Whether the last {@link #update} was from {@code secrets}, the very instance. */
    boolean isFrom(Secrets secrets) {
        return readFrom == secrets;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ConnectionConfig config() {
        return config;
    }

    @Override
    public QueryCache queryCache() {
        return queryCache;
    }

    /** What listeners are told of this connection. */
    ConnectionLife life() {
        return life;
    }

    /** The registry has its connection now: from here on a failed open is a failed reconnect. */
    void markCreated() {
        life.created();
    }

    /** Creating the connection failed: its counters go to its name's, and listeners hear of it. */
    void creationFailed(RuntimeException error) {
        queryResults.retire(queryCache);
        life.failed(error, true);
    }

    @Override
    public void clientOpened(Object opened) {
        life.connected(opened);
    }

    /** A failure while the connection is created is told by the registry, which sees every way creating fails. */
    @Override
    public void clientOpenFailed(RuntimeException error) {
        if (life.isCreated()) {
            life.failed(error, false);
        }
    }

    @Override
    public void clientDropped(@Nullable Object dropped, boolean closed) {
        if (closed) {
            queryResults.retire(queryCache);
            life.closed(dropped);
        } else if (dropped != null) {
            life.reset(dropped);
        }
    }

    /** Logs a warning, masked again with the current secrets: a connector may have passed its own words as they were. */
    @Override
    public void warn(String message, @Nullable Throwable error) {
        ConnectionConfig current = config;
        log.warn(current.mask(message), current.redact(error));
    }

    @Override
    public String toString() {
        return "ConnectionContext[name=" + name + ", type=" + type + ", from=" + config.source() + "]";
    }
}
