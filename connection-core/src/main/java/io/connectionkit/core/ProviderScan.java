package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;
import io.connectionkit.api.ConnectionProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * One discovery pass for {@link ProviderCatalog}: runs {@link ServiceLoader} over each class
 * loader, keeps going past broken providers, and records each provider once, identified by its
 * class name and jar (so a jar seen through a parent and a child loader counts once). Not
 * thread-safe; used by one thread, then dropped.
 */
final class ProviderScan {

    /**
     * Errors tolerated beyond one per listed provider. {@code ServiceLoader} repeats some errors
     * forever (when it cannot list the services files), so the loop needs a bound.
     */
    private static final int SPARE_ERRORS = 16;

    private final List<Found> found = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    /**
     * A provider as discovered, before conflicts are known.
     *
     * @param provider        the instance, or {@code null} when it failed
     * @param type            its type, or {@code null} when it failed
     * @param aliases         its aliases, sorted, without its type; empty when it failed
     * @param connectionClass what it creates, or {@code null} when it failed
     * @param className       the provider class, or {@code null} when it could not be told
     * @param failure         the hint when it failed, else {@code null}
     * @param error           what was thrown, for the DEBUG log; may be {@code null}
     */
    record Found(ConnectionProvider provider, String type, Set<String> aliases, Class<?> connectionClass,
                 String className, String jar, String version, String failure, Throwable error) {

        static Found failed(String className, String jar, String version, String failure, Throwable error) {
            return new Found(null, null, Set.of(), null, className, jar, version, failure, error);
        }

        boolean usable() {
            return failure == null;
        }

        /** Its type then its aliases; empty when it failed. */
        Set<String> names() {
            if (!usable()) {
                return Set.of();
            }
            Set<String> names = new LinkedHashSet<>();
            names.add(type);
            names.addAll(aliases);
            return names;
        }
    }

    /** The providers found so far, in discovery order. */
    List<Found> found() {
        return Collections.unmodifiableList(found);
    }

    /** Problems that are not one provider's failure, such as one class listed by two jars. */
    Set<String> warnings() {
        return Collections.unmodifiableSet(warnings);
    }

