package io.connectionkit.core;

import io.connectionkit.api.BaseConnection;

/**
 * What a plain {@code get(name)} or {@code get(name, Class)} last answered, kept by name so the
 * next one is a map lookup: no resolving of the name and the type, no cache key, no clock. The
 * registry keeps one for requests that set nothing but the name, whose connections live in a
 * cache that neither evicts nor expires: such a connection leaves it only when it is closed, by
 * its user or by the registry, which closes every connection when it closes. A reload of the
 * secrets may change the type: the registry then forgets them all.
 *
 * @param connection the connection answered
 * @param served     the class its provider serves
 * @param typeFrom   the class asked for when that class decided the type, for want of any
 *                   other; {@code null} when the name or the secrets did
 */
record KnownConnection(BaseConnection<?> connection, Class<?> served, Class<?> typeFrom) {

    /**
     * The connection, if the full lookup as {@code expected} ({@code null} for any class) would
     * return it; else {@code null}, and only the full lookup can tell: the connection is closed,
     * or another class is asked for.
     */
    BaseConnection<?> answer(Class<?> expected) {
        if (connection.isClosed()) {
            return null;
        }
        boolean sameType = typeFrom != null
                ? expected == typeFrom // another class would decide another type, or none
                : expected == null || expected == served || expected.isAssignableFrom(served); // else the lookup's error
        return sameType ? connection : null;
    }
}
