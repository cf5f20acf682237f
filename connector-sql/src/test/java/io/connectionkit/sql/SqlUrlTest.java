package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlUrlTest {

    private static final Predicate<String> SECRET = ConnectionConfig.empty("connections.t")::isSensitive;

    private static SqlUrl parse(String url) {
        return SqlUrl.parse(url, Map.of(), SECRET);
    }

    private static String cwd(String file) {
        return Path.of(System.getProperty("user.dir")).resolve(file).toString();
    }

    @Test
    void postgresqlUrlBecomesJdbcWithCredentialsApart() {
        SqlUrl url = parse("postgresql://scott:tiger@db.example.com:5432/pets");

        assertThat(url.dialect()).isEqualTo("postgresql");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/pets");
        assertThat(url.urlProperties().get("user")).isEqualTo("scott");
        assertThat(url.urlProperties().get("password")).isEqualTo("tiger");
        assertThat(url.privateMemory()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "postgresql+psycopg2://u:p@h:5432/db, postgresql, jdbc:postgresql://h:5432/db",
            "postgresql+asyncpg://u:p@h/db,       postgresql, jdbc:postgresql://h/db",
            "postgres://u@h:5432/db,              postgresql, jdbc:postgresql://h:5432/db",
            "mysql+pymysql://u:p@h:3306/db,       mysql,      jdbc:mysql://h:3306/db",
            "mysql+mysqldb://u:p@h/db,            mysql,      jdbc:mysql://h/db",
            "mariadb://u:p@h:3306/db,             mariadb,    jdbc:mariadb://h:3306/db",
            "mariadb+mariadbconnector://u@h/db,   mariadb,    jdbc:mariadb://h/db",
            "mssql+pyodbc://u:p@h:1433/db,        mssql,      jdbc:sqlserver://h:1433;databaseName=db",
            "mssql+pymssql://u:p@h/db,            mssql,      jdbc:sqlserver://h;databaseName=db",
            "postgresql://u:p@[::1]:5432/db,      postgresql, jdbc:postgresql://[::1]:5432/db",
    })
    void pythonDriverNamesAreIgnored(String sqlalchemy, String dialect, String jdbc) {
        SqlUrl url = parse(sqlalchemy);

        assertThat(url.dialect()).isEqualTo(dialect);
        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        SqlUrl url = parse("postgresql://us%40er:p%40ss%2Fw+rd@h/db");

        assertThat(url.urlProperties().get("user")).isEqualTo("us@er");
        assertThat(url.urlProperties().get("password")).isEqualTo("p@ss/w+rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void passwordMayHoldColonSlashAndQuestionMarkAsSqlAlchemyAllows() {
        SqlUrl url = parse("postgresql://u:a:b/c?d@h:5432/db");

        assertThat(url.urlProperties().get("password")).isEqualTo("a:b/c?d");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void urlParametersAndQueryEntriesStayInTheJdbcUrlTheUrlsOwnWinning() {
        SqlUrl url = SqlUrl.parse("postgresql://u@h/db?sslmode=require&application_name=my%20app",
                Map.of("sslmode", "disable", "connectTimeout", "5"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require&application_name=my%20app&connectTimeout=5");
    }

    @Test
    void secretUrlParametersBecomeDriverPropertiesThatWinAsTheUrlsOwn() {
        SqlUrl url = SqlUrl.parse("postgresql://u@h/db?sslmode=require&sslpassword=s3%2Bcret",
                Map.of("sslpassword", "from-query", "token", "t0ken"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require");
        assertThat(url.urlProperties()).containsExactly(Map.entry("user", "u"), Map.entry("sslpassword", "s3+cret"));
        assertThat(url.properties()).containsExactly(Map.entry("token", "t0ken"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("s3%2Bcret", "s3+cret", "t0ken", "from-query");
        assertThat(url.toString()).doesNotContain("s3").doesNotContain("t0ken");
    }

    @Test
    void mssqlQueryEntriesAreSemicolonSettingsAndTheOdbcDriverIsDropped() {
        SqlUrl url = parse("mssql+pyodbc://u:p@h:1433/db?driver=ODBC+Driver+18+for+SQL+Server&encrypt=true");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlserver://h:1433;databaseName=db;encrypt=true");
    }

    @Test
    void sqliteRelativePathIsRelativeToTheWorkingDirectory() {
        SqlUrl url = parse("sqlite:///relative.db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + cwd("relative.db"));
        assertThat(url.privateMemory()).isFalse();
    }

    @Test
    void sqliteFourSlashesIsAnAbsolutePath() {
        assertThat(parse("sqlite:////abs/path.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/abs/path.db");
    }

    @ParameterizedTest
    @CsvSource({"sqlite://", "sqlite:///:memory:", "sqlite:///"})
    void sqliteWithoutAFileIsAPrivateInMemoryDatabase(String sqlalchemy) {
        SqlUrl url = parse(sqlalchemy);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
        assertThat(url.privateMemory()).isTrue();
    }

    @Test
    void duckdbFileAndMemory() {
        assertThat(parse("duckdb:///file.duckdb").jdbcUrl()).isEqualTo("jdbc:duckdb:" + cwd("file.duckdb"));
        assertThat(parse("duckdb:////data/x.duckdb").jdbcUrl()).isEqualTo("jdbc:duckdb:/data/x.duckdb");
        assertThat(parse("duckdb:///md:my_db").jdbcUrl()).isEqualTo("jdbc:duckdb:md:my_db");
        SqlUrl memory = parse("duckdb://");
        assertThat(memory.jdbcUrl()).isEqualTo("jdbc:duckdb:");
        assertThat(memory.privateMemory()).isTrue();
    }

    @Test
    void duckdbSettingsGoToTheDriverAsProperties() {
        SqlUrl url = parse("duckdb:///file.duckdb?threads=4");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:duckdb:" + cwd("file.duckdb"));
        assertThat(url.properties()).containsExactly(Map.entry("threads", "4"));
    }

    @Test
    void h2NamedMemoryDatabaseOutlivesItsConnections() {
        SqlUrl url = parse("h2:mem:pets");

        assertThat(url.dialect()).isEqualTo("h2");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;DB_CLOSE_DELAY=-1");
        assertThat(url.privateMemory()).isFalse();
    }

    @Test
    void h2KeepsAGivenCloseDelayAndAddsQueryEntriesAsSettings() {
        assertThat(SqlUrl.parse("h2:mem:pets;db_close_delay=10", Map.of("MODE", "PostgreSQL"), SECRET).jdbcUrl())
                .isEqualTo("jdbc:h2:mem:pets;db_close_delay=10;MODE=PostgreSQL");
    }

    @Test
    void aSettingWhoseValueHoldsASemicolonGoesAsAPropertyWhereSemicolonsEndSettings() {
        SqlUrl h2 = SqlUrl.parse("h2:mem:pets", Map.of("INIT", "create schema a;create schema b", "MODE", "MySQL"), SECRET);
        SqlUrl mssql = SqlUrl.parse("mssql://u@h/db", Map.of("applicationName", "a;b"), SECRET);

        assertThat(h2.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;DB_CLOSE_DELAY=-1;MODE=MySQL");
        assertThat(h2.properties()).containsExactly(Map.entry("INIT", "create schema a;create schema b"));
        assertThat(mssql.jdbcUrl()).isEqualTo("jdbc:sqlserver://h;databaseName=db");
        assertThat(mssql.properties()).containsExactly(Map.entry("applicationName", "a;b"));
    }

    @Test
    void sqliteUriParametersStayInTheUrlWhereSqliteDecodesThem() {
        SqlUrl url = SqlUrl.parse("sqlite:///pets.db", Map.of("modeof", "/data/my pets.db", "date_string_format", "yyyy-MM-dd HH:mm"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + cwd("pets.db") + "?modeof=%2Fdata%2Fmy%20pets.db");
        assertThat(url.properties()).containsExactly(Map.entry("date_string_format", "yyyy-MM-dd HH:mm"));
    }

    @Test
    void aSqlServerValueBracedForItsUrlGoesAsAPropertyWithoutTheBraces() {
        SqlUrl url = SqlUrl.parse("mssql://u@h/db", Map.of("applicationName", "{a;b}}c}"), SECRET);

        assertThat(url.properties()).containsExactly(Map.entry("applicationName", "a;b}c"));
    }

    @Test
    void h2sSqlAlchemyFormTakesItsParametersAsSettings() {
        SqlUrl url = SqlUrl.parse("h2:///pets?MODE=MySQL&PASSWORD=p%40w", Map.of("MODE", "PostgreSQL"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:file:" + cwd("pets") + ";MODE=MySQL");
        assertThat(url.properties()).containsExactly(Map.entry("password", "p@w"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("p%40w", "p@w");
        assertThat(parse("h2://").jdbcUrl()).isEqualTo("jdbc:h2:mem:");
    }

    @Test
    void h2FileAndUnnamedMemory() {
        assertThat(parse("h2:file:/data/pets").jdbcUrl()).isEqualTo("jdbc:h2:file:/data/pets");
        assertThat(parse("h2:mem:").privateMemory()).isTrue();
        assertThat(parse("h2:mem:").jdbcUrl()).isEqualTo("jdbc:h2:mem:");
    }

    @Test
    void jdbcUrlIsTakenAsIsWithItsSubprotocolAsDialect() {
        SqlUrl url = SqlUrl.parse("jdbc:oracle:thin:@//h:1521/svc", Map.of("oracle.net.CONNECT_TIMEOUT", "5000"), SECRET);

        assertThat(url.dialect()).isEqualTo("oracle");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:oracle:thin:@//h:1521/svc");
        assertThat(url.properties()).containsExactly(Map.entry("oracle.net.CONNECT_TIMEOUT", "5000"));
        assertThat(parse("jdbc:h2:mem:x").dialect()).isEqualTo("h2");
        assertThat(parse("jdbc:sqlserver://h;databaseName=db").dialect()).isEqualTo("mssql");
        assertThat(parse("jdbc:sqlite::memory:").privateMemory()).isTrue();
        assertThat(parse("jdbc:sqlite:/tmp/x.db").privateMemory()).isFalse();
    }

    @Test
    void aPasswordInAJdbcUrlGoesToTheDriverAsAPropertyThatWinsOverAQueryEntry() {
        SqlUrl url = SqlUrl.parse("jdbc:postgresql://h/db?password=from-url&sslmode=require",
                Map.of("password", "from-query", "connectTimeout", "5"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require&connectTimeout=5");
        assertThat(url.urlProperties()).containsExactly(Map.entry("password", "from-url"));
        assertThat(url.properties()).isEmpty();
        assertThat(url.secrets()).as("a secret-named entry is a secret, sent or not").containsExactly("from-url", "from-query");
        assertThat(url.credentialInUrl()).isFalse();
    }

    @Test
    void aJdbcUrlOfAnUnknownSubprotocolIsPassedAsWrittenItsSecretsDeclared() {
        SqlUrl url = SqlUrl.parse("jdbc:db2://h:50000/pets:user=app;password=pa%24s;", Map.of("sslTrustStorePassword", "tsp"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:db2://h:50000/pets:user=app;password=pa%24s;");
        assertThat(url.credentialInUrl()).isTrue();
        assertThat(url.urlProperties()).isEmpty();
        assertThat(url.properties()).containsExactly(Map.entry("sslTrustStorePassword", "tsp"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("pa%24s", "pa$s", "tsp");
        assertThat(SqlUrl.parse("jdbc:db2://h:50000/pets", Map.of(), SECRET).credentialInUrl()).isFalse();
        assertThat(SqlUrl.parse("jdbc:foo://app:pw@h/db", Map.of(), SECRET).credentialInUrl()).isTrue();
        assertThat(SqlUrl.parse("jdbc:foo://app@h/db?user=x", Map.of(), SECRET).credentialInUrl()).isFalse();
    }

    @Test
    void anH2PasswordWrittenAsASettingOfTheShortFormMovesOutToo() {
        SqlUrl url = parse("h2:mem:pets;USER=sa;PASSWORD=pw");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;USER=sa;DB_CLOSE_DELAY=-1");
        assertThat(url.urlProperties()).containsExactly(Map.entry("password", "pw"));
        assertThat(url.secrets()).containsExactly("pw");
    }

    @Test
    void aDuckdbUrlWithSettingsOnlyIsStillAPrivateMemoryDatabase() {
        assertThat(parse("jdbc:duckdb:;threads=2").privateMemory()).isTrue();
        assertThat(parse("jdbc:duckdb:/tmp/x.duckdb;threads=2").privateMemory()).isFalse();
    }

    @Test
    void queryEntriesJoinAJdbcUrlInItsOwnSyntaxTheUrlsOwnWinningAndSecretsAsProperties() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sslmode", "disable");
        query.put("application_name", "my app");
        query.put("sslpassword", "s3cret");

        SqlUrl postgres = SqlUrl.parse("jdbc:postgresql://h/db?sslmode=require", query, SECRET);
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=require&application_name=my%20app");
        assertThat(postgres.properties()).containsExactly(Map.entry("sslpassword", "s3cret"));
        assertThat(SqlUrl.parse("jdbc:mariadb://h/db", Map.of("connectTimeout", "5"), SECRET).jdbcUrl())
                .isEqualTo("jdbc:mariadb://h/db?connectTimeout=5");
        assertThat(SqlUrl.parse("jdbc:sqlserver://h;databaseName=db;encrypt=true", Map.of("Encrypt", "false", "loginTimeout", "5"), SECRET)
                .jdbcUrl()).isEqualTo("jdbc:sqlserver://h;databaseName=db;encrypt=true;loginTimeout=5");
        assertThat(SqlUrl.parse("jdbc:duckdb:", Map.of("threads", "2"), SECRET).properties()).containsExactly(Map.entry("threads", "2"));
    }

    @Test
    void entriesThatNeedEscapingGoToMariaDbAsPropertiesAsWritten() {
        SqlUrl url = SqlUrl.parse("mariadb://root@h:3306/test?sessionVariables=time_zone%3D%27%2B05:00%27&useSsl=false",
                Map.of("connectTimeout", "5", "connectionAttributes", "app:pets,team:a b"), SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/test?useSsl=false&connectTimeout=5");
        assertThat(url.properties()).containsOnly(Map.entry("sessionVariables", "time_zone='+05:00'"),
                Map.entry("connectionAttributes", "app:pets,team:a b"));
    }

    @Test
    void besideAJdbcUrlTheUrlsOwnParameterStillWinsOverAPropertyOfTheSameName() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sessionVariables", "time_zone='+05:00'");
        query.put("localSocket", "/run/mysqld.sock");
        query.put("permitMysqlScheme", "true");

        SqlUrl url = SqlUrl.parse("jdbc:mysql://h/db?sessionVariables=sql_mode=ANSI", query, SECRET);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mysql://h/db?sessionVariables=sql_mode=ANSI&permitMysqlScheme=true");
        assertThat(url.properties()).containsExactly(Map.entry("localSocket", "/run/mysqld.sock"));
    }

    @Test
    void sqliteTakesEntriesThatNeedEscapingAsPropertiesAndPostgresqlDecodesThem() {
        SqlUrl sqlite = parse("sqlite:///pets.db?date_string_format=yyyy-MM-dd%20HH:mm:ss&journal_mode=WAL");
        SqlUrl postgres = SqlUrl.parse("postgresql://u@h/db", Map.of("options", "-c search_path=pets,public"), SECRET);

        assertThat(sqlite.jdbcUrl()).isEqualTo("jdbc:sqlite:" + cwd("pets.db") + "?journal_mode=WAL");
        assertThat(sqlite.properties()).containsExactly(Map.entry("date_string_format", "yyyy-MM-dd HH:mm:ss"));
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?options=-c%20search_path%3Dpets%2Cpublic");
        assertThat(postgres.properties()).isEmpty();
    }

    @Test
    void partsOfAServerDialect() {
        assertThat(SqlUrl.of(Dialect.POSTGRESQL, "h", 5432, "db", Map.of("sslmode", "require"), SECRET).jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
        assertThat(SqlUrl.of(Dialect.MSSQL, "h", null, "db", Map.of(), SECRET).jdbcUrl())
                .isEqualTo("jdbc:sqlserver://h;databaseName=db");
        assertThat(SqlUrl.of(Dialect.MARIADB, "h", 3306, null, Map.of(), SECRET).jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/");
    }

    @Test
    void partsOfAnEmbeddedDialect() {
        assertThat(SqlUrl.of(Dialect.SQLITE, null, null, "pets.db", Map.of(), SECRET).jdbcUrl()).isEqualTo("jdbc:sqlite:" + cwd("pets.db"));
        assertThat(SqlUrl.of(Dialect.SQLITE, null, null, ":memory:", Map.of(), SECRET).privateMemory()).isTrue();
        assertThat(SqlUrl.of(Dialect.H2, null, null, "mem:pets", Map.of(), SECRET).jdbcUrl()).isEqualTo("jdbc:h2:mem:pets;DB_CLOSE_DELAY=-1");
        assertThat(SqlUrl.of(Dialect.H2, null, null, "data/pets.mv.db", Map.of(), SECRET).jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + cwd("data/pets"));
    }

    @Test
    void unknownDialectListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("oracle+cx_oracle://u:p@h/db"))
                .isInstanceOf(SqlUrl.Invalid.class)
                .hasMessage("unknown dialect \"oracle\"")
                .extracting(e -> ((SqlUrl.Invalid) e).hint())
                .isEqualTo("Known dialects: duckdb, h2, mariadb, mssql, mysql, postgresql, sqlite. Any other database"
                        + " works with a jdbc: URL and its driver on the class path, such as"
                        + " url = \"jdbc:oracle:thin:@//host:1521/service\"");
    }

    @Test
    void badPortIsNamedButNeitherItNorThePassword() {
        assertThatThrownBy(() -> parse("postgresql://u:canary-Pw-123@h:54x2/db"))
                .hasMessage("has a port that is not a number from 1 to 65535");
        assertThatThrownBy(() -> parse("jdbc:mysql://admin:canary-Pw-123/db"))
                .hasMessage("has a port that is not a number from 1 to 65535");
    }

    @Test
    void textThatIsNoUrlIsRejectedWithoutBeingRepeated() {
        assertThatThrownBy(() -> parse("u:canary-Pw-123 at localhost"))
                .hasMessage("is not a URL the sql connector understands");
    }

    @Test
    void aHostInAnSqliteUrlIsRejected() {
        assertThatThrownBy(() -> parse("sqlite://host/file.db"))
                .hasMessage("names a host, but a sqlite database is a file or memory");
    }

    @Test
    void toStringShowsNoValueOfAPropertyNorTheUser() {
        assertThat(parse("postgresql://scott:canary-Pw-123@h/db").toString())
                .isEqualTo("SqlUrl[dialect=postgresql, jdbcUrl=jdbc:postgresql://h/db, properties={},"
                        + " urlProperties={user=****, password=****}, credentialInUrl=false, driverSyntax=false, privateMemory=false]");
    }
}
