package io.connectionkit.snowflake.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Snowflake service for tests: an HTTP server on 127.0.0.1 that the real Snowflake JDBC
 * driver logs in to and runs statements on, keeping its data in in-memory H2 databases.
 *
 * <p>It exists so that code written for Snowflake can be tested end to end, through the real
 * driver, without an account or a network: logins with a password or a key pair, SQL with
 * Snowflake's names and types, batches sent with array binds, and the failures a client must
 * survive ({@link #faults()}).
 *
 * <pre>{@code
 * try (SnowflakeEmulator emulator = SnowflakeEmulator.builder()
 *     .user("alice", "s3cret")
 *     .database("PETS")
 *     .start()) {
 *   Properties properties = new Properties();
 *   properties.put("user", "alice");
 *   properties.put("password", "s3cret");
 *   properties.put("db", "PETS");
 *   properties.put("disablePlatformDetection", "true");
 *   Connection connection = DriverManager.getConnection(emulator.jdbcUrl(), properties);
 * }
 * }</pre>
 *
 * <p>Defaults: account {@value #DEFAULT_ACCOUNT}; when no user is given, user {@value
 * #DEFAULT_USER} with password {@value #DEFAULT_PASSWORD}; a database {@value #DEFAULT_DATABASE}
 * (schema PUBLIC), which is every login's current database unless the connection names another; a
 * free port.
 */
public final class SnowflakeEmulator implements AutoCloseable {
    /** The account when none is set. */
    public static final String DEFAULT_ACCOUNT = "EMULATOR";

    /** The user that exists when no user is set. */
    public static final String DEFAULT_USER = "emulator";

    /** The password of {@link #DEFAULT_USER}. */
    public static final String DEFAULT_PASSWORD = "emulator";

    /** The database that always exists, current for every login that names none. */
    public static final String DEFAULT_DATABASE = "EMULATOR";

    static final String SERVER_VERSION = "9.0.0";

    private final String account;
    private final ZoneId timeZone;
    private final Catalog catalog;
    private final Sessions sessions;
    private final Faults faults;
    private final StatementRunner runner;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    /** The statements kept in the log: a standalone emulator runs for days. */
    static final int MAX_RECEIVED = 100_000;

    private final ArrayDeque<ReceivedStatement> received = new ArrayDeque<>();
    private final Session apiSession;
    private final Users users;

    private SnowflakeEmulator(Builder builder) throws IOException, SnowflakeError {
        // The JDK's server otherwise leaves Nagle's algorithm on, which with the driver's delayed
        // acknowledgements holds every answer some 40 ms; read once, when its first server starts.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        // Bound first: a port in use fails the start before anything else is made. IPv4's
        // loopback, which jdbcUrl() names, whatever the JVM prefers.
        this.server =
                HttpServer.create(
                        new InetSocketAddress(
                                InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                                builder.port),
                        50);
        this.account = builder.account;
        this.timeZone = builder.timeZone;
        this.catalog = new Catalog();
        this.sessions = new Sessions();
        this.faults = new Faults(sessions);
        RunningQueries running = new RunningQueries();
        this.runner = new StatementRunner(catalog, account, running);
        Map<String, Users.Credentials> credentials = builder.users;
        if (credentials.isEmpty()) {
            credentials =
                    Map.of(Users.fold(DEFAULT_USER), new Users.Credentials(DEFAULT_PASSWORD, null));
        }
        this.users = new Users(account, credentials);
        this.apiSession = new Session(0, "EMULATOR", timeZone);
        this.workers = Executors.newCachedThreadPool(daemonThreads("snowflake-emulator-http"));
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        daemonThreads("snowflake-emulator-timeout"));
        try {
            catalog.create(DEFAULT_DATABASE, false, true);
            for (String database : builder.databases) {
                catalog.create(database, false, true);
            }
            server.createContext(
                    "/",
                    new SnowflakeHttpApi(
                            this, users, sessions, catalog, runner, faults, running, timer));
            server.setExecutor(workers);
            server.start();
        } catch (RuntimeException | SnowflakeError e) {
            close(); // the port, the threads and the databases made so far
            throw e;
        }
    }

    /** Starts an emulator with every default, on a free port. */
    public static SnowflakeEmulator start() {
        return builder().start();
    }

    /** A builder for an emulator with its own account, users, databases or port. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the emulator listens on, on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The account name logins must use. */
    public String account() {
        return account;
    }

    /**
     * A JDBC URL for the driver: {@code jdbc:snowflake://127.0.0.1:PORT/?ssl=off&account=ACCOUNT}.
     * Give {@code user}, {@code password} (or {@code privateKey}), {@code db}, {@code schema} and
     * {@code disablePlatformDetection=true} as connection properties.
     */
    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + port() + "/?ssl=off&account=" + account;
    }

    /**
     * Runs one statement in {@code database} (schema PUBLIC) as a session would, for setting up or
     * checking data without a driver. It is not recorded in {@link #statements()}.
     *
     * @param database the database, folded to upper case unless quoted, as Snowflake does
     * @param sql one Snowflake statement
     * @return the rows of a query, as Java values ({@code BigDecimal}, {@code Double}, {@code
     *     String}, {@code Boolean}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime},
     *     {@code OffsetDateTime}, {@code byte[]}); for other statements the one row Snowflake
     *     answers, such as the count of rows inserted or a status
     * @throws SQLException with Snowflake's vendor code and SQL state when the statement fails
     */
    public List<List<Object>> execute(String database, String sql) throws SQLException {
        Objects.requireNonNull(sql, "sql");
        String name = SnowflakeHttpApi.identifier(database);
        if (name == null || catalog.get(name) == null) {
            throw new SQLException("Database '" + database + "' does not exist.", "02000", 2003);
        }
        apiSession.lock().lock();
        try {
            apiSession.useDatabase(name, "PUBLIC");
            return runner.run(apiSession, sql, Binds.NONE, false, new RunningQuery()).rows();
        } catch (SnowflakeError e) {
            throw new SQLException(e.getMessage(), e.sqlState(), Integer.parseInt(e.code()));
        } finally {
            apiSession.lock().unlock();
        }
    }

    /**
     * Adds a user who logs in with {@code password}, or gives an existing user that password, while
     * the emulator runs: for tests that need a user per secret. Names are not case-sensitive.
     */
    public void addUser(String name, String password) {
        users.password(Builder.checkName(name), Objects.requireNonNull(password, "password"));
    }

    /** The faults to inject into what the emulator answers next. */
    public Faults faults() {
        return faults;
    }

    /** The statements received from drivers so far, oldest first. */
    public List<ReceivedStatement> statements() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Forgets the statements received so far. */
    public void clearStatements() {
        synchronized (received) {
            received.clear();
        }
    }

    void received(ReceivedStatement statement) {
        synchronized (received) {
            if (received.size() == MAX_RECEIVED) {
                received.removeFirst(); // a long-running emulator keeps the newest only
            }
            received.add(statement);
        }
    }

    ZoneId timeZone() {
        return timeZone;
    }

    /** Stops the server and drops every database. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        timer.shutdownNow();
        sessions.closeAll();
        apiSession.close();
        catalog.close();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Sets up an emulator: its account, users, databases and port. */
    public static final class Builder {
        private String account = DEFAULT_ACCOUNT;
        private final Map<String, Users.Credentials> users = new LinkedHashMap<>();
        private final Set<String> databases = new LinkedHashSet<>();
        private int port;
        private ZoneId timeZone = ZoneId.systemDefault();

        private Builder() {}

        /** The account name, which logins must give (the JDBC URL's {@code account}). */
        public Builder account(String account) {
            Objects.requireNonNull(account, "account");
            if (account.isBlank()) {
                throw new IllegalArgumentException("the account must not be blank");
            }
            this.account = Users.fold(account.strip());
            return this;
        }

        /** A user who logs in with a password. Names are not case-sensitive, as in Snowflake. */
        public Builder user(String name, String password) {
            Objects.requireNonNull(password, "password");
            Users.Credentials old = users.get(Users.fold(checkName(name)));
            users.put(
                    Users.fold(name),
                    new Users.Credentials(password, old == null ? null : old.publicKey()));
            return this;
        }

        /** A user who logs in with a key pair: the driver's JWT is checked with this RSA key. */
        public Builder user(String name, PublicKey publicKey) {
            Objects.requireNonNull(publicKey, "publicKey");
            if (!"RSA".equals(publicKey.getAlgorithm())) {
                throw new IllegalArgumentException(
                        "Snowflake key pairs are RSA keys, not " + publicKey.getAlgorithm());
            }
            Users.Credentials old = users.get(Users.fold(checkName(name)));
            users.put(
                    Users.fold(name),
                    new Users.Credentials(old == null ? null : old.password(), publicKey));
            return this;
        }

        /** A database to create, with its schema PUBLIC; folded to upper case unless quoted. */
        public Builder database(String name) {
            String folded = SnowflakeHttpApi.identifier(name);
            if (folded == null) {
                throw new IllegalArgumentException("a database name must not be blank");
            }
            databases.add(folded);
            return this;
        }

        /** The port on 127.0.0.1; 0, the default, picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The TIMEZONE of sessions that ask for none; by default this JVM's zone, so that the
         * driver's timestamps without a time zone read back as they were written.
         */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public SnowflakeEmulator start() {
            try {
                return new SnowflakeEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not start the Snowflake emulator on port " + port, e);
            } catch (SnowflakeError e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a user name must not be blank");
            }
            return name;
        }
    }
}
