package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConfigSource;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Finds connectors, reads the secrets, and keeps the connections: create one per name (and
 * type and options), share it between threads, reset it when its secrets change, close it when
 * it is evicted or the registry closes. {@link Connections} is a static facade over a default
 * instance; build your own with {@link #builder()} for tests or for several configurations.
 *
 * <p>Thread-safe. Closing the registry closes every connection it holds.
 */
public final class ConnectionRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final SecretsLoader secretsLoader;
    private final Map<String, String> environment;
    private final Path home;
    private final List<ClassLoader> classLoaders;
    private final TypeResolver typeResolver;
    private final ConnectionCache connections;
    private final QueryResultCache queryResults;
    private final ConnectionEvents events;
    private final Object reloadLock = new Object();
    private final Map<Resolution, ResolvedFrom> resolutions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, KnownConnection> byName = new ConcurrentHashMap<>(); // see remember
    private final SecretsWatcher watcher;
    private volatile ProviderCatalog catalog;
    private volatile Secrets secrets;
    private volatile boolean closed;

    ConnectionRegistry(RegistryBuilder builder) {
        this.environment = builder.environment;
        this.home = builder.home.toAbsolutePath().normalize();
        this.secretsLoader = new SecretsLoader(builder.secretsFiles, builder.secretsToml, builder.home,
                builder.workingDirectory, builder.systemProperties, builder.environment);
        this.secrets = secretsLoader.load();
        this.classLoaders = builder.classLoaders();
        this.typeResolver = new TypeResolver(this::catalog, classLoaders);
        // A connection's ttl is read only when a request sets one, and its clean-up is timed to the
        // nanosecond: the system clock. A cached result's ttl is read by every hit: the coarse one.
        this.connections = new ConnectionCache(builder.ticker != null ? builder.ticker : System::nanoTime,
                builder.connectionExpiry);
        this.queryResults = new QueryResultCache(builder.queryCacheMaxBytes, builder.defaultQueryTtl,
                builder.ticker != null ? builder.ticker : CoarseClock.SHARED,
                builder.ticker != null ? builder.ticker : System::nanoTime);
        this.events = new ConnectionEvents(builder.listeners);
        this.watcher = builder.watchSecrets ? new SecretsWatcher(secretsLoader.paths(), this::reloadSecrets) : null;
    }

    /** A builder with the default secrets locations, no watching, and the context class loader. */
    public static Builder builder() {
        return new RegistryBuilder();
    }

    /** Settings of a registry; every one is optional. */
    public interface Builder {
        /** Reads these secrets files, in order (later wins), instead of the default locations. */
        Builder secretsFiles(Path... files);

        /** TOML text read after the files; its values win. */
        Builder secretsToml(String toml);

        /** Finds connectors and class names with this loader instead of the context class loader. */
        Builder classLoader(ClassLoader classLoader);

        /** Re-reads the secrets when a file changes and resets the connections whose section changed. */
        Builder watchSecrets(boolean watch);

        /**
         * The clock (nanoseconds, like {@link System#nanoTime()}) of every ttl; tests pass a fake one.
         * By default a connection's ttl is read from {@code System.nanoTime()}, and a query result's from
         * {@code System.nanoTime()} as a background thread reads it every 10 ms while results are looked
         * up: a hit then costs a fraction of a nanosecond for the clock instead of the tens of nanoseconds
         * {@code System.nanoTime()} costs on some virtual machines, and a result's ttl ends within about
         * 10 ms of its time (more on a machine too busy to run that thread). {@code ticker(System::nanoTime)}
         * makes it exact.
         */
        Builder ticker(LongSupplier nanoTime);

        /** The bound on the estimated bytes of all cached query results (default 256 MiB, or a quarter of the heap if less). */
        Builder queryCacheMaxBytes(long maxBytes);

        /** The ttl of queries that give none (default: until evicted). */
        Builder defaultQueryTtl(java.time.Duration ttl);

        /**
         * Tells {@code listener} of what happens to the connections, from the first one on; may be
         * called more than once, for several listeners. See also {@link ConnectionRegistry#addListener}.
         */
        Builder listener(ConnectionListener listener);

        /** The home directory, {@code ~} (default: {@code user.home}). */
        Builder homeDirectory(Path home);

        /**
         * The environment variables (default: {@link System#getenv()}): where {@code env:} names
         * and {@code CONNECTIONKIT_SECRETS} are read, and what connectors see as
         * {@link io.connectionkit.api.ConnectionContext#environment()} (Snowflake's
         * {@code SNOWFLAKE_HOME}, say), so that a test sets them without touching the real ones.
         */
        Builder environment(Map<String, String> environment);

        /** The working directory, {@code .} (default: {@code user.dir}). */
        Builder workingDirectory(Path workingDirectory);

        /**
         * Builds the registry and reads the secrets.
         *
         * @throws ConnectionConfigException when a secrets file is not valid TOML
         */
        ConnectionRegistry build();
    }

    /** The connection {@code name}; see {@link Connections#get(String)}. */
    public BaseConnection<?> get(String name) {
        KnownConnection known = byName.get(Objects.requireNonNull(name, "name"));
        BaseConnection<?> live = known == null ? null : known.answer(null);
        return live != null ? live : request(name).get();
    }

    /** The connection {@code name} as {@code type}; see {@link Connections#get(String, Class)}. */
    @SuppressWarnings("unchecked") // answer checked that type is assignable from the class served
    public <C extends BaseConnection<?>> C get(String name, Class<C> type) {
        KnownConnection known = byName.get(Objects.requireNonNull(name, "name"));
        BaseConnection<?> live = known == null ? null : known.answer(Objects.requireNonNull(type, "type"));
        return live != null ? (C) live : request(name).get(type);
    }

    /** What {@link #get(String)} and {@link #get(String, Class)} look up first, live: for {@link Connections} to read directly. */
    Map<String, KnownConnection> answersByName() {
        return byName;
    }

    /** The connection {@code name} of {@code type}; see {@link Connections#get(String, String)}. */
    public BaseConnection<?> get(String name, String type) {
        return request(name).type(type).get();
    }

    /** A request for {@code name} with more of {@code st.connection}'s arguments. */
    public ConnectionRequest request(String name) {
        return new ConnectionRequest(this, name);
    }

    BaseConnection<?> obtain(ConnectionRequest request, Class<?> expected) {
        checkOpen();
        String name = resolveName(request.name());
        ResolvedFrom answer = resolve(name, request, expected);
        TypeResolver.Resolved resolved = answer.resolved();
        Map<String, Object> options = OptionValues.stableCopy(name, request.options());
        ConnectionCache.Key key = new ConnectionCache.Key(name, resolved.id(), options);
        ConnectionCache.Settings settings = new ConnectionCache.Settings(request.ttl(), request.maxEntries());
        ConnectionCache.Entry entry = connections.get(settings, key, () -> create(name, resolved, options));
        if (!entry.context().isFrom(secrets)) {
            catchUp(entry); // created while a reload ran, which resets only connections already created
        }
        BaseConnection<?> connection = entry.connection();
        if (closed) {
            connection.close(); // created while the registry closed: nothing else would close it
            checkOpen();
        }
        if (request.isPlain()) {
            remember(request.name(), new KnownConnection(connection, resolved.provider().connectionClass(),
                    resolved.fromExpectedClass() ? expected : null), answer.secrets());
        }
        return connection;
    }

    /**
     * Keeps what a plain request for {@code name} answered, for the next get of that name, unless
     * it was resolved from secrets a reload has replaced since. Under the reload lock, as a
     * reload replaces the secrets and forgets every answer under it: no get that starts after a
     * reload sees an answer from before it.
     */
    private void remember(String name, KnownConnection known, Secrets resolvedFrom) {
        synchronized (reloadLock) {
            if (secrets == resolvedFrom && !closed) {
                byName.put(name, known);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ConnectionException("This ConnectionRegistry is closed");
        }
    }

    /** What decides a request's provider; the resolution is kept until the secrets change. */
    private record Resolution(String name, String typeName, Class<?> typeClass, Class<?> expected) {
    }

    /** A resolution and the secrets it was made from: it holds while they are the current ones. */
    private record ResolvedFrom(TypeResolver.Resolved resolved, Secrets secrets) {
    }

    private ResolvedFrom resolve(String name, ConnectionRequest request, Class<?> expected) {
        Resolution question = new Resolution(name, request.typeName(), request.typeClass(), expected);
        Secrets current = secrets;
        ResolvedFrom known = resolutions.get(question);
        if (known != null && known.secrets() == current) {
            return known;
        }
        TypeResolver.Resolved resolved = typeResolver.resolve(name, request, expected, current);
        ConnectionProvider provider = resolved.provider();
        if (expected != null && !expected.isAssignableFrom(provider.connectionClass())) {
            throw new ConnectionConfigException("Connection '" + name + "' is of type " + resolved.type() + ", served by "
                    + provider.connectionClass().getName() + ", not " + expected.getName()
                    + current.sourceOf(RegistryContext.sectionPath(name) + ".type").map(s -> " (type set at " + s + ")").orElse(""));
        }
        known = new ResolvedFrom(resolved, current);
        resolutions.put(question, known); // if the secrets changed meanwhile, the check above refuses it
        if (secrets != current) {
            resolutions.remove(question, known); // and a reload's clear may have come first: keep no old secrets alive
        }
        return known;
    }

    private String resolveName(String name) {
        if (name.isBlank()) {
            throw new ConnectionConfigException("A connection name must not be blank");
        }
        if (!name.startsWith("env:")) {
            return checkedName(name, name);
        }
        String variable = name.substring("env:".length());
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new ConnectionConfigException("Connection name '" + name + "' refers to environment variable "
                    + variable + ", which is not set");
        }
        return checkedName(value.strip(), name);
    }

    /** A name becomes a TOML key path, {@code connections.<name>}: quotes would break it. */
    private static String checkedName(String name, String given) {
        if (name.indexOf('"') >= 0 || name.indexOf('\'') >= 0) {
            throw new ConnectionConfigException("Connection name '" + given + "' contains a quote; "
                    + "use letters, digits, '_', '-' and '.' in connection names");
        }
        return name;
    }

    private ConnectionCache.Entry create(String name, TypeResolver.Resolved resolved, Map<String, Object> options) {
        ConnectionProvider provider = resolved.provider();
        RegistryContext context = new RegistryContext(name, resolved.type(), options, provider,
                queryResults, events, secrets, home, environment);
        try {
            ConnectionCache.Entry entry = create(context, provider, name, resolved.type());
            context.markCreated();
            return entry;
        } catch (RuntimeException e) {
            context.creationFailed(e);
            throw e;
        }
    }

    private ConnectionCache.Entry create(RegistryContext context, ConnectionProvider provider, String name,
                                         String type) {
        BaseConnection<?> connection;
        try {
            connection = provider.create(context);
        } catch (ConnectionConfigException e) {
            throw withWhereSecretsWereSought((ConnectionConfigException) context.config().redact(e), name);
        } catch (ConnectionException e) {
            throw e;
        } catch (LinkageError e) {
            throw new ConnectionException("Connector " + provider.getClass().getName() + " could not create connection '"
                    + name + "' (type " + type + "): a class it needs is missing or broken: " + e
                    + ". Add the jar that contains it.", e);
        } catch (RuntimeException e) {
            throw new ConnectionException("Connector " + provider.getClass().getName() + " could not create connection '"
                    + name + "' (type " + type + "): " + context.config().mask(String.valueOf(e.getMessage())),
                    context.config().redact(e), QueryException.isTransient(e));
        }
        if (connection == null || !provider.connectionClass().isInstance(connection)) {
            if (connection != null) {
                connection.close();
            }
            throw new ConnectionException("Connector " + provider.getClass().getName() + " returned "
                    + (connection == null ? "null" : connection.getClass().getName()) + " for connection '" + name
                    + "' but declares " + provider.connectionClass().getName());
        }
        LOG.debug("Created {}", connection);
        return new ConnectionCache.Entry(connection, context);
    }

    /**
     * A connector that rejects its configuration while the secrets have no section for it is
     * most often looking at the wrong file, or was asked for a misspelled name: say which files
     * were read, or sought, and which connections they configure.
     */
    private ConnectionConfigException withWhereSecretsWereSought(ConnectionConfigException e, String name) {
        Secrets current = secrets;
        if (current.sourceOf(RegistryContext.sectionPath(name)).isPresent()) {
            return e;
        }
        String message = String.valueOf(e.getMessage());
        return new ConnectionConfigException((message.endsWith(".") ? message : message + ".") + " "
                + current.missingSection(name), e);
    }

    /**
     * Brings a connection made from secrets that a reload has since replaced up to date, as that
     * reload would have. The update is under the reload lock, so it never interleaves with a
     * reload's own; the reset is not, as a reset waits for a connect under way, which may itself
     * ask this registry for a connection.
     */
    private void catchUp(ConnectionCache.Entry entry) {
        boolean changed;
        synchronized (reloadLock) {
            changed = entry.context().update(secrets);
        }
        if (changed) {
            reset(entry);
        }
    }

    private static void reset(ConnectionCache.Entry entry) {
        LOG.info("The secrets of connection '{}' changed; resetting it", entry.context().name());
        entry.connection().reset();
    }

    /** The connectors found, working and failed: type, aliases, class, jar, version, status. */
    public List<ProviderInfo> providers() {
        return catalog().infos();
    }

    /**
     * The merged secrets as last read; values carry their file and line. Its tables mask what
     * every connector found declares secret, as a connection's configuration does.
     */
    public Secrets secrets() {
        return secrets.maskedFor(catalog().usable());
    }

    /**
     * Re-reads the secrets now, and resets each connection whose own {@code [connections.<name>]}
     * section changed; the others are left alone. When a file is not valid TOML, or the section
     * of a connection in use is no longer a table, the previous secrets stay and the error is
     * logged.
     *
     * @return whether the new secrets were taken
     */
    public boolean reloadSecrets() {
        List<ConnectionCache.Entry> changed = new ArrayList<>();
        synchronized (reloadLock) {
            Secrets fresh;
            try {
                fresh = secretsLoader.load();
            } catch (ConnectionConfigException e) {
                LOG.error("Keeping the previous secrets: {}", e.getMessage());
                return false;
            }
            try {
                for (ConnectionCache.Entry entry : connections.entries()) {
                    fresh.table(RegistryContext.sectionPath(entry.context().name())); // what update reads, checked first
                }
            } catch (ConnectionConfigException e) {
                // as for a file that is not TOML: taking the rest would leave connections half updated
                LOG.error("Keeping the previous secrets: {}", e.getMessage());
                return false;
            }
            byName.clear(); // first: no get may be answered from before the secrets it reads (see remember)
            resolutions.clear();
            secrets = fresh;
            for (ConnectionCache.Entry entry : connections.entries()) {
                if (entry.context().update(fresh)) {
                    changed.add(entry);
                }
            }
        }
        changed.forEach(ConnectionRegistry::reset); // outside the lock: see catchUp
        return true;
    }

    /** Hits, misses, loads, evictions and bytes of the query-result cache, across all connections. */
    public QueryCacheStats queryCacheStats() {
        return queryResults.stats();
    }

    /**
     * The query-cache counters of every connection this registry has made under {@code name},
     * the closed ones included, so that they only grow; {@code bytes} counts the results of the
     * live ones. All zero for a name never used.
     */
    public QueryCacheStats queryCacheStats(String name) {
        return queryResults.stats(name);
    }

    /** The bound on the estimated bytes of all cached query results, shared by every connection. */
    public long queryCacheMaxBytes() {
        return queryResults.maxBytes();
    }

    /**
     * Tells {@code listener} of what happens to the connections from now on. It is first told how
     * far each live connection has come, {@code connected} (when its client is open) and
     * {@code created}, so that it starts with what a listener given to the builder would know;
     * then each event once, in order.
     */
    public void addListener(ConnectionListener listener) {
        events.add(listener);
    }

    /** Stops telling {@code listener}; a call under way may still reach it. */
    public void removeListener(ConnectionListener listener) {
        events.remove(listener);
    }

    /**
     * Every {@code [connections.<name>]} table of the current secrets, in file order: what a
     * health check or an admin page lists, whether or not the connection was asked for yet.
     */
    public List<ConfiguredConnection> configuredConnections() {
        Secrets current = secrets();
        ConnectionConfig tables = current.table("connections");
        List<ProviderInfo> providers = providers();
        List<ConfiguredConnection> found = new ArrayList<>();
        for (String name : tables.keys()) {
            Optional<ConnectionConfig> table = tables.table(name);
            if (table.isEmpty()) {
                continue;
            }
            if (name.indexOf('"') >= 0) { // no dotted path can name it, nor can a connection be asked for by it
                found.add(new ConfiguredConnection(name, typeOf(name, table.get(), providers), ConfigSource.NONE,
                        table.get()));
                continue;
            }
            String path = RegistryContext.sectionPath(name);
            found.add(new ConfiguredConnection(name, typeOf(name, table.get(), providers),
                    current.sourceOf(path).orElse(ConfigSource.NONE), current.table(path)));
        }
        return List.copyOf(found);
    }

    /** {@code type}, else a type or alias the name equals, as the resolver infers it; else null. */
    private static String typeOf(String name, ConnectionConfig config, List<ProviderInfo> providers) {
        Optional<String> given = config.string("type");
        if (given.isPresent()) {
            return given.get();
        }
        for (ProviderInfo provider : providers) {
            if (provider.type() != null && (provider.type().equals(name) || provider.aliases().contains(name))) {
                return provider.type();
            }
        }
        return null;
    }

    /** Closes every connection this registry holds and stops watching the secrets. Idempotent. */
    @Override
    public void close() {
        synchronized (reloadLock) {
            closed = true; // under the lock that remember takes: nothing is remembered after this
        }
        if (watcher != null) {
            watcher.close();
        }
        connections.invalidateAll();
        queryResults.invalidateAll();
        byName.clear(); // what it held is closed now, so unused: let it go
    }

    /** Runs pending expiry now, closing connections whose ttl has passed; for tests with a fake ticker. */
    void cleanUp() {
        connections.cleanUp();
    }

    private ProviderCatalog catalog() {
        ProviderCatalog loaded = catalog;
        if (loaded == null) {
            synchronized (this) {
                loaded = catalog;
                if (loaded == null) {
                    loaded = ProviderCatalog.load(classLoaders);
                    catalog = loaded;
                }
            }
        }
        return loaded;
    }
}
