package io.connectionkit.core;

import io.connectionkit.api.ConnectionProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where connector classes come from: the jar of a class, the jars whose services file lists a
 * class name, and a jar's version. {@link java.util.ServiceLoader} tells none of this for a
 * provider it failed to load, so discovery reads the services files itself to name the jar.
 */
final class ProviderSources {

    /** The services file every connector jar has. */
    static final String SERVICES_FILE = "META-INF/services/" + ConnectionProvider.class.getName();

    /** Shown for a jar we cannot tell. */
    static final String UNKNOWN = "unknown";

    private ProviderSources() {
    }

    /**
     * The class names listed by the services files {@code loader} sees, in the order
     * {@link java.util.ServiceLoader} reads them, each with the jars that list it (usually one).
     * Lines that are not class names are skipped here; {@code ServiceLoader} reports them.
     */
    static Map<String, List<String>> listedProviders(ClassLoader loader) {
        Map<String, List<String>> jarsByClass = new LinkedHashMap<>();
        Enumeration<URL> files;
        try {
            files = loader.getResources(SERVICES_FILE);
        } catch (IOException e) {
            return jarsByClass; // ServiceLoader fails on the same call and reports it
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            String jar = jarOfServicesFile(file.toExternalForm());
            for (String className : classNames(file)) {
                List<String> jars = jarsByClass.computeIfAbsent(className, k -> new ArrayList<>(1));
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            }
        }
        return jarsByClass;
    }

    /** The jar or folder {@code type} was loaded from, as a file path, or {@link #UNKNOWN}. */
    static String jarOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? UNKNOWN : display(source.getLocation());
        } catch (SecurityException e) {
            return UNKNOWN;
        }
    }

    /**
     * The jar that holds the services file at {@code file}: {@code jar:file:/a/b.jar!/META-INF/...}
     * gives {@code /a/b.jar}, and {@code file:/a/classes/META-INF/...} gives {@code /a/classes}.
     */
    static String jarOfServicesFile(String file) {
        String root;
        if (file.startsWith("jar:") && file.contains("!/")) {
            root = file.substring("jar:".length(), file.lastIndexOf("!/"));
        } else if (file.endsWith(SERVICES_FILE)) {
            root = file.substring(0, file.length() - SERVICES_FILE.length());
        } else {
            return file;
        }
        try {
            return display(new URI(root).toURL());
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return root;
        }
    }

    /**
     * The {@code Implementation-Version} of {@code jar}'s manifest, else of {@code type}'s package
     * (when the class is known), else {@code null}. The manifest comes first because a package
     * split over two jars reports the version of whichever jar defined it.
     */
    static String version(Class<?> type, String jar) {
        String version = manifestVersion(jar);
        if (version == null && type != null) {
            version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        }
        return version;
    }

    /** A location as a file path when it is a local file or folder, otherwise the URL as text. */
    static String display(URL location) {
        if ("file".equals(location.getProtocol())) {
            try {
                return Path.of(location.toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain local path; the URL says it best
            }
        }
        return location.toExternalForm();
    }

    private static String manifestVersion(String jar) {
        Path path;
        try {
            path = Path.of(jar);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (JarFile file = new JarFile(path.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The class names in one services file: one a line, {@code #} starts a comment. */
    private static List<String> classNames(URL file) {
        List<String> names = new ArrayList<>();
        try {
            URLConnection connection = file.openConnection();
            connection.setUseCaches(false); // a cached JarFile would stay open after the loader closes
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty() && name.chars().noneMatch(Character::isWhitespace)) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // ServiceLoader reads the same file and reports the problem with its URL
        }
        return names;
    }
}
