package io.connectionkit.sql;

import io.connectionkit.api.ConnectionConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The secret values only the sql connector can find in a configuration, which the configuration
 * then masks wherever they show: those inside {@code url}, or inside the {@code database} of a
 * configuration without one (the password of its user info, a {@code password=} parameter,
 * Oracle's {@code user/password@}, a secret-named setting), each as written and as the driver is
 * given it, and the values of the {@code query} entries whose name is sensitive, which go to the
 * driver as properties. Which names are secret is the configuration's one rule,
 * {@link ConnectionConfig#isSensitive}. They are found by the very reading that connects,
 * {@link ConfiguredUrl}.
 */
final class ConfigSecrets {

    private ConfigSecrets() {
    }

    /**
     * The secrets of {@code config}; never fails. Of a configuration that cannot be read, a
     * {@code url} is one secret whole (so it is masked whole), with what the generic URL structure
     * finds in it, and the {@code query} entries are declared as they would be for any dialect.
     */
    static List<String> in(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        Set<String> secrets = new LinkedHashSet<>();
        try {
            secrets.addAll(ConfiguredUrl.of(config).secrets());
        } catch (RuntimeException e) { // refused at connect; a form no reader expected
            String url = text(config, "url");
            // Whole, unless a bare scheme (jdbc:), which holds nothing and would hide every scheme shown.
            if (url != null && !url.isBlank() && !isBareScheme(url.strip())) {
                secrets.add(url);
                secrets.add(url.strip());
                secrets.addAll(JdbcUrl.secretsAnywhere(url, config::isSensitive));
            }
            Map<String, String> query = Map.of();
            try {
                query = ConfiguredUrl.query(config);
            } catch (RuntimeException notATable) {
                // not a table of plain values: refused at connect, and nothing of it goes to a driver
            }
            SqlUrl.addQuerySecrets(null, query, config::isSensitive, secrets);
        }
        secrets.removeIf(String::isEmpty);
        return List.copyOf(secrets);
    }

    /** {@code jdbc:} or {@code postgresql://}, with nothing after. */
    private static boolean isBareScheme(String url) {
        int colon = UrlText.schemeEnd(url);
        return colon > 0 && (url.length() == colon + 1 || url.substring(colon + 1).equals("//"));
    }

    private static String text(ConnectionConfig config, String key) {
        try {
            return config.string(key).orElse(null);
        } catch (RuntimeException e) {
            return null; // not text: refused at connect
        }
    }
}
