package io.connectionkit.api;

import org.jspecify.annotations.Nullable;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The named parameters of one {@link ImmutableQueryOptions} as an unmodifiable map in their given
 * order, read straight from its array of names and values: binding a query asks for them on every
 * run, and a copy into a {@code LinkedHashMap} cost each run more than the lookups it saved. Meant
 * for the few parameters a statement has: a lookup compares the names one by one.
 */
final class ParameterMap extends AbstractMap<String, @Nullable Object> {

    private final @Nullable Object[] params; // name, value, name, value...: never changed

    ParameterMap(@Nullable Object[] params) {
        this.params = params;
    }

    private int indexOf(@Nullable Object name) {
        for (int i = 0; i < params.length; i += 2) {
            if (params[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return params.length / 2;
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public @Nullable Object get(@Nullable Object name) {
        int index = indexOf(name);
        return index < 0 ? null : params[index + 1];
    }

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return params.length / 2;
            }

            @Override
            public Iterator<Entry<String, @Nullable Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < params.length;
                    }

                    @Override
                    public Entry<String, @Nullable Object> next() {
                        if (next >= params.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, @Nullable Object> entry =
                                new SimpleImmutableEntry<>((String) params[next], params[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }
}
