package io.connectionkit.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sources and jars of small connectors for discovery tests: a working one to copy, and one jar
 * for each way a connector can fail to load. Built with {@link TestJars}.
 */
final class TestConnectors {

    private TestConnectors() {
    }

    /**
     * A provider and its connection class, {@code acme.memo.MemoProvider} and
     * {@code acme.memo.MemoConnection}: the connection connects to the string {@code "connected"}.
     *
     * @param type    what {@code type()} returns; {@code null} to leave {@code type()} to {@code members}
     * @param members more members of the provider class: constructors, {@code aliases()}, ...
     */
    static Map<String, String> connector(String providerClass, String type, String members) {
        int dot = providerClass.lastIndexOf('.');
        String pkg = providerClass.substring(0, dot);
        String provider = providerClass.substring(dot + 1);
        String connection = provider.replace("Provider", "") + "Connection";
        String typeMethod = type == null ? "" : "@Override public String type() { return \"" + type + "\"; }";
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(providerClass, """
                package %1$s;
                import io.connectionkit.api.*;
                import java.util.Set;
                public class %2$s implements ConnectionProvider {
                    %4$s
                    %5$s
                    @Override public Class<? extends BaseConnection<?>> connectionClass() { return %3$s.class; }
                    @Override public BaseConnection<?> create(ConnectionContext context) { return new %3$s(context); }
                }
                """.formatted(pkg, provider, connection, typeMethod, members));
        sources.put(pkg + "." + connection, """
                package %1$s;
                import io.connectionkit.api.*;
                public class %2$s extends BaseConnection<String> {
                    public %2$s(ConnectionContext context) { super(context); }
                    @Override protected String connect(ConnectionConfig config) { return "connected"; }
                }
                """.formatted(pkg, connection));
        return sources;
    }

    /**
     * One jar per way to fail, written to {@code dir}, in this order:
     * {@code throwing.jar} (constructor throws, version 0.9), {@code no-constructor.jar},
     * {@code missing-class.jar} (lists a class it lacks, version 2.0), {@code needs-helper.jar}
     * (its constructor uses a class left out), {@code missing-parent.jar} (its superclass is left
     * out), {@code not-a-provider.jar} (lists a class that is no provider).
     */
    static List<Path> brokenJars(Path dir) {
        Path throwing = TestJars.jar(dir, "throwing.jar", connector("acme.throwing.ThrowingProvider", "throwing",
                "public ThrowingProvider() { throw new IllegalStateException(\"no licence key\"); }"),
                List.of("acme.throwing.ThrowingProvider"), "0.9");
        Path noConstructor = TestJars.jar(dir, "no-constructor.jar", connector("acme.noctor.NoCtorProvider", "noctor",
                "public NoCtorProvider(String setting) { }"), List.of("acme.noctor.NoCtorProvider"), null);
        Path missingClass = TestJars.jar(dir, "missing-class.jar", Map.of(), List.of("acme.gone.GoneProvider"), "2.0");
        Path needsHelper = TestJars.builder()
                .sources(connector("acme.needs.NeedsProvider", "needs", "public NeedsProvider() { Helper.check(); }"))
                .compileOnly("acme.needs.Helper",
                        "package acme.needs; public class Helper { public static void check() { } }")
                .providers("acme.needs.NeedsProvider")
                .write(dir.resolve("needs-helper.jar"));
        Path missingParent = TestJars.builder()
                .source("acme.child.ChildProvider",
                        "package acme.child; public class ChildProvider extends ParentProvider { }")
                .compileOnly("acme.child.ParentProvider", """
                        package acme.child;
                        import io.connectionkit.api.*;
                        public abstract class ParentProvider implements ConnectionProvider {
                            @Override public String type() { return "child"; }
                            @Override public Class<? extends BaseConnection<?>> connectionClass() { return null; }
                            @Override public BaseConnection<?> create(ConnectionContext context) { return null; }
                        }
                        """)
                .providers("acme.child.ChildProvider")
                .write(dir.resolve("missing-parent.jar"));
        Path notAProvider = TestJars.jar(dir, "not-a-provider.jar",
                Map.of("acme.plain.Plain", "package acme.plain; public class Plain { }"),
                List.of("acme.plain.Plain"), null);
        return List.of(throwing, noConstructor, missingClass, needsHelper, missingParent, notAProvider);
    }
}