    /** Adds the providers {@code loader} sees that were not found through an earlier loader. */
    void scan(ClassLoader loader) {
        Map<String, List<String>> listed = ProviderSources.listedProviders(loader);
        listed.forEach((className, jars) -> {
            if (jars.size() > 1) {
                warnings.add("Connector class " + className + " is listed by " + jars.size() + " jars: "
                        + String.join(", ", jars) + ". Its classes load from the first; remove all but one of "
                        + "these jars from the class path.");
            }
        });
        Set<String> accounted = new HashSet<>();
        List<Integer> unnamedAt = new ArrayList<>();
        List<Throwable> unnamed = new ArrayList<>();
        Iterator<ConnectionProvider> providers = ServiceLoader.load(ConnectionProvider.class, loader).iterator();
        int errors = 0;
        while (true) {
            ConnectionProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // the iterator goes on with the next listed class after an error
                if (++errors > listed.size() + SPARE_ERRORS) {
                    warnings.add("Stopped looking for connectors in " + loader + " after " + errors
                            + " errors; the last was: " + e);
                    break;
                }
                if (!failedByName(e, listed, accounted)) {
                    // a raw LinkageError names the missing class, not the provider: matched below
                    unnamedAt.add(found.size());
                    unnamed.add(e);
                    found.add(null);
                }
                continue;
            }
            accounted.add(provider.getClass().getName());
            loaded(provider);
        }
        List<String> culprits = new ArrayList<>();
        for (Throwable error : unnamed) {
            String className = culprit(listed, accounted, loader, error);
            if (className != null) {
                accounted.add(className);
            }
            culprits.add(className);
        }
        // from the end, so that dropping a placeholder does not move the earlier ones
        for (int i = unnamed.size() - 1; i >= 0; i--) {
            int at = unnamedAt.get(i);
            String className = culprits.get(i);
            found.remove(at);
            Found failure = failure(className, firstJar(listed, className), unnamed.get(i));
            if (failure != null) {
                found.add(at, failure);
            }
        }
    }

    /**
     * Records the failure {@code error} reports when it names the provider class or its services
     * file; returns {@code false} when it names neither.
     */
    private boolean failedByName(Throwable error, Map<String, List<String>> listed, Set<String> accounted) {
        if (!(error instanceof ServiceConfigurationError)) {
            return false;
        }
        String className = ProviderFailure.className((ServiceConfigurationError) error);
        String servicesFile = ProviderFailure.servicesFile((ServiceConfigurationError) error);
        if (servicesFile != null) {
            failed(className, ProviderSources.jarOfServicesFile(servicesFile), error);
            return true;
        }
        if (className != null) {
            accounted.add(className);
            failed(className, firstJar(listed, className), error);
            return true;
        }
        return false;
    }

    private void loaded(ConnectionProvider provider) {
        Class<?> type = provider.getClass();
        String className = type.getName();
        String jar = ProviderSources.jarOf(type);
        if (!seen.add(className + '\n' + jar)) {
            return;
        }
        String version = ProviderSources.version(type, jar);
        String method = "type()";
        try {
            String name = provider.type();
            method = "aliases()";
            Set<String> aliases = provider.aliases();
            method = "connectionClass()";
            Class<?> connectionClass = provider.connectionClass();
            String problem = invalid(name, aliases, connectionClass);
            if (problem != null) {
                found.add(Found.failed(className, jar, version, problem, null));
                return;
            }
            Set<String> others = new TreeSet<>(aliases);
            others.remove(name);
            found.add(new Found(provider, name, Collections.unmodifiableSet(others), connectionClass, className, jar,
                    version, null, null));
        } catch (RuntimeException | LinkageError e) {
            found.add(Found.failed(className, jar, version, ProviderFailure.thrownBy(method, e), e));
        }
    }

    private void failed(String className, String jar, Throwable error) {
        Found failure = failure(className, jar, error);
        if (failure != null) {
            found.add(failure);
        }
    }

    /** The failure to record, or {@code null} when an earlier loader already reported it. */
    private Found failure(String className, String jar, Throwable error) {
        String hint = ProviderFailure.hint(error);
        if (!seen.add((className == null ? "?" + hint : className) + '\n' + jar)) {
            return null;
        }
        return Found.failed(className, jar, ProviderSources.version(null, jar), hint, error);
    }

    /** Why a provider's answers cannot be used, or {@code null} when they can. */
    static String invalid(String type, Set<String> aliases, Class<?> connectionClass) {
        String problem = invalidName(type);
        if (problem != null) {
            return "its type() returned " + problem;
        }
        if (aliases == null) {
            return "its aliases() returned null";
        }
        for (String alias : aliases) {
            problem = invalidName(alias);
            if (problem != null) {
                return "its aliases() include " + problem;
            }
        }
        if (connectionClass == null) {
            return "its connectionClass() returned null";
        }
        if (!BaseConnection.class.isAssignableFrom(connectionClass)) {
            return "its connectionClass() returned " + connectionClass.getName() + ", which does not extend "
                    + BaseConnection.class.getName();
        }
        return null;
    }

    /**
     * What is wrong with a type name or alias, or {@code null} when it is valid: letters, digits,
     * {@code _} and {@code -}. A dot is not allowed because a type with a dot is a class name.
     */
    static String invalidName(String name) {
        if (name == null) {
            return "null";
        }
        if (name.isBlank()) {
            return "a blank name";
        }
        boolean valid = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
        return valid ? null : "'" + name + "', which is not a valid name: use letters, digits, '_' and '-'"
                + " (a name with a '.' is read as a class name)";
    }

    /**
     * The listed class that fails to load with the same error, found by loading each listed class
     * not yet accounted for; {@code null} when none does.
     */
    private static String culprit(Map<String, List<String>> listed, Set<String> accounted, ClassLoader loader,
                                  Throwable error) {
        for (String className : listed.keySet()) {
            if (accounted.contains(className)) {
                continue;
            }
            try {
                Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                if (e.getClass() == error.getClass() && Objects.equals(e.getMessage(), error.getMessage())) {
                    return className;
                }
            }
        }
        return null;
    }

    private static String firstJar(Map<String, List<String>> listed, String className) {
        List<String> jars = className == null ? null : listed.get(className);
        return jars == null || jars.isEmpty() ? ProviderSources.UNKNOWN : jars.get(0);
    }
}
