package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The secret values only the sql connector can find in a configuration, which the configuration
 * then masks wherever they show: those inside {@code url} (the password of its user info, a
 * {@code password=} parameter, Oracle's {@code user/password@}, a secret-named setting), each
 * as written and as the driver is given it, and the values of the {@code query} entries whose
 * name is sensitive, which go to the driver as properties. Which names are secret is the
 * configuration's one rule, {@link ConnectionConfig#isSensitive}.
 */
final class ConfigSecrets {

    private ConfigSecrets() {
    }

    /**
     * The secrets of {@code config}; never fails. A {@code url} that cannot be read is one secret
     * whole (so it is masked whole), with what the generic URL structure finds in it.
     */
    static List<String> in(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        Set<String> secrets = new LinkedHashSet<>();
        Map<String, String> query = Map.of();
        try {
            query = SqlSettings.query(config);
        } catch (RuntimeException e) {
            // not a table of plain values: refused at connect, and nothing of it goes to a driver
        }
        String url = null;
        try {
            url = config.string("url").orElse(null);
        } catch (RuntimeException e) {
            // not text: refused at connect
        }
        if (url != null) {
            try {
                secrets.addAll(SqlUrl.parse(url, query, config::isSensitive).secrets());
            } catch (RuntimeException e) { // SqlUrl.Invalid, or a form no reader expected
                // Whole, unless a bare scheme (jdbc:), which holds nothing and would hide every scheme shown.
                if (!url.isBlank() && !url.strip().matches("[A-Za-z][A-Za-z0-9+._-]*:(//)?")) {
                    secrets.add(url);
                    secrets.add(url.strip());
                }
                secrets.addAll(JdbcUrl.secretsAnywhere(url, config::isSensitive));
            }
        }
        query.forEach((key, value) -> {
            if (config.isSensitive(key) && !value.isEmpty()) {
                secrets.add(value);
                secrets.add(UrlText.sqlServerValue(value)); // SQL Server's {...}
            }
        });
        secrets.removeIf(String::isEmpty);
        return List.copyOf(secrets);
    }
}
