package io.connectionkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.connectionkit.api.Column;
import io.connectionkit.api.QueryOptions;
import io.connectionkit.api.QueryResult;
import io.connectionkit.core.ConnectionRegistry;
import io.connectionkit.sql.SQLConnection;
import org.openjdk.jol.info.GraphLayout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The retained heap of a cached {@link QueryResult} of 100,000 rows of 5 columns, against the
 * same query's values read by plain JDBC {@code getObject} into an {@code Object[][]}: each
 * measured once, with JOL, as every object reachable from it. Not timed.
 *
 * <p>Each side's graph is walked on its own, so an object both reach (H2 hands out the strings
 * it stores; small boxed integers come from the JDK's cache) is counted in full on both, as it
 * would be if a database sent fresh copies. Only the {@code Class} objects of the columns' types,
 * and what JOL reaches through them, are left out: the JVM holds them whatever the result does.
 *
 * <p>Run alone: {@code java -cp benchmarks/target/benchmarks.jar io.connectionkit.benchmarks.QueryResultFootprint}
 */
public final class QueryResultFootprint {

    static final int ROWS = 100_000;
    private static final String ALL_ROWS = "select " + PetsDatabase.COLUMNS + " from pets order by id";

    /**
     * @param queryResultBytes the cached {@code QueryResult}
     * @param plainJdbcBytes   an {@code Object[][]} of plain JDBC's {@code getObject} values
     * @param sameValuesBytes  an {@code Object[][]} of the {@code QueryResult}'s own values: the
     *                         difference from {@code queryResultBytes} is the layout alone
     */
    record Footprint(long queryResultBytes, long plainJdbcBytes, long sameValuesBytes) {
        double ratio() {
            return (double) queryResultBytes / plainJdbcBytes;
        }
    }

    static {
        // Unsafe gives no field offsets of records (QueryResult's Column): JOL then works them out itself.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private QueryResultFootprint() {
    }

    public static void main(String[] args) throws SQLException {
        Footprint footprint = measure();
        System.out.printf("cached QueryResult, %,d rows x 5 columns:      %,13d bytes%n", ROWS, footprint.queryResultBytes());
        System.out.printf("plain JDBC getObject values in Object[][]:    %,13d bytes%n", footprint.plainJdbcBytes());
        System.out.printf("the QueryResult's own values in Object[][]:   %,13d bytes%n", footprint.sameValuesBytes());
        System.out.printf("ratio to plain JDBC: %.3fx (goal <= 1.3x)%n", footprint.ratio());
    }

    static Footprint measure() throws SQLException {
        String url = PetsDatabase.url("footprint");
        try (HikariDataSource plain = PetsDatabase.plainPool(url); ConnectionRegistry registry = PetsDatabase.registry(url)) {
            PetsDatabase.createPets(plain, ROWS);
            SQLConnection db = PetsDatabase.connection(registry);
            QueryOptions cached = QueryOptions.ttl(Duration.ofHours(1));
            QueryResult result = db.query(ALL_ROWS, cached);
            if (db.query(ALL_ROWS, cached) != result) {
                throw new IllegalStateException("the result was not cached");
            }
            Object[][] plainRows = plainJdbc(plain);
            if (result.rowCount() != ROWS || result.columnCount() != 5 || plainRows.length != ROWS) {
                throw new IllegalStateException("a query read the wrong number of rows or columns");
            }
            Object[][] sameValues = new Object[ROWS][5];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < 5; c++) {
                    sameValues[r][c] = result.get(r, c);
                }
            }
            Class<?>[] columnTypes = result.columns().stream().map(Column::javaType).toArray(Class<?>[]::new);
            Footprint footprint = new Footprint(retainedBytes(result, columnTypes), retainedBytes(plainRows),
                    retainedBytes(sameValues));
            try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("drop table pets"); // frees H2's copy before any benchmark runs in this JVM
            }
            return footprint;
        }
    }

    private static Object[][] plainJdbc(HikariDataSource plain) throws SQLException {
        try (Connection connection = plain.getConnection(); PreparedStatement statement = connection.prepareStatement(ALL_ROWS);
             ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            List<Object[]> result = new ArrayList<>(ROWS);
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rows.getObject(c + 1);
                }
                result.add(row);
            }
            return result.toArray(new Object[0][]);
        }
    }

    /**
     * The bytes of every object reachable from {@code root}, less the graphs of {@code classes},
     * the {@code Class} objects it refers to.
     */
    private static long retainedBytes(Object root, Class<?>... classes) {
        GraphLayout graph = GraphLayout.parseInstance(root);
        if (classes.length > 0) {
            graph = graph.subtract(GraphLayout.parseInstance((Object[]) classes));
        }
        if (graph.getClasses().contains(Class.class)) {
            throw new IllegalStateException("a Class object is left in the graph of " + root.getClass().getSimpleName());
        }
        return graph.totalSize();
    }
}
