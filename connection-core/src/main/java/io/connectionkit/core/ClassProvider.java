package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionContext;
import io.connectionkit.api.ConnectionException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.QueryException;
import io.connectionkit.api.UnknownConnectionTypeException;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/** Serves a connection class given as the type, through its public (ConnectionContext) constructor. */
final class ClassProvider implements ConnectionProvider {

    private final Class<? extends BaseConnection<?>> connectionClass;
    private final Constructor<? extends BaseConnection<?>> constructor;

    private ClassProvider(Class<? extends BaseConnection<?>> connectionClass,
                          Constructor<? extends BaseConnection<?>> constructor) {
        this.connectionClass = connectionClass;
        this.constructor = constructor;
    }

    static ClassProvider of(Class<? extends BaseConnection<?>> connectionClass, List<String> availableTypes) {
        if (Modifier.isAbstract(connectionClass.getModifiers())) {
            throw new UnknownConnectionTypeException(connectionClass.getName()
                    + " is abstract and cannot serve as a connection type; give a concrete class or a type name",
                    connectionClass.getName(), availableTypes);
        }
        try {
            return new ClassProvider(connectionClass, connectionClass.getConstructor(ConnectionContext.class));
        } catch (NoSuchMethodException e) {
            throw new UnknownConnectionTypeException(connectionClass.getName()
                    + " cannot serve as a connection type: it needs a public constructor taking a "
                    + ConnectionContext.class.getName(), connectionClass.getName(), availableTypes);
        }
    }

    @Override
    public String type() {
        return connectionClass.getName();
    }

    @Override
    public Class<? extends BaseConnection<?>> connectionClass() {
        return connectionClass;
    }

    @Override
    public BaseConnection<?> create(ConnectionContext context) {
        try {
            return constructor.newInstance(context);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ConnectionException("Constructing " + connectionClass.getName() + " failed: "
                    + context.config().mask(String.valueOf(cause.getMessage())), context.config().redact(cause),
                    QueryException.isTransient(cause));
        } catch (ReflectiveOperationException e) {
            throw new ConnectionException("Cannot construct " + connectionClass.getName() + ": " + e, e);
        }
    }
}
