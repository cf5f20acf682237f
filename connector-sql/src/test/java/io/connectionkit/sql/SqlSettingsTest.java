package io.connectionkit.sql;

import io.connectionkit.testkit.LogCapture;
import ch.qos.logback.classic.Level;
import io.connectionkit.api.ConnectionConfig;
import io.connectionkit.api.ConnectionConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.connectionkit.sql.Configs.section;
import static io.connectionkit.sql.Configs.withOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlSettingsTest {

    private static final String CANARY = "canary-Pw-123";

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    @Test
    void connectingIsBoundedByPoolTimeoutUnlessConnectArgsSayOtherwise() {
        assertThat(SqlSettings.from(section("url", "mariadb://root@h/db", "pool_timeout", 2)).driverProperties())
                .containsEntry("connectTimeout", "2000");
        assertThat(SqlSettings.from(section("url", "postgresql://u@h/db", "pool_timeout", 2.5)).driverProperties())
                .containsEntry("loginTimeout", "3");
        assertThat(SqlSettings.from(section("url", "postgresql://u@h/db",
                "connect_args", Map.of("loginTimeout", "60"))).driverProperties())
                .containsEntry("loginTimeout", "60");
        assertThat(SqlSettings.from(section("url", "h2:mem:x")).driverProperties()).doesNotContainKey("loginTimeout");
    }

    @Test
    void partsBecomeAJdbcUrlWithCredentialsAsDriverProperties() {
        SqlSettings settings = SqlSettings.from(section("dialect", "postgresql", "host", "127.0.0.1", "port", "5432",
                "database", "test", "username", "postgres", "password", "pw", "query", Map.of("sslmode", "disable")));

        assertThat(settings.dialect()).isEqualTo("postgresql");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable");
        assertThat(settings.driverProperties()).isEqualTo(properties(Map.of("user", "postgres", "password", "pw",
                "loginTimeout", "30")));
        assertThat(settings.driverClassName()).isNull();
        assertThat(settings.retryWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.echo()).isFalse();
    }

    @Test
    void portMayBeAnInteger() {
        SqlSettings settings = SqlSettings.from(section("dialect", "mariadb", "host", "h", "port", 3306L, "username", "root"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/");
    }

    @Test
    void urlWinsOverThePartsButUsernameAndPasswordBesideItAreTheCredentials() {
        try (LogCapture log = LogCapture.of(SqlSettings.class, Level.WARN)) {
            SqlSettings settings = SqlSettings.from(section("url", "postgresql://db.example.com/pets", "host", "ignored",
                    "username", "scott", "password", "tiger"));

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com/pets");
            assertThat(settings.driverProperties()).isEqualTo(properties(Map.of("user", "scott", "password", "tiger",
                    "loginTimeout", "30")));
            assertThat(log.messages()).containsExactly(
                    "connections.pets.host is ignored because url is set (.streamlit/secrets.toml:3)");
        }
    }

    @Test
    void partsBesideAUrlAreIgnoredWithAWarning() {
        try (LogCapture log = LogCapture.of(SqlSettings.class, Level.WARN)) {
            SqlSettings.from(section("url", "postgresql://u@h/db", "host", "other", "database", "other"));

            assertThat(log.messages()).containsExactly(
                    "connections.pets.host is ignored because url is set (.streamlit/secrets.toml:3)",
                    "connections.pets.database is ignored because url is set (.streamlit/secrets.toml:4)");
        }
    }

    @Test
    void credentialsWrittenInTheUrlWinOverTheKeys() {
        SqlSettings settings = SqlSettings.from(section("url", "postgresql://alice:a%40pw@h/db", "username", "scott",
                "password", "tiger"));

        assertThat(settings.driverProperties()).isEqualTo(properties(Map.of("user", "alice", "password", "a@pw",
                "loginTimeout", "30")));
    }

    @Test
    void aPasswordInsideAJdbcUrlGoesToTheDriverAsAProperty() {
        SqlSettings settings = SqlSettings.from(section("url", "jdbc:postgresql://h/db?user=app&password=from-url",
                "username", "other", "password", "from-url", "connect_args", Map.of("password", "from-url")));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?user=app");
        assertThat(settings.driverProperties()).as("the same value given beside it is fine")
                .isEqualTo(properties(Map.of("user", "other", "password", "from-url", "loginTimeout", "30")));
        assertThat(SqlSettings.from(section("url", "jdbc:mariadb://app:pw@h/db")).driverProperties())
                .containsEntry("user", "app").containsEntry("password", "pw");
    }

    @Test
    void connectArgsWinOverTheUserInfoOfASqlAlchemyUrlAsInSqlAlchemy() {
        SqlSettings settings = SqlSettings.from(section("url", "mariadb://app:placeholder@h/db?sslpassword=from-url",
                "username", "other", "password", "from-key",
                "connect_args", Map.of("password", "from-connect-args", "sslpassword", "ssl-from-connect-args")));

        assertThat(settings.driverProperties()).containsEntry("user", "app").containsEntry("password", "from-connect-args")
                .containsEntry("sslpassword", "ssl-from-connect-args");
    }

    @Test
    void aValueTakenOutOfAJdbcUrlThatIsGivenDifferentlyBesideItIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> SqlSettings.from(section("url", "jdbc:postgresql://h/db?password=" + CANARY,
                "password", "other-" + CANARY)))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.url (.streamlit/secrets.toml:2) and connections.pets.password"
                        + " (.streamlit/secrets.toml:3) give the driver property password two different values, and drivers"
                        + " differ on which one wins. Give it once, in one of the two.");
        assertThatThrownBy(() -> SqlSettings.from(section("url", "jdbc:mariadb://app:" + CANARY + "@h/db",
                "create_engine_kwargs", Map.of("connect_args", Map.of("password", "other-" + CANARY)))))
                .hasMessage("connections.pets.url (.streamlit/secrets.toml:2) and"
                        + " connections.pets.create_engine_kwargs.connect_args.password (.streamlit/secrets.toml:3) give the"
                        + " driver property password two different values, and drivers differ on which one wins. Give it"
                        + " once, in one of the two.");
        assertThatThrownBy(() -> SqlSettings.from(withOptions(section("url", "jdbc:mariadb://app:" + CANARY + "@h/db"),
                "connect_args", Map.of("password", "other-" + CANARY))))
                .hasMessageStartingWith("connections.pets.url (.streamlit/secrets.toml:2) and"
                        + " connections.pets.connect_args.password (option) give the driver property password");
        assertThatThrownBy(() -> SqlSettings.from(section("url", "jdbc:mariadb://app:" + CANARY + "@h/db",
                "username", "other")))
                .hasMessageStartingWith("connections.pets.url (.streamlit/secrets.toml:2) and connections.pets.username"
                        + " (.streamlit/secrets.toml:3) give the driver property user two different values")
                .hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "h2", "database", "mem:pets;PASSWORD=" + CANARY,
                "connect_args", Map.of("PASSWORD", "other"))))
                .hasMessageStartingWith("connections.pets.database (.streamlit/secrets.toml:3) and"
                        + " connections.pets.connect_args.PASSWORD (.streamlit/secrets.toml:4) give the driver property password");
    }

    @Test
    void aValueTakenOutOfAnH2UrlAndGivenAlikeBesideItReachesH2Once() {
        SqlSettings settings = SqlSettings.from(section("url", "jdbc:h2:mem:pets;PASSWORD=pw", "connect_args",
                Map.of("PASSWORD", "pw")));

        assertThat(settings.driverProperties()).isEqualTo(properties(Map.of("password", "pw")));
    }

    @Test
    void settingsWhoseNameOnlyMentionsAPasswordStayInTheUrlAndSecretNamedOnesMoveOut() {
        assertThat(SqlSettings.from(section("url", "jdbc:mysql://db/pets?disconnectOnExpiredPasswords=true"
                + "&passwordCharacterEncoding=UTF-8&passwd=pw")).jdbcUrl())
                .isEqualTo("jdbc:mysql://db/pets?disconnectOnExpiredPasswords=true&passwordCharacterEncoding=UTF-8");
        SqlSettings h2 = SqlSettings.from(section("url", "jdbc:h2:mem:pets;PASSWORD_HASH=TRUE;MODE=MySQL"));
        assertThat(h2.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;PASSWORD_HASH=TRUE;MODE=MySQL");
        assertThat(h2.driverProperties()).isEmpty();
    }

    @Test
    void anH2UrlWithAQueryStringIsRefusedNamingUrlNeverItsValue() {
        assertThatThrownBy(() -> SqlSettings.from(section("url", "jdbc:h2:mem:pets?user=sa&password=" + CANARY)))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.url: has ?key=value after the database, which H2 takes for part of the"
                        + " database name (.streamlit/secrets.toml:2). Write H2's settings after semicolons, such as"
                        + " jdbc:h2:mem:pets;USER=sa;PASSWORD=..., or give the user and password as username and password.");
    }

    @Test
    void anEmbeddedPathThatIsNoPlainNameShowsOnlyItsScheme() {
        SqlSettings settings = SqlSettings.from(section("url", "jdbc:duckdb:ducklake:postgres:dbname=lake host=db password="
                + CANARY));

        assertThat(settings.jdbcUrl()).as("DuckDB needs it there").contains(CANARY);
        assertThat(settings.toString()).doesNotContain(CANARY).contains("jdbcUrl=jdbc:duckdb:…,");
    }

    @Test
    void aJdbcUrlOfAnUnknownDriverThatCarriesAPasswordIsPassedAsWrittenWithAWarning() {
        try (LogCapture log = LogCapture.of(SqlSettings.class, Level.WARN)) {
            SqlSettings settings = SqlSettings.from(section("url", "jdbc:foo://app:" + CANARY + "@h:1234/db"));
            SqlSettings.from(section("url", "jdbc:foo://h:1234/db;user=app"));

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:foo://app:" + CANARY + "@h:1234/db");
            assertThat(log.messages()).containsExactly("connections.pets.url (.streamlit/secrets.toml:2): the sql"
                    + " connector does not know the syntax of jdbc:foo URLs, so this one goes to the driver as written,"
                    + " and the password it seems to carry (in its user info, or a parameter whose name looks secret)"
                    + " may reach that driver's log. Give the password as password instead");
        }
    }

    @Test
    void queryEntriesBesideAJdbcUrlBecomeItsParameters() {
        SqlSettings settings = SqlSettings.from(section("url", "jdbc:h2:mem:pets", "username", "sa",
                "query", Map.of("MODE", "PostgreSQL")));

        assertThat(settings.dialect()).isEqualTo("h2");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;MODE=PostgreSQL");
        assertThat(settings.driverProperties()).isEqualTo(properties(Map.of("user", "sa")));
    }

    @Test
    void aJavaDriverClassIsUsedAndAPythonDriverIgnored() {
        assertThat(SqlSettings.from(section("url", "jdbc:h2:mem:x", "driver", "org.h2.Driver")).driverClassName())
                .isEqualTo("org.h2.Driver");
        assertThat(SqlSettings.from(section("dialect", "postgresql", "driver", "psycopg2", "host", "h", "username", "u"))
                .driverClassName()).isNull();
    }

    @Test
    void embeddedDialectsNeedNoHostNorUsername() {
        assertThat(SqlSettings.from(section("dialect", "sqlite", "database", ":memory:")).jdbcUrl())
                .isEqualTo("jdbc:sqlite::memory:");
        assertThat(SqlSettings.from(section("dialect", "h2", "database", "mem:pets")).jdbcUrl())
                .isEqualTo("jdbc:h2:mem:pets;DB_CLOSE_DELAY=-1");
    }

    @Test
    void aPasswordInAnEmbeddedDatabaseWithoutUrlMovesOutAsFromItsDriversUrl() {
        SqlSettings h2 = SqlSettings.from(section("dialect", "h2", "database", "mem:pets;USER=sa;PASSWORD=" + CANARY));
        SqlSettings duck = SqlSettings.from(section("dialect", "duckdb", "database", "md:pets?motherduck_token=" + CANARY
                + "&saas_mode=true"));
        SqlSettings sqlite = SqlSettings.from(section("dialect", "sqlite", "database", "/tmp/pets.db?password=" + CANARY));

        assertThat(h2.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;USER=sa;DB_CLOSE_DELAY=-1");
        assertThat(h2.driverProperties()).isEqualTo(properties(Map.of("password", CANARY)));
        assertThat(duck.jdbcUrl()).isEqualTo("jdbc:duckdb:md:pets?saas_mode=true");
        assertThat(duck.driverProperties()).isEqualTo(properties(Map.of("motherduck_token", CANARY)));
        assertThat(sqlite.jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/pets.db");
        assertThat(sqlite.driverProperties()).isEqualTo(properties(Map.of("password", CANARY)));
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "h2", "database", "mem:pets?password=" + CANARY)))
                .hasMessageStartingWith("connections.pets.database: has ?key=value after the database, which H2 takes for"
                        + " part of the database name (.streamlit/secrets.toml:3).")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void theShortH2FormTakesAQueryEntryItsUrlSetsAsAJdbcH2UrlDoes() {
        for (String url : List.of("h2:mem:pets;PASSWORD=from-url", "jdbc:h2:mem:pets;PASSWORD=from-url")) {
            SqlSettings settings = SqlSettings.from(section("url", url, "query", Map.of("PASSWORD", "from-query",
                    "MODE", "MySQL")));

            assertThat(settings.driverProperties()).as(url).isEqualTo(properties(Map.of("password", "from-url")));
            assertThat(settings.jdbcUrl()).as(url).endsWith(";MODE=MySQL").doesNotContain("from");
        }
    }

    @Test
    void sqliteAndDuckdbGetNoCredentials() {
        SqlSettings settings = SqlSettings.from(section("url", "sqlite:////tmp/pets.db", "username", "u", "password", "p"));

        assertThat(settings.driverProperties()).isEmpty();
    }

    @Test
    void emptyConfigurationIsMissingFromSecretsAndOptions() {
        assertThatThrownBy(() -> SqlSettings.from(ConnectionConfig.empty("connections.pets")))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("Missing SQL connection configuration for [connections.pets]: secrets.toml and the options"
                        + " give none of url, dialect, driver, username, password, host, port, database, query."
                        + " Add url = \"dialect://username:password@host:port/database\" (or dialect, host, username, ...)"
                        + " to [connections.pets] in .streamlit/secrets.toml, or pass them as options.");
    }

    @Test
    void onlyPoolSettingsAreStillAMissingConfiguration() {
        assertThatThrownBy(() -> SqlSettings.from(ConnectionConfig.of("connections.pets", Map.of("pool_size", 3))))
                .hasMessageStartingWith("Missing SQL connection configuration for [connections.pets]");
    }

    @Test
    void unknownKeyIsATypoWithASuggestionAndTheValidKeys() {
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "postgresql", "usernme", "scott")))
                .isInstanceOf(ConnectionConfigException.class)
                .hasMessage("connections.pets.usernme: unknown setting (.streamlit/secrets.toml:3). Did you mean username?"
                        + " Valid settings: url, dialect, driver, username, password, host, port, database, query, type,"
                        + " create_engine_kwargs, hikari, retry_wait, query_timeout, pool_size, max_overflow, pool_timeout, pool_recycle,"
                        + " pool_pre_ping, connect_args, echo, autocommit, isolation_level.");
    }

    @Test
    void missingDialectIsNamed() {
        assertThatThrownBy(() -> SqlSettings.from(section("host", "h", "username", "u")))
                .hasMessage("connections.pets.dialect is required when url is not set (section [connections.pets] at"
                        + " .streamlit/secrets.toml:1). Set dialect (duckdb, h2, mariadb, mssql, mysql, postgresql, sqlite)"
                        + " with host, username and the rest, or set url = \"postgresql://user:password@host:5432/database\".");
    }

    @Test
    void missingUsernameIsNamed() {
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "postgresql", "host", "h")))
                .hasMessage("connections.pets.username is required for dialect postgresql when url is not set (section"
                        + " [connections.pets] at .streamlit/secrets.toml:1). Set username, or set url instead, such as"
                        + " url = \"postgresql://user:password@host:port/database\".");
    }

    @Test
    void missingHostIsNamedAndOptionsAreSaidToBeOptions() {
        assertThatThrownBy(() -> SqlSettings.from(ConnectionConfig.of("connections.pets",
                Map.of("dialect", "mysql", "username", "u"))))
                .hasMessage("connections.pets.host is required for dialect mysql when url is not set (section"
                        + " [connections.pets] from options). Set host, or set url instead, such as"
                        + " url = \"mysql://user:password@host:port/database\".");
    }

    @Test
    void unknownDialectListsTheKnownOnesAndSaysAJdbcUrlAlwaysWorks() {
        String hint = " Known dialects: duckdb, h2, mariadb, mssql, mysql, postgresql, sqlite. Any other database works"
                + " with a jdbc: URL and its driver on the class path, such as url = \"jdbc:oracle:thin:@//host:1521/service\".";
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "oracle", "host", "h", "username", "u")))
                .hasMessage("connections.pets.dialect: names no dialect the sql connector knows"
                        + " (.streamlit/secrets.toml:2)." + hint);
        // A URL's scheme is where it leads: it may be named.
        assertThatThrownBy(() -> SqlSettings.from(section("url", "oracle://u:pw-of-oracle@h/db")))
                .hasMessage("connections.pets.url: unknown dialect \"oracle\" (.streamlit/secrets.toml:2)." + hint);
    }

    @Test
    void badPortsAreNamedWithTheirSourceButNotTheirValue() {
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "postgresql", "host", "h", "username", "u", "port", "abc")))
                .hasMessage("connections.pets.port: expected a port number from 1 to 65535 (.streamlit/secrets.toml:5).");
        assertThatThrownBy(() -> SqlSettings.from(section("dialect", "postgresql", "host", "h", "username", "u", "port", 70000L)))
                .hasMessage("connections.pets.port: expected a port number from 1 to 65535 (.streamlit/secrets.toml:5).");
        assertThat(SqlSettings.from(section("dialect", "postgresql", "host", "h", "username", "u", "port", " 5433"))
                .jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/");
        assertThatThrownBy(() -> SqlSettings.from(section("url", "postgresql://u@h:0/db")))
                .hasMessage("connections.pets.url: has a port that is not a number from 1 to 65535"
                        + " (.streamlit/secrets.toml:2). Write host:port, such as db.example.com:5432, with an @, / or ?"
                        + " in the password written as %40, %2F or %3F.");
        // user:password@ without the @: the password is read as the port, and must not show.
        assertThatThrownBy(() -> SqlSettings.from(section("url", "jdbc:postgresql://admin:" + CANARY + "/db")))
                .hasMessageStartingWith("connections.pets.url: has a port that is not a number from 1 to 65535"
                        + " (.streamlit/secrets.toml:2). Write host:port")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void blankUrlIsNamed() {
        assertThatThrownBy(() -> SqlSettings.from(section("url", " ")))
                .hasMessage("connections.pets.url is required but blank (.streamlit/secrets.toml:2)");
    }

    @Test
    void retryWaitIsSecondsAndZeroIsAllowed() {
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "retry_wait", 0L)).retryWait()).isEqualTo(Duration.ZERO);
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "retry_wait", 0.25)).retryWait()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> SqlSettings.from(section("url", "h2:mem:x", "retry_wait", -1L)))
                .hasMessage("connections.pets.retry_wait: expected a number of seconds from 0 to 86400"
                        + " (.streamlit/secrets.toml:3).");
    }

    @Test
    void queryTimeoutIsSecondsAndZeroMeansNone() {
        assertThat(SqlSettings.from(section("url", "h2:mem:x")).queryTimeout()).isNull();
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "query_timeout", 0L)).queryTimeout()).isNull();
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "query_timeout", 2.5)).queryTimeout())
                .isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> SqlSettings.from(section("url", "h2:mem:x", "query_timeout", "soon")))
                .hasMessageStartingWith("connections.pets.query_timeout: expected a number")
                .hasMessageNotContaining("soon");
        assertThatThrownBy(() -> SqlSettings.from(section("url", "h2:mem:x", "query_timeout", -3L)))
                .hasMessage("connections.pets.query_timeout: expected a number of seconds from 0 to 86400"
                        + " (.streamlit/secrets.toml:3).");
    }

    @Test
    void echoIsTrueOrSqlAlchemysDebug() {
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "echo", true)).echo()).isTrue();
        assertThat(SqlSettings.from(section("url", "h2:mem:x", "create_engine_kwargs", Map.of("echo", "debug"))).echo()).isTrue();
    }

    @Test
    void connectArgsBecomeDriverPropertiesTheOptionsWinning() {
        ConnectionConfig config = withOptions(section("url", "sqlite:////tmp/x.db", "create_engine_kwargs",
                        Map.of("connect_args", Map.of("busy_timeout", 1000L, "check_same_thread", false, "journal_mode", "WAL"))),
                "connect_args", Map.of("busy_timeout", 5000L));

        assertThat(SqlSettings.from(config).driverProperties())
                .isEqualTo(properties(Map.of("busy_timeout", "5000", "journal_mode", "WAL")));
    }

    @Test
    void thePasswordShowsInNoMessageAndNoToString() {
        Object[][] broken = {
                {"password", CANARY, "usernme", "u", "dialect", "postgresql"},
                {"password", CANARY, "dialect", "postgresql", "host", "h"},
                {"password", CANARY, "dialect", "oracle", "host", "h", "username", "u"},
                {"url", "postgresql://u:" + CANARY + "@h:99999/db"},
                {"url", "oracle://u:" + CANARY + "@h/db"},
                {"url", "u:" + CANARY + "@h"},
                {"password", CANARY, "dialect", "postgresql", "host", "h", "username", "u", "port", "x" + CANARY},
                {"url", "postgresql://u:" + CANARY + "@h/db", "create_engine_kwargs", Map.of("pool_size", CANARY)},
                {"url", "postgresql://u:" + CANARY + "@h/db", "hikari", Map.of("maximumPoolSize", 0L)},
                // A value in the wrong place may be a password: no message repeats a value of any key.
                {"url", "jdbc:postgresql://admin:" + CANARY + "/db"},
                {"url", "jdbc:sqlserver://h;password={" + CANARY},
                {"url", "jdbc:mysql://address=(host=a)(password=" + CANARY + "),address=(host=b)(password=x)/db"},
                {"url", "jdbc:oracle:thin:scott/\"" + CANARY + "@h:1521/orcl"},
                {"dialect", CANARY, "host", "h", "username", "u"},
                {"dialect", "postgresql", "host", "h", "username", "u", "port", CANARY},
                {"url", "h2:mem:x", "retry_wait", CANARY},
                {"url", "h2:mem:x", "query", CANARY},
                {"url", "h2:mem:x", "create_engine_kwargs", CANARY},
                {"url", "h2:mem:x", "isolation_level", CANARY},
                {"url", "h2:mem:x", "pool_recycle", CANARY},
                {"url", "h2:mem:x", "hikari", Map.of("transactionIsolation", CANARY)},
                {"url", "h2:mem:x", "hikari", Map.of("readOnly", CANARY)},
                {"url", "h2:mem:x", "connect_args", Map.of("x", List.of(CANARY))},
        };
        for (Object[] keys : broken) {
            assertThatThrownBy(() -> SqlSettings.from(section(keys))).as("configuration with keys %s", keys[keys.length - 2])
                    .isInstanceOf(ConnectionConfigException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY))
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(CANARY));
        }
        SqlSettings settings = SqlSettings.from(section("url", "postgresql://u:" + CANARY + "@h/db?sslpassword=" + CANARY,
                "connect_args", Map.of("sslkey", CANARY)));
        assertThat(settings.driverProperties()).containsValue(CANARY);
        assertThat(settings.toString()).doesNotContain(CANARY)
                .isEqualTo("SqlSettings[dialect=postgresql, jdbcUrl=jdbc:postgresql://h/db, driverClassName=null,"
                        + " driverProperties={loginTimeout=****, password=****, sslkey=****, sslpassword=****, user=****},"
                        + " pool=PoolSettings[minimumIdle=5, maximumPoolSize=15, connectionTimeout=PT30S,"
                        + " maxLifetime=PT30M, idleTimeout=PT10M, autoCommit=true, transactionIsolation=null, hikari={}],"
                        + " retryWait=PT1S, queryTimeout=null, echo=false]");
    }

    @Test
    void settingsCannotBeChangedThroughTheirProperties() {
        SqlSettings settings = SqlSettings.from(section("url", "h2:mem:x", "username", "sa"));

        settings.driverProperties().setProperty("user", "mallory");

        assertThat(settings.driverProperties().getProperty("user")).isEqualTo("sa");
    }

    @Test
    void relativeSqliteFileIsResolvedAgainstTheWorkingDirectory() {
        assertThat(SqlSettings.from(section("url", "sqlite:///pets.db")).jdbcUrl())
                .isEqualTo("jdbc:sqlite:" + Path.of(System.getProperty("user.dir"), "pets.db"));
    }
}
