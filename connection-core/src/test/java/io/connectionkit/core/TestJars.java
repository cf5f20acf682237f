package io.connectionkit.core;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds connector jars for tests: compiles Java source strings in memory with the JDK's
 * compiler against the test class path, and writes a jar with the classes, an optional
 * {@code META-INF/services/io.connectionkit.api.ConnectionProvider} file and an optional
 * {@code Implementation-Version}. Discovery is about jars, class loaders and services files,
 * so its tests need real ones rather than mocks.
 *
 * <pre>{@code
 * Path good = TestJars.jar(dir, "memo.jar", Map.of("acme.MemoProvider", source), List.of("acme.MemoProvider"), "1.0");
 * Path broken = TestJars.builder()
 *         .source("acme.NeedsProvider", providerSource)
 *         .compileOnly("acme.Helper", helperSource)      // compiled against, left out of the jar
 *         .providers("acme.NeedsProvider")
 *         .write(dir.resolve("needs.jar"));
 * try (URLClassLoader loader = TestJars.loader(good, broken)) { ... }
 * }</pre>
 *
 * <p>Needs a JDK (not a JRE) to run the tests. Each call compiles afresh; nothing is cached.
 */
final class TestJars {

    /** The services file that lists a jar's providers. */
    static final String SERVICES_FILE = "META-INF/services/io.connectionkit.api.ConnectionProvider";

    private TestJars() {
    }

    /**
     * Compiles {@code sourcesByClassName} and writes them as {@code dir/jarName}.
     *
     * @param sourcesByClassName Java source by fully qualified class name ({@code acme.MemoProvider})
     * @param serviceProviders   the lines of the services file, written as given, so that they may
     *                           name classes the jar lacks; {@code null} or empty for no services file
     * @param version            the manifest's {@code Implementation-Version}, or {@code null} for none
     * @return the jar written
     */
    static Path jar(Path dir, String jarName, Map<String, String> sourcesByClassName, List<String> serviceProviders,
                    String version) {
        return builder().sources(sourcesByClassName).providers(serviceProviders).version(version)
                .write(dir.resolve(jarName));
    }

    /** A builder for jars that {@link #jar} cannot describe: compile-only classes, extra class path. */
    static Builder builder() {
        return new Builder();
    }

    /** A class loader over {@code jars} whose parent is the test's class loader; close it after use. */
    static URLClassLoader loader(Path... jars) {
        return new URLClassLoader(urls(jars), TestJars.class.getClassLoader());
    }

    /** A class loader over {@code jars}, in order, whose parent is the test's class loader; close it after use. */
    static URLClassLoader loader(List<Path> jars) {
        return loader(jars.toArray(Path[]::new));
    }

    /** What goes into one jar. Each method returns this builder; {@link #write} compiles and writes. */
    static final class Builder {
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<String> compileOnly = new ArrayList<>();
        private final List<Path> classPath = new ArrayList<>();
        private final List<String> providers = new ArrayList<>();
        private boolean withTestClassPath = true;
        private String version;

        private Builder() {
        }

        /** Adds a class to compile and package, by its fully qualified name. */
        Builder source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /** Adds classes to compile and package, by fully qualified name. */
        Builder sources(Map<String, String> sourcesByClassName) {
            sources.putAll(sourcesByClassName);
            return this;
        }

        /**
         * Adds a class that the others are compiled against but that is left out of the jar
         * (nested classes too), so that using it at run time fails with {@link NoClassDefFoundError}.
         */
        Builder compileOnly(String className, String code) {
            sources.put(className, code);
            compileOnly.add(className);
            return this;
        }

        /** Adds jars or folders to compile against, beyond the test class path; not packaged. */
        Builder classPath(Path... entries) {
            classPath.addAll(List.of(entries));
            return this;
        }

        /**
         * Compiles against {@code entries} alone, without the test class path: proves that a
         * connector needs nothing but what it is given (connection-api, say).
         */
        Builder onlyClassPath(Path... entries) {
            withTestClassPath = false;
            classPath.clear();
            classPath.addAll(List.of(entries));
            return this;
        }

        /** Adds lines to the services file, as given. */
        Builder providers(String... classNames) {
            providers.addAll(List.of(classNames));
            return this;
        }

        /** Adds lines to the services file, as given; {@code null} adds none. */
        Builder providers(List<String> classNames) {
            if (classNames != null) {
                providers.addAll(classNames);
            }
            return this;
        }

        /** Sets the manifest's {@code Implementation-Version}; {@code null} leaves it out. */
        Builder version(String implementationVersion) {
            version = implementationVersion;
            return this;
        }

        /**
         * Compiles the sources and writes the jar to {@code jarFile}, replacing any file there.
         *
         * @throws IllegalArgumentException when the sources do not compile, with the compiler's messages
         */
        Path write(Path jarFile) {
            Map<String, byte[]> classes = sources.isEmpty() ? Map.of() : compile(sources, classPath, withTestClassPath);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (version != null) {
                manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
            }
            try {
                Files.createDirectories(jarFile.toAbsolutePath().getParent());
                try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile), manifest)) {
                    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                        if (!isCompileOnly(entry.getKey())) {
                            jar.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                            jar.write(entry.getValue());
                        }
                    }
                    if (!providers.isEmpty()) {
                        jar.putNextEntry(new JarEntry(SERVICES_FILE));
                        jar.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + jarFile, e);
            }
            return jarFile;
        }

        private boolean isCompileOnly(String binaryName) {
            return compileOnly.stream().anyMatch(name -> binaryName.equals(name) || binaryName.startsWith(name + "$"));
        }
    }

    /**
     * Compiles {@code sourcesByClassName} for Java 17 against {@code extraClassPath} and, when
     * {@code withTestClassPath}, the test class path; returns the class files by binary name
     * ({@code acme.Outer$Inner}).
     *
     * @throws IllegalArgumentException when they do not compile, with the compiler's messages
     */
    private static Map<String, byte[]> compile(Map<String, String> sourcesByClassName, List<Path> extraClassPath,
                                               boolean withTestClassPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler: run the tests on a JDK, not a JRE");
        }
        List<JavaFileObject> units = sourcesByClassName.entrySet().stream()
                .map(entry -> source(entry.getKey(), entry.getValue()))
                .collect(Collectors.toList());
        List<String> classPath = new ArrayList<>();
        if (withTestClassPath) {
            classPath.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
        extraClassPath.forEach(entry -> classPath.add(entry.toString()));
        List<String> options = List.of("--release", "17", "-proc:none",
                "-classpath", String.join(File.pathSeparator, classPath));

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new TreeMap<>();
        try (StandardJavaFileManager standard =
                     compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
             JavaFileManager files = new InMemoryOutput(standard, output)) {
            if (!compiler.getTask(null, files, diagnostics, options, null, units).call()) {
                throw new IllegalArgumentException("Test sources do not compile:\n" + diagnostics.getDiagnostics().stream()
                        .map(d -> (d.getSource() == null ? "javac" : d.getSource().getName() + ":" + d.getLineNumber())
                                + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static JavaFileObject source(String className, String code) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static URL[] urls(Path... jars) {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            try {
                urls[i] = jars[i].toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars[i].toString(), e);
            }
        }
        return urls;
    }

    /** Keeps the compiled classes in memory, by binary name, instead of writing them to disk. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> output;

        InMemoryOutput(StandardJavaFileManager standard, Map<String, ByteArrayOutputStream> output) {
            super(standard);
            this.output = output;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            URI uri = URI.create("memory:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    output.put(className, bytes);
                    return bytes;
                }
            };
        }
    }
}
