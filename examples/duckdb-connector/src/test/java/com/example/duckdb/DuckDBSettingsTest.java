package com.example.duckdb;

import io.connectionkit.api.ConnectionConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the DuckDB driver is given for a configuration; checked without connecting, as MotherDuck is remote. */
class DuckDBSettingsTest {

    @Test
    void motherduckTokenReachesTheDriverForBothMotherDuckPrefixesOnly() {
        assertThat(driverPropertiesFor("md:sales")).containsEntry("motherduck_token", "tok");
        assertThat(driverPropertiesFor("motherduck:sales")).containsEntry("motherduck_token", "tok");
        // DuckDB refuses an option it does not know, and knows this one only once MotherDuck is loaded.
        assertThat(driverPropertiesFor("sales.duckdb")).doesNotContainKey("motherduck_token");
    }

    private static Map<Object, Object> driverPropertiesFor(String database) {
        ConnectionConfig config = ConnectionConfig.of("connections.duck",
                Map.of("database", database, "motherduck_token", "tok"));
        return DuckDBSettings.from(config).properties();
    }
}
