package io.connectionkit.core;

import java.util.Map;
import java.util.Optional;

/** ConnectionKit's own connector types, so that a missing jar gets the coordinates to add. */
final class FirstPartyTypes {

    private static final Map<String, String> ARTIFACTS = Map.of(
            "sql", "io.connectionkit:connector-sql",
            "snowflake", "io.connectionkit:connector-snowflake",
            "snowpark", "io.connectionkit:connector-snowpark");

    private FirstPartyTypes() {
    }

    /** Whether {@code name} is one of our type names, which a connection name infers even before its jar is present. */
    static boolean contains(String name) {
        return ARTIFACTS.containsKey(name);
    }

    /** The Maven coordinates of the jar that serves {@code type}. */
    static Optional<String> artifactFor(String type) {
        return Optional.ofNullable(ARTIFACTS.get(type));
    }
}
