/**
 * Connections by name, as {@code st.connection} gives them: {@link io.connectionkit.core.Connections}
 * over a default {@link io.connectionkit.core.ConnectionRegistry}, which finds connectors on the
 * class path, reads and watches the secrets files, and caches connections and query results.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.core;

import org.jspecify.annotations.NullMarked;
