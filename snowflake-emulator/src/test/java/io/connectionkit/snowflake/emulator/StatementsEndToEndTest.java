package io.connectionkit.snowflake.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementsEndToEndTest {
    private SnowflakeEmulator emulator;
    private Connection connection;
    private Statement statement;

    @BeforeEach
    void start() throws SQLException {
        emulator = SnowflakeEmulator.builder().database("PETS").start();
        connection =
                Jdbc.connect(emulator, "emulator", "emulator", "db", "PETS", "schema", "PUBLIC");
        statement = connection.createStatement();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @Test
    void countsTheRowsEachStatementChanged() throws SQLException {
        assertThat(statement.executeUpdate("create table owners (id number, name varchar)"))
                .isZero();
        assertThat(
                        statement.executeUpdate(
                                "insert into owners values (1, 'ann'), (2, 'bo'), (3, 'cy')"))
                .isEqualTo(3);
        assertThat(statement.executeUpdate("update owners set name = 'x' where id >= 2"))
                .isEqualTo(2);
        assertThat(statement.executeUpdate("delete from owners where id = 1")).isEqualTo(1);
        assertThat(statement.executeUpdate("delete from owners where id = 1")).isZero();

        assertThat(rows("select id, name from owners order by id"))
                .containsExactly(List.of("2", "x"), List.of("3", "x"));
    }

    @Test
    void tellsAQueryFromAnUpdateInExecute() throws SQLException {
        assertThat(statement.execute("create table owners (id number)")).isFalse();
        assertThat(statement.getUpdateCount()).isZero();
        assertThat(statement.execute("insert into owners values (1)")).isFalse();
        assertThat(statement.getUpdateCount()).isEqualTo(1);
        assertThat(statement.execute("select * from owners")).isTrue();
        assertThat(statement.getResultSet().next()).isTrue();
    }

    @Test
    void foldsUnquotedNamesToUpperCaseAndKeepsQuotedOnes() throws SQLException {
        statement.execute("create table Mixed (\"lower\" int, Upper int)");
        statement.executeUpdate("insert into MIXED values (1, 2)");

        try (ResultSet rows = statement.executeQuery("select \"lower\", upper from mixed")) {
            ResultSetMetaData metaData = rows.getMetaData();
            assertThat(metaData.getColumnName(1)).isEqualTo("lower");
            assertThat(metaData.getColumnName(2)).isEqualTo("UPPER");
            assertThat(metaData.getTableName(1)).isEqualTo("MIXED");
        }
        SQLException unknown =
                catchThrowableOfType(
                        SQLException.class,
                        () -> statement.executeQuery("select lower from mixed"));
        assertThat(unknown.getErrorCode()).isEqualTo(904);
        assertThat(unknown.getMessage()).contains("invalid identifier 'LOWER'");
    }

    @Test
    void usesDatabasesSchemasWarehousesAndRoles() throws SQLException {
        statement.execute("create database zoo");
        assertThat(rows("select current_database(), current_schema()"))
                .containsExactly(List.of("ZOO", "PUBLIC"));

        statement.execute("create schema birds");
        statement.execute("create table parrots (name varchar)");
        assertThat(rows("select current_database(), current_schema()"))
                .containsExactly(List.of("ZOO", "BIRDS"));

        statement.execute("use database pets");
        statement.execute("use warehouse compute_wh");
        statement.execute("use role analyst");
        assertThat(
                        rows(
                                "select current_database(), current_schema(), current_warehouse(), "
                                        + "current_role()"))
                .containsExactly(List.of("PETS", "PUBLIC", "COMPUTE_WH", "ANALYST"));
        assertThat(connection.getCatalog()).isEqualTo("PETS");

        statement.execute("use zoo");
        statement.execute("use schema birds");
        assertThat(rows("select count(*) from parrots")).containsExactly(List.of("0"));
        assertThat(connection.getCatalog()).isEqualTo("ZOO");
        assertThat(connection.getSchema()).isEqualTo("BIRDS");
    }

    @Test
    void namesContextFunctionColumnsAfterTheCall() throws SQLException {
        try (ResultSet rows = statement.executeQuery("select current_database(), current_user()")) {
            assertThat(rows.getMetaData().getColumnName(1)).isEqualTo("CURRENT_DATABASE()");
            assertThat(rows.getMetaData().getColumnName(2)).isEqualTo("CURRENT_USER()");
        }
    }

    @Test
    void refusesToUseADatabaseThatDoesNotExist() {
        SQLException missing =
                catchThrowableOfType(
                        SQLException.class, () -> statement.execute("use database nowhere"));

        assertThat(missing.getErrorCode()).isEqualTo(2043);
        assertThat(missing.getSQLState()).isEqualTo("02000");
    }

    @Test
    void showsTablesSchemasAndDatabasesWithSnowflakeColumns() throws SQLException {
        statement.execute("create table owners (id number)");
        statement.execute("create table dogs (id number)");
        statement.executeUpdate("insert into dogs values (1), (2)");

        try (ResultSet rows = statement.executeQuery("show tables")) {
            ResultSetMetaData metaData = rows.getMetaData();
            assertThat(metaData.getColumnName(1)).isEqualTo("created_on");
            assertThat(metaData.getColumnName(2)).isEqualTo("name");
            assertThat(metaData.getColumnName(3)).isEqualTo("database_name");
            assertThat(metaData.getColumnName(4)).isEqualTo("schema_name");
            assertThat(metaData.getColumnName(5)).isEqualTo("kind");
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(
                        rows.getString("name")
                                + " "
                                + rows.getString("database_name")
                                + "."
                                + rows.getString("schema_name")
                                + " "
                                + rows.getString("kind")
                                + " "
                                + rows.getLong("rows"));
                assertThat(rows.getTimestamp("created_on")).isNotNull();
            }
            assertThat(tables)
                    .containsExactly("DOGS PETS.PUBLIC TABLE 2", "OWNERS PETS.PUBLIC TABLE 0");
        }
        assertThat(rows("show tables like 'own%'"))
                .extracting(row -> row.get(1))
                .containsExactly("OWNERS");

        assertThat(rows("show schemas"))
                .extracting(row -> row.get(1))
                .containsExactly("INFORMATION_SCHEMA", "PUBLIC");
        assertThat(rows("show databases"))
                .extracting(row -> row.get(1))
                .containsExactlyInAnyOrder("EMULATOR", "PETS");
        try (ResultSet rows = statement.executeQuery("show databases like 'pets'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("name")).isEqualTo("PETS");
            assertThat(rows.getString("is_current")).isEqualTo("Y");
        }
    }

    @Test
    void answersAMissingTableWithObjectDoesNotExist() {
        SQLException missing =
                catchThrowableOfType(
                        SQLException.class, () -> statement.executeQuery("select * from nowhere"));

        assertThat(missing.getErrorCode()).isEqualTo(2003);
        assertThat(missing.getSQLState()).isEqualTo("42S02");
        assertThat(missing.getMessage()).contains("Object 'NOWHERE' does not exist");
    }

    @Test
    void answersAnUnsupportedStatementWithAnErrorNamingIt() throws SQLException {
        statement.execute("create table owners (id number)");

        SQLException merge =
                catchThrowableOfType(
                        SQLException.class,
                        () ->
                                statement.executeUpdate(
                                        "merge into owners o using (select 1 as id) s on o.id = s.id "
                                                + "when not matched then insert (id) values (s.id)"));
        assertThat(merge.getErrorCode()).isEqualTo(1003);
        assertThat(merge.getSQLState()).isEqualTo("42000");
        assertThat(merge.getMessage()).contains("MERGE is not supported by the Snowflake emulator");

        SQLException unknown =
                catchThrowableOfType(
                        SQLException.class, () -> statement.execute("frobnicate owners"));
        assertThat(unknown.getErrorCode()).isEqualTo(1003);
        assertThat(unknown.getMessage()).contains("frobnicate owners");
    }

    @Test
    void answersBrokenSqlWithASyntaxError() {
        SQLException broken =
                catchThrowableOfType(
                        SQLException.class, () -> statement.executeQuery("select from where"));

        assertThat(broken.getErrorCode()).isEqualTo(1003);
        assertThat(broken.getSQLState()).isEqualTo("42000");
    }

    @Test
    void replacesATableWithCreateOrReplace() throws SQLException {
        statement.execute("create table owners (id number)");
        statement.executeUpdate("insert into owners values (1)");
        statement.execute("create or replace table owners (id number, name varchar)");
        statement.execute("create table if not exists owners (other number)");

        assertThat(rows("select count(*) from owners")).containsExactly(List.of("0"));
        SQLException exists =
                catchThrowableOfType(
                        SQLException.class,
                        () -> statement.execute("create table owners (id number)"));
        assertThat(exists.getErrorCode()).isEqualTo(2002);
    }

    @Test
    void dropsTablesSchemasAndDatabases() throws SQLException {
        statement.execute("create table owners (id number)");
        statement.execute("drop table owners");
        statement.execute("drop table if exists owners");
        statement.execute("create schema extra");
        statement.execute("drop schema extra");
        statement.execute("create database spare");
        statement.execute("drop database spare");

        assertThat(rows("show tables in database pets")).isEmpty();
        assertThat(rows("show databases")).extracting(row -> row.get(1)).doesNotContain("SPARE");
        SQLException missing =
                catchThrowableOfType(
                        SQLException.class, () -> statement.execute("drop table owners"));
        assertThat(missing.getErrorCode()).isEqualTo(2003);
    }

    @Test
    void keepsTemporaryTablesToTheirSession() throws SQLException {
        statement.execute("create temporary table scratch (id number)");
        statement.executeUpdate("insert into scratch values (1)");
        assertThat(rows("select count(*) from scratch")).containsExactly(List.of("1"));

        try (Connection other = Jdbc.connect(emulator, "emulator", "emulator", "db", "PETS");
                Statement otherStatement = other.createStatement()) {
            SQLException invisible =
                    catchThrowableOfType(
                            SQLException.class,
                            () -> otherStatement.executeQuery("select * from scratch"));
            assertThat(invisible.getErrorCode()).isEqualTo(2003);
        }
    }

    @Test
    void readsTablesByTheirFullyQualifiedName() throws SQLException {
        statement.execute("create table pets.public.owners (id number)");
        statement.executeUpdate("insert into pets.public.owners values (7)");
        statement.execute("use database emulator");

        assertThat(rows("select id from pets.public.owners")).containsExactly(List.of("7"));
    }

    @Test
    void commitsAndRollsBackTransactions() throws SQLException {
        statement.execute("create table owners (id number)");
        connection.setAutoCommit(false);
        statement.executeUpdate("insert into owners values (1)");
        connection.rollback();
        statement.executeUpdate("insert into owners values (2)");
        connection.commit();
        connection.setAutoCommit(true);

        assertThat(rows("select id from owners")).containsExactly(List.of("2"));
    }

    @Test
    void describesAPreparedQueryBeforeRunningIt() throws SQLException {
        statement.execute("create table owners (id number(10,0), name varchar(50))");

        try (PreparedStatement query =
                connection.prepareStatement("select id, name from owners where id = ?")) {
            ResultSetMetaData metaData = query.getMetaData();
            assertThat(metaData.getColumnCount()).isEqualTo(2);
            assertThat(metaData.getColumnName(2)).isEqualTo("NAME");
            assertThat(metaData.getColumnTypeName(2)).isEqualTo("VARCHAR");
            assertThat(query.getParameterMetaData().getParameterCount()).isEqualTo(1);
        }
        assertThat(emulator.statements())
                .extracting(ReceivedStatement::sql)
                .doesNotContain("select id, name from owners where id = ?");
    }

    @Test
    void createsDatabasesAndSchemasUnlessTheyExistOrReplacesThem() throws SQLException {
        statement.execute("create database if not exists pets");
        statement.execute("create table owners (id number)");
        statement.execute("create schema if not exists public");
        assertThat(rows("show tables")).hasSize(1);

        statement.execute("create or replace schema public");
        assertThat(rows("show tables")).isEmpty();
        statement.execute("create table owners (id number)");
        statement.execute("create or replace database pets");
        assertThat(rows("show tables")).isEmpty();
        assertThat(rows("select current_database(), current_schema()"))
                .containsExactly(List.of("PETS", "PUBLIC"));

        SQLException exists =
                catchThrowableOfType(
                        SQLException.class, () -> statement.execute("create database pets"));
        assertThat(exists.getErrorCode()).isEqualTo(2002);
    }

    @Test
    void runsViewsTruncateAlterTableAndCreateTableAsSelect() throws SQLException {
        statement.execute(
                "create transient table owners (id number, name varchar) "
                        + "cluster by (id) comment = 'people'");
        statement.executeUpdate("insert into owners values (1, 'ann'), (2, 'bo')");
        statement.execute("alter table owners add column joined timestamp_tz");
        statement.execute("create view named as select name from owners where name is not null");
        statement.execute("create table copied as select id, name from owners");
        statement.execute("truncate owners");

        assertThat(rows("select count(*) from owners")).containsExactly(List.of("0"));
        assertThat(rows("select count(*) from copied")).containsExactly(List.of("2"));
        assertThat(rows("select count(*) from named")).containsExactly(List.of("0"));
        assertThat(rows("show views")).extracting(row -> row.get(1)).containsExactly("NAMED");
        try (ResultSet result = statement.executeQuery("select joined from owners")) {
            assertThat(result.getMetaData().getColumnTypeName(1)).isEqualTo("TIMESTAMPTZ");
        }
        statement.execute("drop view named");
        assertThat(rows("show views")).isEmpty();
    }

    @Test
    void describesATable() throws SQLException {
        statement.execute(
                "create table owners (id number(10,0) not null, name varchar(50), "
                        + "born timestamp_ltz)");

        assertThat(rows("describe table owners"))
                .extracting(row -> row.subList(0, 4))
                .containsExactly(
                        List.of("ID", "NUMBER(10,0)", "COLUMN", "N"),
                        List.of("NAME", "VARCHAR(50)", "COLUMN", "Y"),
                        List.of("BORN", "TIMESTAMP_LTZ(9)", "COLUMN", "Y"));
    }

    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
