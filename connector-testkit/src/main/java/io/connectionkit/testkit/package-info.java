/**
 * Conformance checks every connector inherits: implement {@link io.connectionkit.testkit.ConnectorTestKit}
 * in a test class, answer its hooks, and JUnit runs each check against the real connector.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.testkit;

import org.jspecify.annotations.NullMarked;
