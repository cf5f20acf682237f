package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionConfigException;
import io.connectionkit.api.ConnectionProvider;
import io.connectionkit.api.UnknownConnectionTypeException;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which provider serves a request, as {@code st.connection} does: an explicit type
 * (short name, alias, class name or class); else the name itself when it is a type; else
 * {@code connections.<name>.type} from the secrets; else the class the caller expects.
 */
final class TypeResolver {

    /**
     * A provider and the type name its connections report.
     *
     * @param id                what tells providers apart in a connection's cache key
     * @param fromExpectedClass whether the class the caller expects decided it, for want of any
     *                          other type: then another class asked for would decide another
     */
    record Resolved(ConnectionProvider provider, String type, String id, boolean fromExpectedClass) {
        Resolved(ConnectionProvider provider, String type) {
            this(provider, type, provider.getClass().getName() + "/" + type, false);
        }
    }

    private final Supplier<ProviderCatalog> catalog;
    private final List<ClassLoader> classLoaders;

    TypeResolver(Supplier<ProviderCatalog> catalog, List<ClassLoader> classLoaders) {
        this.catalog = catalog;
        this.classLoaders = List.copyOf(classLoaders);
    }

    Resolved resolve(String name, ConnectionRequest request, Class<?> expected, Secrets secrets) {
        if (request.typeClass() != null) {
            return fromClass(request.typeClass());
        }
        if (request.typeName() != null) {
            return fromName(name, request.typeName(), "given in code");
        }
        if (catalog.get().names().contains(name) || FirstPartyTypes.contains(name)) {
            return fromName(name, name, "inferred from the connection's name");
        }
        String typeKey = RegistryContext.sectionPath(name) + ".type";
        Optional<Object> configured = secrets.get(typeKey);
        if (configured.isPresent()) {
            if (!(configured.get() instanceof String type) || type.isBlank()) {
                // The value is not quoted: a misplaced line may have put a secret there.
                throw new ConnectionConfigException(typeKey + ": expected a type name or class name, a string that is"
                        + " not blank (" + secrets.sourceOf(typeKey).map(Object::toString).orElse("?") + ")");
            }
            return fromName(name, type.strip(), "set at " + secrets.sourceOf(typeKey).map(Object::toString).orElse(typeKey));
        }
        if (expected != null && expected != BaseConnection.class) {
            Resolved byClass = fromClass(expected);
            return new Resolved(byClass.provider(), byClass.type(), byClass.id(), true);
        }
        throw noType(name, secrets);
    }

    private ConnectionConfigException noType(String name, Secrets secrets) {
        StringBuilder message = new StringBuilder("No type for connection '").append(name).append("'. Give one in code (")
                .append("Connections.get(\"").append(name).append("\", \"sql\")), or set type = \"...\" in [")
                .append(RegistryContext.sectionPath(name)).append("] of secrets.toml. ");
        if (secrets.sourceOf(RegistryContext.sectionPath(name)).isEmpty()) {
            message.append(secrets.missingSection(name));
        } else {
            message.append("Secrets read from: ").append(secrets.readLocations()).append('.');
        }
        message.append(" Available types: ").append(catalog.get().names()).append('.');
        return new ConnectionConfigException(message.toString());
    }

    private Resolved fromName(String name, String type, String where) {
        if (type.contains(".")) {
            return fromClass(loadClass(type, where));
        }
        Optional<ConnectionProvider> provider = catalog.get().find(type);
        if (provider.isPresent()) {
            return new Resolved(provider.get(), provider.get().type());
        }
        throw unknownType(name, type, where);
    }

    private UnknownConnectionTypeException unknownType(String name, String type, String where) {
        ProviderCatalog providers = catalog.get();
        StringBuilder message = new StringBuilder("Unknown connection type '").append(type).append("' for connection '")
                .append(name).append("' (").append(where).append("). Available types: ").append(providers.names()).append('.');
        FirstPartyTypes.artifactFor(type).ifPresent(artifact -> message.append(" Type '").append(type)
                .append("' is served by ConnectionKit's ").append(artifact)
                .append(": add that dependency to your build."));
        List<ProviderInfo> failed = providers.infos().stream()
                .filter(info -> info.status() == ProviderInfo.Status.FAILED).toList();
        if (!failed.isEmpty()) {
            message.append(' ').append(failed.size()).append(failed.size() == 1 ? " connector" : " connectors")
                    .append(" failed to load: ")
                    .append(failed.stream().map(info -> info.className() + " (" + info.jar() + "): " + info.failure())
                            .collect(Collectors.joining("; ")))
                    .append('.');
        }
        return new UnknownConnectionTypeException(message.toString(), type, List.copyOf(providers.names()));
    }

    @SuppressWarnings("unchecked")
    private Resolved fromClass(Class<?> type) {
        if (ConnectionProvider.class.isAssignableFrom(type)) {
            ConnectionProvider provider = instantiate((Class<? extends ConnectionProvider>) type);
            return new Resolved(provider, provider.type());
        }
        if (BaseConnection.class.isAssignableFrom(type)) {
            Class<? extends BaseConnection<?>> connectionClass = (Class<? extends BaseConnection<?>>) type;
            ConnectionProvider provider = catalog.get().forConnectionClass(connectionClass)
                    .orElseGet(() -> ClassProvider.of(connectionClass, List.copyOf(catalog.get().names())));
            return new Resolved(provider, provider.type());
        }
        throw new UnknownConnectionTypeException(type.getName() + " is neither a subclass of "
                + BaseConnection.class.getName() + " nor a " + ConnectionProvider.class.getName(),
                type.getName(), List.copyOf(catalog.get().names()));
    }

    private ConnectionProvider instantiate(Class<? extends ConnectionProvider> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new UnknownConnectionTypeException(type.getName()
                    + " cannot be used as a provider: it needs a public no-argument constructor",
                    type.getName(), List.copyOf(catalog.get().names()));
        } catch (InvocationTargetException e) {
            throw new UnknownConnectionTypeException(type.getName() + " cannot be used as a provider: its constructor threw "
                    + e.getCause(), type.getName(), List.copyOf(catalog.get().names()));
        } catch (ReflectiveOperationException e) {
            throw new UnknownConnectionTypeException(type.getName() + " cannot be used as a provider: " + e,
                    type.getName(), List.copyOf(catalog.get().names()));
        }
    }

    private Class<?> loadClass(String className, String where) {
        List<String> tried = new ArrayList<>();
        for (ClassLoader loader : classLoaders) {
            try {
                return Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                tried.add(describe(loader));
            } catch (LinkageError e) {
                throw new UnknownConnectionTypeException("Class " + className + " (" + where
                        + ") was found but cannot be loaded: " + e, className, List.copyOf(catalog.get().names()));
            }
        }
        throw new UnknownConnectionTypeException("Class " + className + " (" + where
                + ") was not found by the class loaders tried: " + tried
                + ". Put the jar that contains it on the class path, or use a type name from "
                + catalog.get().names(), className, List.copyOf(catalog.get().names()));
    }

    private static String describe(ClassLoader loader) {
        String name = loader.getName();
        return (name == null ? loader.getClass().getName() : name + " (" + loader.getClass().getName() + ")");
    }
}
