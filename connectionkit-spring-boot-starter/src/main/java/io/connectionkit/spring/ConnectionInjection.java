package io.connectionkit.spring;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.core.ConnectionRegistry;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

import java.lang.reflect.Field;
import java.lang.reflect.TypeVariable;

/**
 * What the prototype factory of {@link ConnectionKitAutoConfiguration} gives an injection point:
 * a {@link ConnectionHandle} for the connection its {@link ConnectionName} names. Connects nothing. A wrong use fails where the bean that holds it is
 * created, at startup for a singleton, naming the injection point and how to fix it.
 */
final class ConnectionInjection {

    private ConnectionInjection() {
    }

    static ConnectionHandle<?> handle(ConnectionRegistry registry, InjectionPoint injectionPoint) {
        String name = nameOf(injectionPoint, "ConnectionHandle<SQLConnection>");
        ResolvableType declared = declaredType(injectionPoint).as(ConnectionHandle.class);
        ResolvableType generic = declared.getGeneric(0);
        boolean raw = declared == ResolvableType.NONE || generic == ResolvableType.NONE
                || generic.getType() instanceof TypeVariable<?> variable
                && variable.getGenericDeclaration() == ConnectionHandle.class; // its own C: no argument given
        if (raw) {
            throw new IllegalStateException("Cannot inject " + describe(injectionPoint)
                    + ": a raw ConnectionHandle does not say which connection class it gives; declare it as, say, "
                    + "ConnectionHandle<SQLConnection>, or ConnectionHandle<BaseConnection<?>> for any");
        }
        Class<?> type = generic.resolve(Object.class);
        boolean anyType = type == Object.class || type == BaseConnection.class;
        if (!anyType && !BaseConnection.class.isAssignableFrom(type)) {
            // the type parameter's bound forbids it in source; a type variable resolved otherwise may not
            throw new IllegalStateException("Cannot inject " + describe(injectionPoint) + ": " + type.getName()
                    + " is not a connection class (a subclass of io.connectionkit.api.BaseConnection, "
                    + "such as io.connectionkit.sql.SQLConnection)");
        }
        @SuppressWarnings("unchecked") // a BaseConnection subclass, checked above; the handle's own C is erased
        Class<BaseConnection<?>> connectionClass = (Class<BaseConnection<?>>) (anyType ? BaseConnection.class : type);
        return new RegistryConnectionHandle<>(registry, name, connectionClass, anyType);
    }

    private static String nameOf(InjectionPoint injectionPoint, String example) {
        ConnectionName annotation = injectionPoint.getAnnotation(ConnectionName.class);
        if (annotation == null) {
            throw new IllegalStateException("Cannot inject " + describe(injectionPoint) + ": say which connection with "
                    + "@ConnectionName, as in @ConnectionName(\"pets\") " + example + " pets");
        }
        if (annotation.value().isBlank()) {
            throw new IllegalStateException("Cannot inject " + describe(injectionPoint)
                    + ": @ConnectionName must name a connection, such as @ConnectionName(\"pets\")");
        }
        return annotation.value();
    }

    private static ResolvableType declaredType(InjectionPoint injectionPoint) {
        if (injectionPoint instanceof DependencyDescriptor descriptor) {
            return descriptor.getResolvableType(); // follows ObjectProvider<...>, Optional<...>
        }
        Field field = injectionPoint.getField();
        MethodParameter parameter = injectionPoint.getMethodParameter();
        return field != null ? ResolvableType.forField(field)
                : parameter != null ? ResolvableType.forMethodParameter(parameter) : ResolvableType.NONE;
    }

    private static String describe(InjectionPoint injectionPoint) {
        Field field = injectionPoint.getField();
        if (field != null) {
            return "field " + field.getName() + " of " + field.getDeclaringClass().getName();
        }
        MethodParameter parameter = injectionPoint.getMethodParameter();
        if (parameter != null) {
            String name = parameter.getParameterName();
            return "parameter " + (name != null ? name : "#" + parameter.getParameterIndex()) + " of "
                    + parameter.getExecutable().toGenericString();
        }
        return String.valueOf(injectionPoint);
    }
}
