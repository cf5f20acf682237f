package io.connectionkit.api;

import java.util.List;

/**
 * No connector serves the type asked for: an unknown short name, a class that cannot be
 * found, or a class that is not a {@link BaseConnection}. For a name, the message lists the types
 * that are available and, for ConnectionKit's own types, the Maven coordinates of the missing
 * jar; for a class, it says what the class lacks. {@link #availableTypes()} lists them either way.
 */
public class UnknownConnectionTypeException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final List<String> availableTypes;

    public UnknownConnectionTypeException(String message, String type, List<String> availableTypes) {
        super(message);
        this.type = type;
        this.availableTypes = List.copyOf(availableTypes);
    }

    /** The type, alias or class name that was asked for. */
    public String type() {
        return type;
    }

    /** The types the registry could serve when the error was raised. */
    public List<String> availableTypes() {
        return availableTypes;
    }
}
