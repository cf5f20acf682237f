package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariConfig;
import io.connectionkit.api.ConnectionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.connectionkit.sql.Configs.section;
import static io.connectionkit.sql.Configs.withOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine arguments and the {@code hikari} table, as {@link PoolSettings} and HikariCP settings. */
class SqlPoolSettingsTest {

    private static final String URL = "postgresql://u@h/db";

    private static PoolSettings pool(Object... keysAndValues) {
        Object[] all = new Object[keysAndValues.length + 2];
        all[0] = "url";
        all[1] = URL;
        System.arraycopy(keysAndValues, 0, all, 2, keysAndValues.length);
        return SqlSettings.from(section(all)).pool();
    }

    private static PoolSettings engine(Map<String, ?> kwargs) {
        return pool("create_engine_kwargs", kwargs);
    }

    @Test
    void defaultsAreSqlAlchemys() {
        assertThat(pool()).isEqualTo(new PoolSettings(5, 15, Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofMinutes(10), true, null, Map.of()));
    }

    @Test
    void engineArgumentsMapToHikari() {
        PoolSettings pool = engine(Map.of("pool_size", 2L, "max_overflow", 3L, "pool_timeout", 7.5, "pool_recycle", 3600L,
                "pool_pre_ping", true, "autocommit", false, "isolation_level", "READ COMMITTED"));

        assertThat(pool).isEqualTo(new PoolSettings(2, 5, Duration.ofMillis(7500), Duration.ofHours(1),
                Duration.ofMinutes(10), false, "TRANSACTION_READ_COMMITTED", Map.of()));
        HikariConfig hikari = new HikariConfig();
        pool.applyTo(hikari);
        assertThat(hikari.getMinimumIdle()).isEqualTo(2);
        assertThat(hikari.getMaximumPoolSize()).isEqualTo(5);
        assertThat(hikari.getConnectionTimeout()).isEqualTo(7500);
        assertThat(hikari.getMaxLifetime()).isEqualTo(3_600_000);
        assertThat(hikari.isAutoCommit()).isFalse();
        assertThat(hikari.getTransactionIsolation()).isEqualTo("TRANSACTION_READ_COMMITTED");
    }

