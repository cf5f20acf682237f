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
 * given. A setting written more than once must have one value (the password of each MySQL host, say),
 * except a parameter repeated in a query string under the same name, where the last is taken, as
 * pgjdbc, MariaDB's driver and sqlite-jdbc take it. Not thread-safe.
 */
final class UrlSecrets {

    /** A setting moved: {@code writtenName} is its name as the URL wrote it, {@code parameter} whether it was in a query string. */
    private record Found(String property, String writtenName, String given, boolean parameter) {

        boolean replaces(Found before) {
            return before.given().equals(given) || parameter && before.parameter() && before.writtenName().equals(writtenName);
        }
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
        move(property, written, given, false);
    }

    private void move(String property, String written, String given, boolean parameter) {
        String name = property.equalsIgnoreCase("password") ? "password" : property;
        found.add(new Found(name, property, given, parameter));
        keep(written, given);
    }

    /**
     * Moves the {@code key=value} parameters of {@code query}, separated by {@code separator}, whose
     * name is secret (read as a form decodes it), as the driver property {@code property} makes of
     * the name, its value as {@code given} makes it; returns the others as written. Of a parameter
     * repeated under the same name, the last is taken.
     */
    String moveSecrets(String query, char separator, UnaryOperator<String> property, UnaryOperator<String> given) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split(String.valueOf(separator), -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecret(UrlText.decodeFormLeniently(key))) {
                String value = pair.substring(eq + 1);
                move(property.apply(key), value, given.apply(value), true);
            } else if (!pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return String.join(String.valueOf(separator), kept);
    }

    /** Notes a setting that is no secret but goes with a password (the user of user info): moved, not declared. */
    void moveSetting(String property, String given) {
        found.add(new Found(property, property, given, false));
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
     * @throws SqlUrl.Invalid when one property was given two different values, other than by a
     *         parameter repeated in a query string
     */
    Map<String, String> moved() {
        Map<String, Found> byName = new LinkedHashMap<>();
        for (Found f : found) {
            String key = f.property().toLowerCase(Locale.ROOT);
            Found before = byName.get(key);
            if (before != null && !f.replaces(before)) {
                throw new SqlUrl.Invalid("gives one password, user or secret setting two different values (in two"
                        + " hosts, or in the user info and a parameter, say), and which one the driver would take is not"
                        + " certain, so the sql connector cannot take it out of the URL",
                        "Write it once, or give the password as password = \"...\" beside the url");
            }
            byName.put(key, before == null ? f : new Found(before.property(), f.writtenName(), f.given(), f.parameter()));
        }
        Map<String, String> moved = new LinkedHashMap<>();
        byName.values().forEach(f -> moved.put(f.property(), f.given()));
        return moved;
    }
}
