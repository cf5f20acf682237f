/**
 * The {@code snowpark} connector: a Snowpark for Java session as a connection
 * ({@link io.connectionkit.snowpark.SnowparkConnection}), configured from the secrets or SnowSQL's
 * config file.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.snowpark;

import org.jspecify.annotations.NullMarked;
