package io.connectionkit.sql;

import io.connectionkit.testkit.ConnectorConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** SQLConnection on a SQLite file passes the connector testkit. */
class SqliteConnectorKitTest extends SqlConnectorKit {

    @TempDir
    Path dir;

    @Override
    public ConnectorConfig configuration(String secret) {
        return ConnectorConfig.toml("""
                url = "sqlite:///%s"
                password = "%s"
                """.formatted(dir.resolve("kit.db").toString().replace("\\", "/"), secret));
    }

    @Override
    public String parameterisedQuery() {
        return "select cast(:value as text) as val";
    }

    @Override
    public String freshQuery() {
        return "select lower(hex(randomblob(16))) as id";
    }
}
