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

    @Test
    void configTableReachesTheDriverAsGiven() {
        ConnectionConfig config = ConnectionConfig.of("connections.duck",
                Map.of("config", Map.of("threads", 2, "http_proxy_password", "pw")));

        assertThat(DuckDBSettings.from(config).properties()).containsOnly(
                Map.entry("threads", "2"), Map.entry("http_proxy_password", "pw"));
    }

    private static Map<Object, Object> driverPropertiesFor(String database) {
        ConnectionConfig config = ConnectionConfig.of("connections.duck",
                Map.of("database", database, "motherduck_token", "tok"));
        return DuckDBSettings.from(config).properties();
    }
}
