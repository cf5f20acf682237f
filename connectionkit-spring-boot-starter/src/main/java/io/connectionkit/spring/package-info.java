/**
 * Spring Boot auto-configuration for ConnectionKit: a shared
 * {@link io.connectionkit.core.ConnectionRegistry} configured by {@code connectionkit.*} properties,
 * connections injected by name as {@link io.connectionkit.spring.ConnectionHandle}s marked
 * {@link io.connectionkit.spring.ConnectionName @ConnectionName}, and, when the application has them,
 * a health indicator per configured connection, an actuator endpoint {@code connections} and
 * Micrometer meters.
 *
 * <p>Nothing here is {@code null} unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.connectionkit.spring;

import org.jspecify.annotations.NullMarked;
