/**
 * The contract connectors compile against: {@link io.connectionkit.api.BaseConnection} and its
 * {@link io.connectionkit.api.ConnectionProvider}, the {@link io.connectionkit.api.ConnectionContext}
 * and {@link io.connectionkit.api.ConnectionConfig} a provider is given, {@link io.connectionkit.api.QueryResult},
 * {@link io.connectionkit.api.QueryOptions} and the exceptions under
 * {@link io.connectionkit.api.ConnectionException}. It depends on nothing beyond the JDK, and logs
 * nothing: what it has to say goes to {@link io.connectionkit.api.ConnectionContext#warn}, which the
 * core logs through SLF4J.
 *
 * <h2>The one rule for secrets</h2>
 * Your own messages and log lines name keys and where they were set
 * ({@link io.connectionkit.api.ConnectionConfig#sourceOf}), never a configuration value. Text a
 * driver or client produced becomes yours only through
 * {@link io.connectionkit.api.QueryException#of QueryException.of(sql, e, config())},
 * {@link io.connectionkit.api.ConnectionConfig#redact config().redact(e)} or
 * {@link io.connectionkit.api.ConnectionConfig#mask config().mask(text)}, which replace the
 * connection's secrets by their exact values. Declare the keys that hold secrets in
 * {@link io.connectionkit.api.ConnectionProvider#sensitiveKeys()} and the secrets inside other values
 * (a URL's password) in {@link io.connectionkit.api.ConnectionProvider#secretsIn}, and hand secrets to
 * your client as properties, never inside a URL it may log.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.api;

import org.jspecify.annotations.NullMarked;
