package io.connectionkit.core;

import io.connectionkit.api.ConnectionProvider;

import java.util.ServiceConfigurationError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong while loading a provider into a hint a user can act on, the way Kafka
 * Connect's plugin scanner does: "needs a public no-argument constructor" rather than a stack
 * trace. Also reads the provider class name out of a {@link ServiceConfigurationError}, which
 * carries it only in its message.
 *
 * <p>The messages parsed are those of JDK 17's {@code ServiceLoader}, after the
 * {@code "io.connectionkit.api.ConnectionProvider: "} prefix:
 * {@code "Provider com.x.Y not found"}, {@code "com.x.Y not a subtype"},
 * {@code "com.x.Y Unable to get public no-arg constructor"},
 * {@code "Provider com.x.Y could not be instantiated"}, and for a malformed services file
 * {@code "<url>:<line>: Illegal configuration-file syntax"}.
 */
final class ProviderFailure {

    static final String NOT_FOUND = "class not found";
    static final String NOT_A_PROVIDER = "does not implement " + ConnectionProvider.class.getName();
    static final String NO_CONSTRUCTOR = "needs a public no-argument constructor";

    private static final String PREFIX = ConnectionProvider.class.getName() + ": ";
    private static final Pattern PROVIDER_FIRST = Pattern.compile("Provider (\\S+) .*");
    private static final Pattern CLASS_FIRST =
            Pattern.compile("(\\S+) (not a subtype|Unable to get public no-arg constructor)");
    private static final Pattern FILE_LINE = Pattern.compile("(.+):(\\d+): (.+)");
    private static final Pattern ILLEGAL_NAME = Pattern.compile("Illegal provider-class name: (\\S+)");

    private ProviderFailure() {
    }

    /** The provider class {@code error} is about, or {@code null} when it names none. */
    static String className(ServiceConfigurationError error) {
        String detail = detail(error);
        for (Pattern pattern : new Pattern[] {PROVIDER_FIRST, CLASS_FIRST}) {
            Matcher matcher = pattern.matcher(detail);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        Matcher fileLine = FILE_LINE.matcher(detail);
        if (fileLine.matches()) {
            Matcher illegal = ILLEGAL_NAME.matcher(fileLine.group(3));
            return illegal.matches() ? illegal.group(1) : null;
        }
        return null;
    }

    /** The services file a syntax error is about ({@code jar:file:/a.jar!/META-INF/...}), or {@code null}. */
    static String servicesFile(ServiceConfigurationError error) {
        Matcher fileLine = FILE_LINE.matcher(detail(error));
        return fileLine.matches() ? fileLine.group(1) : null;
    }

    /**
     * Why a provider could not be loaded, as a hint: {@code error} is what the
     * {@code ServiceLoader} iterator threw, a {@code ServiceConfigurationError} or a raw
     * {@code LinkageError} (a provider whose superclass is missing fails that way).
     */
    static String hint(Throwable error) {
        if (!(error instanceof ServiceConfigurationError)) {
            return loading(error);
        }
        String detail = detail((ServiceConfigurationError) error);
        Throwable cause = error.getCause();
        if (detail.endsWith(" not found")) {
            return NOT_FOUND;
        }
        if (detail.endsWith(" not a subtype")) {
            return NOT_A_PROVIDER;
        }
        if (detail.endsWith("Unable to get public no-arg constructor")
                && (cause == null || cause instanceof NoSuchMethodException)) {
            return NO_CONSTRUCTOR;
        }
        boolean aboutProvider = PROVIDER_FIRST.matcher(detail).matches() || CLASS_FIRST.matcher(detail).matches();
        if (aboutProvider && cause != null) {
            return loading(cause);
        }
        Matcher fileLine = FILE_LINE.matcher(detail);
        if (fileLine.matches()) {
            return "line " + fileLine.group(2) + " of its " + ProviderSources.SERVICES_FILE + " is not valid: "
                    + fileLine.group(3) + " (write one class name a line; # starts a comment)";
        }
        return cause == null ? detail : detail + ": " + describe(cause);
    }

    /** Why calling {@code method} (such as {@code "type()"}) on a loaded provider failed. */
    static String thrownBy(String method, Throwable error) {
        if (error instanceof NoClassDefFoundError) {
            return missingClass((NoClassDefFoundError) error);
        }
        return "its " + method + " threw " + describe(error);
    }

    /** A hint for an error raised while loading, linking or constructing the provider class. */
    private static String loading(Throwable error) {
        if (error instanceof NoClassDefFoundError) {
            return missingClass((NoClassDefFoundError) error);
        }
        if (error instanceof ExceptionInInitializerError && error.getCause() != null) {
            Throwable cause = error.getCause();
            return cause instanceof NoClassDefFoundError
                    ? missingClass((NoClassDefFoundError) cause)
                    : "its static initializer threw " + describe(cause);
        }
        if (error instanceof IllegalAccessException) {
            return "needs to be a public class with a public no-argument constructor";
        }
        if (error instanceof InstantiationException) {
            return "is abstract; it needs to be a concrete class with a public no-argument constructor";
        }
        if (error instanceof UnsupportedClassVersionError) {
            return "was compiled for a newer Java than this one: " + error.getMessage();
        }
        if (error instanceof LinkageError) {
            return "could not be linked: " + error;
        }
        return "its constructor threw " + describe(error);
    }

    private static String missingClass(NoClassDefFoundError error) {
        String message = String.valueOf(error.getMessage());
        String uninitialized = "Could not initialize class ";
        if (message.startsWith(uninitialized)) {
            // the JVM reports a failed static initializer this way after its first failure
            return "class " + message.substring(uninitialized.length())
                    + " could not be initialized (its static initializer failed earlier)";
        }
        return "a class it needs is missing: " + message.replace('/', '.') + " (add the jar that contains it)";
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error.getClass().getSimpleName();
        return message == null ? name : name + ": " + message;
    }

    private static String detail(ServiceConfigurationError error) {
        String message = String.valueOf(error.getMessage());
        return message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
    }
}
