package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;

import java.util.Map;
import java.util.Objects;

/**
 * The one-line way in, as {@code st.connection} is in Streamlit:
 *
 * <pre>{@code
 * SQLConnection db = Connections.get("pets", SQLConnection.class);
 * }</pre>
 *
 * A static facade over a default {@link ConnectionRegistry}, built on first use from the
 * default secrets files ({@code ~/.streamlit/secrets.toml}, then {@code ./.streamlit/secrets.toml}),
 * the thread's context class loader, and with the secrets files watched for changes. Build a
 * registry of your own for anything else (tests, several configurations in one JVM).
 */
public final class Connections {

    private static final Object LOCK = new Object();
    private static volatile ConnectionRegistry defaultRegistry;
    /** The default registry's answers by name, read here directly: a get that finds its answer loads one object fewer. */
    private static volatile Map<String, KnownConnection> defaultAnswers = Map.of();

    private Connections() {
    }

    /** The connection {@code name}, its type from the name or from {@code connections.<name>.type}. */
    public static BaseConnection<?> get(String name) {
        KnownConnection known = defaultAnswers.get(Objects.requireNonNull(name, "name"));
        BaseConnection<?> live = known == null ? null : known.answer(null);
        return live != null ? live : registry().get(name);
    }

    /** The connection {@code name} as {@code type}; the class is the type when none is configured. */
    @SuppressWarnings("unchecked") // answer checked that type is assignable from the class served
    public static <C extends BaseConnection<?>> C get(String name, Class<C> type) {
        KnownConnection known = defaultAnswers.get(Objects.requireNonNull(name, "name"));
        BaseConnection<?> live = known == null ? null : known.answer(Objects.requireNonNull(type, "type"));
        return live != null ? (C) live : registry().get(name, type);
    }

    /** The connection {@code name} of {@code type}: a short name, an alias, or a class name. */
    public static BaseConnection<?> get(String name, String type) {
        return registry().get(name, type);
    }

    /** A request with the rest of {@code st.connection}'s arguments: ttl, max entries, options. */
    public static ConnectionRequest request(String name) {
        return registry().request(name);
    }

    /**
     * The default registry, built on first call. A build that fails (a secrets file that is not
     * valid TOML) throws, and the next call tries again.
     */
    public static ConnectionRegistry registry() {
        ConnectionRegistry registry = defaultRegistry;
        if (registry == null) {
            synchronized (LOCK) {
                registry = defaultRegistry;
                if (registry == null) {
                    registry = ConnectionRegistry.builder().watchSecrets(true).build();
                    defaultRegistry = registry;
                    defaultAnswers = registry.answersByName();
                }
            }
        }
        return registry;
    }
}
