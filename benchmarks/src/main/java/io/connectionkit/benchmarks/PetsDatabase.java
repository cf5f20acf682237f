package io.connectionkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

/**
 * The in-memory H2 data every benchmark reads, and the two pools over it with the same HikariCP
 * settings: {@link #plainPool} for plain JDBC, Spring and JDBI, {@link #registry} for the connector.
 */
final class PetsDatabase {

    /** Typical column types: BIGINT, VARCHAR, INT, DOUBLE, DATE. */
    static final String COLUMNS = "id, name, age, weight, born";
    /** The connection's name in {@link #registry}. */
    static final String CONNECTION = "bench";
    private static final int POOL_SIZE = 10;

    private PetsDatabase() {
    }

    /** An H2 database in this process, kept until the JVM exits: no traffic leaves the machine. */
    static String url(String database) {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    static HikariDataSource plainPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("plain-jdbc");
        return new HikariDataSource(config);
    }

    /**
     * A registry whose connection {@value #CONNECTION} reaches {@code url}. The connector's own
     * defaults (timeouts, lifetimes, autocommit) are HikariCP's, so only the pool size needs setting.
     */
    static ConnectionRegistry registry(String url) {
        return ConnectionRegistry.builder()
                .secretsFiles() // none: only the TOML below
                .secretsToml("[connections." + CONNECTION + "]\ntype = \"sql\"\nurl = \"" + url + "\"\n"
                        + "hikari = { maximumPoolSize = " + POOL_SIZE + ", minimumIdle = " + POOL_SIZE + " }\n")
                .build();
    }

    static SQLConnection connection(ConnectionRegistry registry) {
        return registry.get(CONNECTION, SQLConnection.class);
    }

    /** Creates table {@code pets} with ids 0 to {@code rows - 1}. */
    static void createPets(DataSource dataSource, int rows) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table pets (id bigint primary key, name varchar(40), age int, weight double, born date)");
            try (PreparedStatement insert = connection.prepareStatement("insert into pets values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "pet-" + i);
                    insert.setInt(3, i % 20);
                    insert.setDouble(4, 1.5 + i % 400 / 10.0);
                    insert.setObject(5, LocalDate.of(2000, 1, 1).plusDays(i % 10_000));
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }
}