    @Test
    void poolRecycleMinusOneKeepsHikarisDefault() {
        assertThat(engine(Map.of("pool_recycle", -1L)).maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void poolRecycleTakesFractionalSecondsAsSqlAlchemyDoes() {
        assertThat(engine(Map.of("pool_recycle", 1800.0)).maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(engine(Map.of("pool_recycle", 90.5)).maxLifetime()).isEqualTo(Duration.ofMillis(90_500));
        assertThat(engine(Map.of("pool_recycle", -1.0)).maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> engine(Map.of("pool_recycle", 29.9)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_recycle: expected -1 (HikariCP's default,"
                        + " 30 minutes) or a number of seconds, 30 or more (.streamlit/secrets.toml:3).");
    }

    @Test
    void connectionsRecycledSoonAreNeitherIdledOutNorKeptAlive() {
        PoolSettings recycledInFiveMinutes = engine(Map.of("pool_recycle", 300L));
        HikariConfig hikari = new HikariConfig();
        recycledInFiveMinutes.applyTo(hikari);
        assertThat(hikari.getIdleTimeout()).isZero();
        assertThat(hikari.getKeepaliveTime()).isEqualTo(Duration.ofMinutes(2).toMillis());

        HikariConfig inOneMinute = new HikariConfig();
        engine(Map.of("pool_recycle", 60L)).applyTo(inOneMinute);
        assertThat(inOneMinute.getIdleTimeout()).isZero();
        assertThat(inOneMinute.getKeepaliveTime()).isZero();

        HikariConfig inAnHour = new HikariConfig();
        engine(Map.of("pool_recycle", 3600L)).applyTo(inAnHour);
        assertThat(inAnHour.getIdleTimeout()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(inAnHour.getKeepaliveTime()).isEqualTo(Duration.ofMinutes(2).toMillis());

        HikariConfig keptAliveAnyway = new HikariConfig();
        pool("pool_recycle", 60L, "hikari", Map.of("keepaliveTime", 45_000L)).applyTo(keptAliveAnyway);
        assertThat(keptAliveAnyway.getKeepaliveTime()).isEqualTo(45_000);
    }

    @Test
    void topLevelOptionsWinOverCreateEngineKwargs() {
        ConnectionConfig config = withOptions(section("url", URL, "create_engine_kwargs", Map.of("pool_size", 2L,
                "max_overflow", 1L)), "pool_size", 4);

        PoolSettings pool = SqlSettings.from(config).pool();

        assertThat(pool.minimumIdle()).isEqualTo(4);
        assertThat(pool.maximumPoolSize()).isEqualTo(5);
    }

    @Test
    void isolationLevelsAreWrittenAsSqlAlchemyDoes() {
        assertThat(engine(Map.of("isolation_level", "serializable")).transactionIsolation()).isEqualTo("TRANSACTION_SERIALIZABLE");
        assertThat(engine(Map.of("isolation_level", "REPEATABLE_READ")).transactionIsolation()).isEqualTo("TRANSACTION_REPEATABLE_READ");
        PoolSettings autocommit = engine(Map.of("isolation_level", "AUTOCOMMIT"));
        assertThat(autocommit.autoCommit()).isTrue();
        assertThat(autocommit.transactionIsolation()).isNull();
    }

    @Test
    void unknownIsolationLevelListsTheValidOnes() {
        assertThatThrownBy(() -> engine(Map.of("isolation_level", "SNAPSHOT")))
                .hasMessage("connections.pets.create_engine_kwargs.isolation_level: names no isolation level"
                        + " (.streamlit/secrets.toml:3). Valid levels: READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ,"
                        + " SERIALIZABLE, AUTOCOMMIT.");
    }

    @Test
    void autocommitIsolationContradictingAutocommitFalseIsAnError() {
        assertThatThrownBy(() -> pool("isolation_level", "AUTOCOMMIT", "autocommit", false))
                .hasMessage("connections.pets.isolation_level: AUTOCOMMIT contradicts autocommit = false"
                        + " (.streamlit/secrets.toml:3). Remove one of them.");
    }

    @Test
    void unknownEngineArgumentListsTheValidOnes() {
        assertThatThrownBy(() -> engine(Map.of("pool_sise", 3L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_sise: unknown engine argument"
                        + " (.streamlit/secrets.toml:3). Did you mean pool_size? Valid engine arguments: pool_size,"
                        + " max_overflow, pool_timeout, pool_recycle, pool_pre_ping, connect_args, echo, autocommit,"
                        + " isolation_level.");
    }

    @Test
    void pythonOnlyEngineArgumentsAreIgnoredWithAWarning() {
        try (LogCapture log = LogCapture.of(EngineArgs.class, Level.DEBUG)) {
            assertThat(engine(Map.of("future", true, "pool_use_lifo", true))).isEqualTo(pool());

            assertThat(log.events()).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
            assertThat(log.messages()).containsExactlyInAnyOrder(
                    "connections.pets.create_engine_kwargs.future has no effect on the JVM and is ignored (.streamlit/secrets.toml:3)",
                    "connections.pets.create_engine_kwargs.pool_use_lifo has no effect on the JVM and is ignored (.streamlit/secrets.toml:3)");
        }
    }

    @Test
    void poolSizesOutOfRangeAreNamedWithoutTheirValue() {
        assertThatThrownBy(() -> engine(Map.of("pool_size", -1L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_size: expected an integer, 0 or more"
                        + " (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> engine(Map.of("max_overflow", -1L)))
                .hasMessage("connections.pets.create_engine_kwargs.max_overflow: expected an integer, 0 or more"
                        + " (.streamlit/secrets.toml:3). A pool of HikariCP has a fixed maximum: pool_size + max_overflow.");
        assertThatThrownBy(() -> engine(Map.of("pool_size", 0L, "max_overflow", 0L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_size: pool_size + max_overflow must be from 1"
                        + " (a pool needs a connection) to 2147483647 (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> engine(Map.of("pool_size", (long) Integer.MAX_VALUE, "max_overflow", 10L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_size: pool_size + max_overflow must be from 1"
                        + " (a pool needs a connection) to 2147483647 (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> engine(Map.of("pool_recycle", 10L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_recycle: expected -1 (HikariCP's default,"
                        + " 30 minutes) or a number of seconds, 30 or more (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> engine(Map.of("pool_timeout", 0L)))
                .hasMessage("connections.pets.create_engine_kwargs.pool_timeout: expected a number of seconds, 0.25 or"
                        + " more (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> engine(Map.of("pool_pre_ping", "sometimes")))
                .hasMessage("connections.pets.create_engine_kwargs.pool_pre_ping: expected a boolean"
                        + " but found a string (.streamlit/secrets.toml:3)");
        assertThatThrownBy(() -> engine(Map.of("pool_size", "canary-Pw-123")))
                .hasMessage("connections.pets.create_engine_kwargs.pool_size: expected an integer"
                        + " but found a string (.streamlit/secrets.toml:3)");
    }

    @Test
    void hikariTablePassesSettingsByHikariNamesAndWinsLast() {
        PoolSettings pool = pool("pool_size", 2L, "hikari", Map.of("maximumPoolSize", 7L, "leakDetectionThreshold", "60000",
                "minimumIdle", 1L, "readOnly", true));

        HikariConfig hikari = new HikariConfig();
        pool.applyTo(hikari);

        assertThat(hikari.getMaximumPoolSize()).isEqualTo(7);
        assertThat(hikari.getMinimumIdle()).isEqualTo(1);
        assertThat(hikari.getLeakDetectionThreshold()).isEqualTo(60_000);
        assertThat(hikari.isReadOnly()).isTrue();
    }

    @Test
    void unknownHikariSettingIsNamedWithASuggestion() {
        assertThatThrownBy(() -> pool("hikari", Map.of("maxPoolSize", 7L)))
                .hasMessageStartingWith("connections.pets.hikari.maxPoolSize: unknown HikariCP setting"
                        + " (.streamlit/secrets.toml:3). Did you mean maximumPoolSize? Valid HikariCP settings:"
                        + " allowPoolSuspension, autoCommit, catalog, connectionInitSql, connectionTestQuery, connectionTimeout,")
                .hasMessageContaining(" leakDetectionThreshold, maxLifetime, maximumPoolSize, minimumIdle,");
    }

    @Test
    void hikariSettingsTheConnectorOwnsAreRefused() {
        assertThatThrownBy(() -> pool("hikari", Map.of("jdbcUrl", "jdbc:h2:mem:x")))
                .hasMessage("connections.pets.hikari.jdbcUrl: reserved for the sql connector (.streamlit/secrets.toml:3)."
                        + " Set url (or dialect, host, port, database), driver, username and password instead.");
    }

    @Test
    void hikariValueHikariRejectsIsNamed() {
        assertThatThrownBy(() -> pool("hikari", Map.of("maximumPoolSize", 0L)))
                .hasMessage("connections.pets.hikari.maximumPoolSize: HikariCP rejects its value: maxPoolSize cannot be less"
                        + " than 1 (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> pool("hikari", Map.of("transactionIsolation", "READ_COMMITED")))
                .hasMessage("connections.pets.hikari.transactionIsolation: HikariCP knows no such transaction isolation"
                        + " (.streamlit/secrets.toml:3). Write a TRANSACTION_* name of java.sql.Connection, such as"
                        + " TRANSACTION_READ_COMMITTED.");
        assertThat(pool("hikari", Map.of("transactionIsolation", "TRANSACTION_READ_COMMITTED")).hikari())
                .containsEntry("transactionIsolation", "TRANSACTION_READ_COMMITTED");
        assertThatThrownBy(() -> pool("hikari", Map.of("exceptionOverrideClassName", "com.example.Missing")))
                .hasMessageStartingWith("connections.pets.hikari.exceptionOverrideClassName: HikariCP rejects"
                        + " its value: ")
                .hasMessageEndingWith(" (.streamlit/secrets.toml:3).");
        assertThatThrownBy(() -> pool("hikari", Map.of("readOnly", "maybe")))
                .hasMessage("connections.pets.hikari.readOnly: expected a boolean but found a string (.streamlit/secrets.toml:3)");
    }

    @Test
    void privateInMemoryDatabaseKeepsOneConnectionForGood() {
        PoolSettings expected = new PoolSettings(1, 1, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, true, null, Map.of());

        try (LogCapture log = LogCapture.of(PoolSettings.class, Level.WARN)) {
            assertThat(SqlSettings.from(section("url", "sqlite://", "pool_size", 10L)).pool()).isEqualTo(expected);

            assertThat(log.messages()).containsExactly("connections.pets.pool_size is ignored (.streamlit/secrets.toml:3):"
                    + " each connection to a private in-memory database sees its own empty database, so the pool keeps"
                    + " one connection for good");
        }
        assertThat(SqlSettings.from(section("url", "duckdb://")).pool()).isEqualTo(expected);
        assertThat(SqlSettings.from(section("url", "jdbc:h2:mem:")).pool()).isEqualTo(expected);
        assertThat(SqlSettings.from(section("url", "h2:mem:pets")).pool().maximumPoolSize()).isEqualTo(15);
        assertThat(SqlSettings.from(section("url", "sqlite:////tmp/pets.db")).pool().maximumPoolSize()).isEqualTo(15);
    }
}
