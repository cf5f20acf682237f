package io.connectionkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the connection to inject into a {@link ConnectionHandle} constructor parameter, field or
 * {@code @Bean} method parameter: {@code @ConnectionName("pets") ConnectionHandle<SQLConnection> pets} is the connection
 * configured by {@code [connections.pets]}. Like a name given to {@code Connections.get}, it may be
 * {@code env:VARIABLE}, the name being that environment variable's value.
 *
 * <p>Not a Spring {@code @Qualifier}: it does not select among beans, it tells the starter's
 * single handle factory which connection the handle stands for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface ConnectionName {

    /** The connection's name, {@code pets} for {@code [connections.pets]}. */
    String value();
}
