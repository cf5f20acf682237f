package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per dialect: the JDBC URL the driver gets holds no password, the driver properties do (as the
 * driver would have read them from its URL), every secret is declared as written and as given,
 * and the location shows only scheme, hosts, ports and database.
 */
class JdbcUrlTest {

    private static final Predicate<String> SECRET = ConnectionConfig.empty("connections.t")::isSensitive;

    private static JdbcUrl read(String url) {
        return JdbcUrl.read(url, SECRET);
    }

    @Test
    void postgresqlParametersMoveDecodedAsPgjdbcDecodesThem() {
        JdbcUrl url = read("jdbc:postgresql://db:5432/pets?sslmode=require&password=a+b%40c&user=app@server&sslpassword=k");

        assertThat(url.url()).isEqualTo("jdbc:postgresql://db:5432/pets?sslmode=require&user=app@server");
        assertThat(url.moved()).containsExactly(Map.entry("password", "a b@c"), Map.entry("sslpassword", "k"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("a+b%40c", "a b@c", "k");
        assertThat(url.location()).isEqualTo("jdbc:postgresql://db:5432/pets");
    }

    @Test
    void postgresqlUserInfoWhichPgjdbcCannotReadMovesToUserAndPassword() {
        JdbcUrl url = read("jdbc:postgresql://app:p%40ss+w@h1:5432,h2:5433/pets");

        assertThat(url.url()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/pets");
        assertThat(url.moved()).containsExactly(Map.entry("user", "app"), Map.entry("password", "p@ss+w"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("p%40ss+w", "p@ss+w");
        assertThat(url.location()).isEqualTo("jdbc:postgresql://h1:5432,h2:5433/pets");
        assertThat(read("jdbc:postgresql:pets?password=x").url()).isEqualTo("jdbc:postgresql:pets");
        assertThat(read("jdbc:postgresql://[::1]:5432/pets?password=x").location()).isEqualTo("jdbc:postgresql://[::1]:5432/pets");
    }

    @Test
    void mysqlUserInfoAndParametersMoveDecodedAsConnectorJDecodesThem() {
        JdbcUrl url = read("jdbc:mysql://app:p%2Bw+x@db:3306/pets?useSSL=false&password=p%2Bw+x");

        assertThat(url.url()).isEqualTo("jdbc:mysql://db:3306/pets?useSSL=false");
        assertThat(url.moved()).containsExactly(Map.entry("user", "app"), Map.entry("password", "p+w x"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("p%2Bw+x", "p+w x");
        assertThat(url.location()).isEqualTo("jdbc:mysql://db:3306/pets");
    }

    @Test
    void mysqlKeyValueHostsLoseTheirPasswordWhenTheyAgreeOnOne() {
        JdbcUrl groups = read("jdbc:mysql://(host=db1,port=3306,user=app,password=pass word),"
                + "address=(host=db2)(port=3307)(password=pass word)(type=replica)/pets");

        assertThat(groups.url()).isEqualTo("jdbc:mysql://(host=db1,port=3306,user=app),"
                + "address=(host=db2)(port=3307)(type=replica)/pets");
        assertThat(groups.moved()).containsExactly(Map.entry("password", "pass word"));
        assertThat(groups.location()).isEqualTo("jdbc:mysql://db1:3306,db2:3307/pets");
        JdbcUrl list = read("jdbc:mysql:loadbalance://app:pw@[db1:3306,db2:3307]/pets");
        assertThat(list.url()).isEqualTo("jdbc:mysql:loadbalance://[db1:3306,db2:3307]/pets");
        assertThat(list.moved()).containsExactly(Map.entry("user", "app"), Map.entry("password", "pw"));
        assertThat(list.location()).isEqualTo("jdbc:mysql:loadbalance://db1:3306,db2:3307/pets");
        assertThat(read("jdbc:mysql+srv://app:pw@_mysql._tcp.example.com/pets").url())
                .isEqualTo("jdbc:mysql+srv://_mysql._tcp.example.com/pets");
    }

    @Test
    void mysqlHostsThatDisagreeOnAPasswordAreRefusedWithoutShowingEither() {
        assertThatThrownBy(() -> read("jdbc:mysql://address=(host=db1)(password=one-9x),address=(host=db2)(password=two-9x)/pets"))
                .isInstanceOf(SqlUrl.Invalid.class)
                .hasMessage("gives one password, user or secret setting two different values (in two hosts, or in the"
                        + " user info and a parameter, say), and which one the driver would take is not certain, so the"
                        + " sql connector cannot take it out of the URL")
                .hasMessageNotContaining("9x")
                .extracting(e -> ((SqlUrl.Invalid) e).hint())
                .isEqualTo("Write it once, or give the password as password = \"...\" beside the url");
        assertThatThrownBy(() -> read("jdbc:mysql://(host=db1,password=one),(host=db2,password=two)/pets"))
                .isInstanceOf(SqlUrl.Invalid.class);
        assertThatThrownBy(() -> read("jdbc:mysql://(host=db1,password=one/pets")).isInstanceOf(SqlUrl.Invalid.class);
    }

    @Test
    void aParameterRepeatedInAQueryStringIsTakenLastAsItsDriverTakesIt() throws Exception {
        String postgres = "jdbc:postgresql://db/pets?password=first-9x&ssl=true&password=last-9x";
        String mariadb = "jdbc:mariadb://db/pets?password=first-9x&useSsl=false&password=last-9x";
        String sqlite = "jdbc:sqlite:/tmp/pets.db?password=first-9x&password=last-9x";

        assertThat(read(postgres).moved()).containsExactly(Map.entry("password", "last-9x"));
        assertThat(read(postgres).url()).isEqualTo("jdbc:postgresql://db/pets?ssl=true");
        assertThat(read(postgres).secrets()).containsExactlyInAnyOrder("first-9x", "last-9x");
        assertThat(org.postgresql.Driver.parseURL(postgres, new Properties()).getProperty("password")).isEqualTo("last-9x");
        assertThat(read(mariadb).moved()).containsExactly(Map.entry("password", "last-9x"));
        assertThat(org.mariadb.jdbc.Configuration.parse(mariadb, new Properties()).password()).isEqualTo("last-9x");
        assertThat(read(sqlite).moved()).containsExactly(Map.entry("password", "last-9x"));
    }

    @Test
    void aSettingGivenTwoValuesWhereTheDriversChoiceIsNotCertainIsStillRefused() {
        assertThatThrownBy(() -> read("jdbc:postgresql://db/pets?password=one-9x&PASSWORD=two-9x"))
                .as("two spellings: pgjdbc takes the lower-case one, MariaDB the last").isInstanceOf(SqlUrl.Invalid.class)
                .hasMessageNotContaining("9x");
        assertThatThrownBy(() -> read("jdbc:mysql://app:one-9x@db/pets?password=two-9x")).isInstanceOf(SqlUrl.Invalid.class);
        assertThatThrownBy(() -> read("jdbc:sqlserver://db;password=one-9x;password=two-9x")).isInstanceOf(SqlUrl.Invalid.class);
        assertThat(read("jdbc:mysql://app:same-9x@db/pets?password=same-9x").moved()).containsEntry("password", "same-9x");
    }

    @Test
    void aJdbcMysqlUrlThatMariaDbsDriverServesIsReadAsMariaDbReadsIt() throws Exception {
        String url = "jdbc:mysql://db/pets?permitMysqlScheme&password=abc+def%21";

        JdbcUrl read = read(url);

        assertThat(read.moved()).containsExactly(Map.entry("password", "abc+def%21"));
        assertThat(org.mariadb.jdbc.Configuration.parse(url, new Properties()).password()).isEqualTo("abc+def%21");
        assertThat(read.url()).isEqualTo("jdbc:mysql://db/pets?permitMysqlScheme");
        assertThat(new org.mariadb.jdbc.Driver().acceptsURL(read.url())).isTrue();
        assertThat(read("jdbc:mysql://db/pets?password=abc+def%21").moved())
                .as("served by Connector/J, which decodes").containsExactly(Map.entry("password", "abc def!"));
    }

    @Test
    void mariadbParametersMoveAsWrittenAsItsDriverReadsThem() {
        JdbcUrl url = read("jdbc:mariadb://127.0.0.1:3306/test?user=app&Password=a%40b+c&useSsl=false");

        assertThat(url.url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test?user=app&useSsl=false");
        assertThat(url.moved()).containsExactly(Map.entry("password", "a%40b+c"));
        assertThat(url.secrets()).containsExactly("a%40b+c");
        JdbcUrl sequential = read("jdbc:mariadb:sequential://app:pw@h1,h2:3307/test");
        assertThat(sequential.url()).isEqualTo("jdbc:mariadb:sequential://h1,h2:3307/test");
        assertThat(sequential.moved()).containsExactly(Map.entry("user", "app"), Map.entry("password", "pw"));
        assertThat(sequential.location()).isEqualTo("jdbc:mariadb:sequential://h1,h2:3307/test");
    }

    @Test
    void sqlServerSecretSettingsMoveWithoutTheirBraces() {
        JdbcUrl url = read("jdbc:sqlserver://db\\sql1:1433;databaseName=pets;user=sa;PASSWORD={a;b}}c};encrypt=true;"
                + "trustStorePassword=ts");

        assertThat(url.url()).isEqualTo("jdbc:sqlserver://db\\sql1:1433;databaseName=pets;user=sa;encrypt=true");
        assertThat(url.moved()).containsExactly(Map.entry("password", "a;b}c"), Map.entry("trustStorePassword", "ts"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("{a;b}}c}", "a;b}c", "ts");
        assertThat(url.location()).isEqualTo("jdbc:sqlserver://db\\sql1:1433;databaseName=pets");
        assertThat(read("jdbc:sqlserver://;serverName=db;portNumber=1433;password=pw").location())
                .isEqualTo("jdbc:sqlserver://db");
        assertThatThrownBy(() -> read("jdbc:sqlserver://db;password={a;b"))
                .hasMessage("has a { that is never closed");
        JdbcUrl spaced = read("jdbc:sqlserver://db;user=sa;password = s3c ret ;encrypt=true");
        assertThat(spaced.moved()).as("trimmed, as mssql-jdbc trims a value not in braces")
                .containsExactly(Map.entry("password", "s3c ret"));
        assertThat(spaced.secrets()).containsExactlyInAnyOrder(" s3c ret ", "s3c ret");
    }

    @Test
    void oracleUserAndPasswordMoveThePasswordUnquoted() {
        JdbcUrl url = read("jdbc:oracle:thin:scott/\"ti@ger\"@//db.example.com:1521/orcl");

        assertThat(url.url()).isEqualTo("jdbc:oracle:thin:@//db.example.com:1521/orcl");
        assertThat(url.moved()).containsExactly(Map.entry("user", "scott"), Map.entry("password", "ti@ger"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("\"ti@ger\"", "ti@ger");
        assertThat(url.location()).isEqualTo("jdbc:oracle:thin:@//db.example.com:1521/orcl");
        assertThat(read("jdbc:oracle:thin:scott/ti ger@db:1521:orcl").moved()).containsEntry("password", "ti ger");
        assertThat(read("jdbc:oracle:oci:scott/tiger@db:1521/orcl").url()).isEqualTo("jdbc:oracle:oci:@db:1521/orcl");
    }

    @Test
    void oracleDescriptorsShowWhereTheyLeadAndTheirCredentialsMove() {
        JdbcUrl url = read("jdbc:oracle:thin:scott/tiger@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=orcl)))");

        assertThat(url.url()).isEqualTo("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=orcl)))");
        assertThat(url.moved()).containsExactly(Map.entry("user", "scott"), Map.entry("password", "tiger"));
        assertThat(url.location()).isEqualTo("jdbc:oracle:thin:@//db:1521/orcl");
        assertThat(read("jdbc:oracle:thin:@tns_alias").location()).isEqualTo("jdbc:oracle:thin:@tns_alias");
        assertThatThrownBy(() -> read("jdbc:oracle:thin:scott/tiger")).isInstanceOf(SqlUrl.Invalid.class)
                .hasMessage("is not an Oracle URL the sql connector can read");
    }

    @Test
    void h2PasswordSettingMovesUnescapedAndItsUserStays() {
        JdbcUrl url = read("jdbc:h2:mem:pets;USER=sa;Password=a\\;b;MODE=MySQL");

        assertThat(url.url()).isEqualTo("jdbc:h2:mem:pets;USER=sa;MODE=MySQL");
        assertThat(url.moved()).containsExactly(Map.entry("password", "a;b"));
        assertThat(url.secrets()).containsExactlyInAnyOrder("a\\;b", "a;b");
        assertThat(url.location()).isEqualTo("jdbc:h2:mem:pets");
        JdbcUrl server = read("jdbc:h2:tcp://sa:pw@127.0.0.1:9092/~/pets;PASSWORD=pw");
        assertThat(server.url()).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/~/pets");
        assertThat(server.moved()).containsExactly(Map.entry("user", "sa"), Map.entry("password", "pw"));
        assertThat(server.location()).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/~/pets");
    }

    @Test
    void sqlitePasswordPragmaMovesLowerCasedAsWritten() {
        JdbcUrl url = read("jdbc:sqlite:/tmp/pets.db?PASSWORD=a%40b&journal_mode=WAL");

        assertThat(url.url()).isEqualTo("jdbc:sqlite:/tmp/pets.db?journal_mode=WAL");
        assertThat(url.moved()).containsExactly(Map.entry("password", "a%40b"));
        assertThat(url.location()).isEqualTo("jdbc:sqlite:/tmp/pets.db");
        assertThat(read("jdbc:sqlite::memory:?password=x").url()).isEqualTo("jdbc:sqlite::memory:");
    }

    @Test
    void duckdbSecretSettingsAndMotherDucksTokenMove() {
        JdbcUrl url = read("jdbc:duckdb:/tmp/pets.duckdb;threads=2; motherduck_token = tok ");

        assertThat(url.url()).isEqualTo("jdbc:duckdb:/tmp/pets.duckdb;threads=2");
        assertThat(url.moved()).containsExactly(Map.entry("motherduck_token", "tok"));
        assertThat(url.location()).isEqualTo("jdbc:duckdb:/tmp/pets.duckdb");
        JdbcUrl motherDuck = read("jdbc:duckdb:md:pets?motherduck_token=tok&saas_mode=true");
        assertThat(motherDuck.url()).isEqualTo("jdbc:duckdb:md:pets?saas_mode=true");
        assertThat(motherDuck.moved()).containsExactly(Map.entry("motherduck_token", "tok"));
        assertThat(motherDuck.secrets()).containsExactly("tok");
        assertThat(motherDuck.location()).isEqualTo("jdbc:duckdb:md:pets");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:/data/pets;PASSWORD=hunter2                          | jdbc:h2:file:/data/pets",
            "jdbc:h2:tcp://sa:hunter2@db:9092/~/pets;MODE=MySQL                | jdbc:h2:tcp://db:9092/~/pets",
            "jdbc:h2:mem:user:hunter2@x                                        | jdbc:h2:…",
            "jdbc:h2:zip:/tmp/a.zip!/hunter2                                   | jdbc:h2:…",
            "jdbc:h2:mem:x?user=sa&password=hunter2                            | jdbc:h2:…",
            "jdbc:sqlite::memory:                                              | jdbc:sqlite::memory:",
            "jdbc:sqlite:file:/tmp/pets.db#password=hunter2                    | jdbc:sqlite:file:/tmp/pets.db",
            "jdbc:sqlite:/tmp/pets.db?password=hunter2                         | jdbc:sqlite:/tmp/pets.db",
            "jdbc:duckdb:md:pets#motherduck_token=hunter2                      | jdbc:duckdb:md:pets",
            "jdbc:duckdb:/tmp/pets.duckdb?motherduck_token=hunter2             | jdbc:duckdb:/tmp/pets.duckdb",
            "jdbc:duckdb:ducklake:postgres:dbname=x host=h password=hunter2    | jdbc:duckdb:…",
            "jdbc:duckdb:                                                      | jdbc:duckdb:",
    })
    void anEmbeddedDatabaseShowsItsPathUpToASettingAndOnlyWhenPlain(String url, String location) {
        assertThat(SqlUrl.location(url)).isEqualTo(location);
    }

    @Test
    void aSecretNamedSettingInsideAnEmbeddedPathStaysThereAndIsDeclared() {
        JdbcUrl lake = read("jdbc:duckdb:ducklake:postgres:dbname=lake host=db user=app password = 'p w\\'x-9' sslmode=require");
        JdbcUrl file = read("jdbc:sqlite:file:/tmp/pets.db#password=k-9&x=1");

        assertThat(lake.url()).isEqualTo("jdbc:duckdb:ducklake:postgres:dbname=lake host=db user=app password = 'p w\\'x-9'"
                + " sslmode=require");
        assertThat(lake.moved()).isEmpty();
        assertThat(lake.secrets()).containsExactlyInAnyOrder("'p w\\'x-9'", "p w'x-9");
        assertThat(file.secrets()).containsExactly("k-9");
        assertThat(read("jdbc:duckdb:/tmp/pets.duckdb;api_key=k-9").secrets()).containsExactly("k-9");
    }

    @Test
    void aQueryStringAfterAnH2DatabaseIsRefusedForH2WouldTakeItForTheName() {
        assertThatThrownBy(() -> read("jdbc:h2:mem:pets?user=sa&password=hunter2"))
                .isInstanceOf(SqlUrl.Invalid.class)
                .hasMessage("has ?key=value after the database, which H2 takes for part of the database name")
                .extracting(e -> ((SqlUrl.Invalid) e).hint())
                .isEqualTo("Write H2's settings after semicolons, such as jdbc:h2:mem:pets;USER=sa;PASSWORD=..., or give"
                        + " the user and password as username and password");
        assertThatThrownBy(() -> read("jdbc:h2:tcp://db/~/pets?password=hunter2;MODE=MySQL")).isInstanceOf(SqlUrl.Invalid.class);
    }

    @Test
    void anUnknownSubprotocolIsKeptAsWrittenItsSecretsFoundByTheGenericStructure() {
        JdbcUrl url = read("jdbc:foo://app:p%40ss@db:1234/pets?ssl=true&token=t0k;PWD={a;b}");

        assertThat(url.url()).isEqualTo("jdbc:foo://app:p%40ss@db:1234/pets?ssl=true&token=t0k;PWD={a;b}");
        assertThat(url.moved()).isEmpty();
        assertThat(url.credentialLeft()).isTrue();
        assertThat(url.secrets()).containsExactlyInAnyOrder("p%40ss", "p@ss", "t0k", "{a;b}", "a;b");
        assertThat(url.location()).isEqualTo("jdbc:foo://db:1234/pets");
        assertThat(read("jdbc:db2://db:50000/pets:user=app;password=pw;").location()).isEqualTo("jdbc:db2://db:50000/pets");
        assertThat(read("jdbc:clickhouse:http://db:8123/pets?password=pw").location())
                .isEqualTo("jdbc:clickhouse:http://db:8123/pets");
        assertThat(read("jdbc:foo://app:pw@db:1234/pets").credentialLeft()).isTrue();
        assertThat(read("jdbc:foo://db:1234/pets?user=app").credentialLeft()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://admin:hunter2/pets     | jdbc:postgresql:…",
            "jdbc:mysql://app:pa?ss w/ord@db:3306/pets | jdbc:mysql:…",
            "jdbc:foo:user/hunter2@db                 | jdbc:foo:…",
            "jdbc:foo://db:hunter2/pets               | jdbc:foo:…",
            "jdbc:foo://pass word@db/pets             | jdbc:foo://db/pets",
            "jdbc:sqlserver://db;password={hunter2     | jdbc:sqlserver:…",
            "jdbc:oracle:thin:scott/hunter2           | jdbc:oracle:…",
            "jdbc                                     | …",
    })
    void whatCannotBeReadShowsOnlyItsScheme(String url, String location) {
        assertThat(SqlUrl.location(url)).isEqualTo(location).doesNotContain("hunter2");
    }
}
