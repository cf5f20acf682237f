package io.connectionkit.testkit;

import io.connectionkit.api.ConnectionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * How a connector is registered: the services file in the jar (or classes folder) its
 * connection class was loaded from, and the provider {@link ServiceLoader} finds for it.
 */
final class ServiceRegistration {

    static final String SERVICES_FILE = "META-INF/services/" + ConnectionProvider.class.getName();

    private ServiceRegistration() {
    }

    /** Where {@code type} was loaded from: its jar or classes folder. */
    static Path locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new AssertionError(type.getName() + " has no code source; the kit checks connectors loaded from a jar "
                    + "or a classes folder");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("The location of " + type.getName() + " is not a path: " + source.getLocation(), e);
        }
    }

    /** The provider class names listed in the services file at {@code location}, or empty when it has none. */
    static Optional<List<String>> listedProviders(Path location) {
        try {
            if (Files.isDirectory(location)) {
                Path file = location.resolve(SERVICES_FILE);
                return Files.isRegularFile(file) ? Optional.of(classNames(Files.readString(file))) : Optional.empty();
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                ZipEntry entry = jar.getEntry(SERVICES_FILE);
                if (entry == null) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return Optional.of(classNames(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SERVICES_FILE + " in " + location, e);
        }
    }

    private static List<String> classNames(String servicesFile) {
        List<String> names = new ArrayList<>();
        for (String line : servicesFile.split("\\R")) {
            String name = line.replaceFirst("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The provider {@link ServiceLoader} finds, through the context class loader, whose
     * {@code connectionClass()} is {@code connectionClass}; providers that fail to load are skipped.
     */
    static Optional<ConnectionProvider> providerOf(Class<?> connectionClass) {
        Iterator<ConnectionProvider> providers = ServiceLoader.load(ConnectionProvider.class,
                Thread.currentThread().getContextClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return Optional.empty();
                }
                ConnectionProvider provider = providers.next();
                if (provider.connectionClass() == connectionClass) {
                    return Optional.of(provider);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError brokenProvider) {
                // another connector's problem; the registry reports it
            }
        }
    }

    /** The provider of {@code connectionClass}, or a failure that says how to register one. */
    static ConnectionProvider requireProvider(Class<?> connectionClass) {
        return providerOf(connectionClass).orElseThrow(() -> new AssertionError("ServiceLoader finds no "
                + ConnectionProvider.class.getName() + " whose connectionClass() is " + connectionClass.getName()
                + ". List your provider class in " + SERVICES_FILE + " beside " + connectionClass.getName()
                + " (src/main/resources/" + SERVICES_FILE + "), give it a public no-argument constructor, and return "
                + connectionClass.getSimpleName() + ".class from its connectionClass()."));
    }
}
