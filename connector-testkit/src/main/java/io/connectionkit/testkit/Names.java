package io.connectionkit.testkit;

import io.connectionkit.api.ConnectionProvider;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** What a type name may be: what users write in {@code type = "..."}, never taken for a class name. */
final class Names {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private Names() {
    }

    static boolean isValidType(String name) {
        return name != null && TYPE.matcher(name).matches();
    }

    static Set<String> typeAndAliases(ConnectionProvider provider) {
        Set<String> names = new LinkedHashSet<>();
        names.add(provider.type());
        names.addAll(provider.aliases());
        return names;
    }
}
