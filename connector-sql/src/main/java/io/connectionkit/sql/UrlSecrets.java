package io.connectionkit.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The secrets a reader finds while it takes a URL apart: each as written in the URL and as its
 * driver would take it from there (decoded, unbraced, unquoted), and, for a URL whose syntax the
 * connector knows, the driver properties that carry them instead of the URL. Which names are
 * secret is the configuration's one rule ({@link io.connectionkit.api.ConnectionConfig#isSensitive}),
 * given. A setting written more than once (the password of each MySQL host) must have one value.
 * Not thread-safe.
 */
final class UrlSecrets {

    private record Found(String property, String given) {
    }

    private final Predicate<String> secretName;
    private final List<Found> found = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();

    /** @param secretName whether a setting of that name holds a secret */
    UrlSecrets(Predicate<String> secretName) {
        this.secretName = secretName;
    }

    /** Whether a parameter or setting of this name holds a secret. */
    boolean isSecret(String name) {
        return secretName.test(name);
    }

    /** Notes a secret the URL keeps (a URL the connector cannot take apart): declared, not moved. */
    void keep(String written, String given) {
        add(written);
        add(given);
    }

    /**
     * Notes a setting to move out of the URL into driver property {@code property}; a password
     * setting, whatever its case, is the property {@code password}.
     */
    void move(String property, String written, String given) {
        String name = property.equalsIgnoreCase("password") ? "password" : property;
        found.add(new Found(name, given));
        keep(written, given);
    }

    /**
     * Moves the {@code key=value} parameters of {@code query}, separated by {@code separator}, whose
     * name is secret (read as a form decodes it), as the driver property {@code property} makes of
     * the name, its value as {@code given} makes it; returns the others as written.
     */
    String moveSecrets(String query, char separator, UnaryOperator<String> property, UnaryOperator<String> given) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split(String.valueOf(separator), -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecret(UrlText.decodeFormLeniently(key))) {
                String value = pair.substring(eq + 1);
                move(property.apply(key), value, given.apply(value));
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return String.join(String.valueOf(separator), kept);
    }

    /** Notes a setting that is no secret but goes with a password (the user of user info): moved, not declared. */
    void moveSetting(String property, String given) {
        found.add(new Found(property, given));
    }

    private void add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    /** Every secret noted, as written and as given, in the order found. */
    Set<String> secrets() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(secrets));
    }

    /**
     * The driver properties of the settings moved, by name (a name's case is ignored when two
     * occurrences are compared).
     *
     * @throws SqlUrl.Invalid when one property was given two different values
     */
    Map<String, String> moved() {
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Found f : found) {
            String key = f.property().toLowerCase(Locale.ROOT);
            String before = byName.putIfAbsent(key, f.given());
            spelling.putIfAbsent(key, f.property());
            if (before != null && !before.equals(f.given())) {
                throw new SqlUrl.Invalid("gives two different values for one password, user or secret setting (for two"
                        + " hosts, say), which the sql connector cannot take out of the URL",
                        "Write it once, or give the password as password = \"...\" beside the url");
            }
        }
        Map<String, String> moved = new LinkedHashMap<>();
        byName.forEach((key, value) -> moved.put(spelling.get(key), value));
        return moved;
    }
}
