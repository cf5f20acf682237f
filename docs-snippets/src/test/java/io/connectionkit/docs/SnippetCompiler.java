package io.connectionkit.docs;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles snippets, all in one run of {@code javac}, against a class path; writes no class file.
 * Reports each snippet's errors at the Markdown line they are on.
 */
final class SnippetCompiler {

    private SnippetCompiler() {
    }

    /**
     * The compiler's errors for each snippet, in the order given, each as
     * {@code README.md:23: cannot find symbol} followed by the compiler's details and the line.
     */
    static Map<JavaSnippet, List<String>> errors(List<JavaSnippet> snippets, String classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in " + System.getProperty("java.home")
                    + ": run the tests on a JDK, not a JRE");
        }
        Map<JavaFileObject, SnippetSource> units = new IdentityHashMap<>();
        Map<JavaSnippet, List<String>> errors = new LinkedHashMap<>();
        for (JavaSnippet snippet : snippets) {
            SnippetSource source = new SnippetSource(snippet);
            units.put(sourceFile(source), source);
            errors.put(snippet, new ArrayList<>());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:none", "-classpath", classPath);
            compiler.getTask(null, discardingClasses(files), diagnostics, options, null, units.keySet()).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            SnippetSource source = units.get(diagnostic.getSource());
            if (source == null) {
                throw new IllegalStateException("javac failed outside any snippet: " + diagnostic.getMessage(Locale.ROOT));
            }
            errors.get(source.snippet()).add(describe(source, diagnostic));
        }
        return errors;
    }

    private static String describe(SnippetSource source, Diagnostic<? extends JavaFileObject> diagnostic) {
        int line = source.markdownLine(diagnostic.getLineNumber());
        String where = line > 0
                ? source.snippet().file() + ":" + line
                : source.snippet().location() + " (the method around the snippet: a brace or parenthesis left open?)";
        return where + ": " + diagnostic.getMessage(Locale.ROOT) + "\n    | " + source.line(diagnostic.getLineNumber()).strip();
    }

    private static JavaFileObject sourceFile(SnippetSource source) {
        return new SimpleJavaFileObject(URI.create("string:///" + source.className() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.text();
            }
        };
    }

    /** Compile only: class files go nowhere. */
    private static ForwardingJavaFileManager<StandardJavaFileManager> discardingClasses(StandardJavaFileManager files) {
        return new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("discarded:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return OutputStream.nullOutputStream();
                    }
                };
            }
        };
    }
}
