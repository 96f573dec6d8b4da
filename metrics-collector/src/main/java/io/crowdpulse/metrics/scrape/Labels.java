package io.crowdpulse.metrics.scrape;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable, insertion-ordered label map backed by a single array of alternating names and values.
 *
 * <p>A scrape creates one label map per sample, thousands per second per target; a
 * {@code LinkedHashMap} plus an unmodifiable wrapper costs several objects per sample, this costs two.
 * Lookups are linear, which is faster than hashing for the handful of labels a series carries.
 */
final class Labels extends AbstractMap<String, String> {

    static final Labels EMPTY = new Labels(new String[0]);

    private final String[] namesAndValues;
    private int hash;

    /** Takes ownership of the array: callers must not change it afterwards. */
    Labels(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /** The same map when it already is a {@code Labels}, otherwise an ordered immutable copy. */
    static Labels copyOf(Map<String, String> labels) {
        if (labels instanceof Labels l) {
            return l;
        }
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            return EMPTY;
        }
        String[] kv = new String[labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            kv[i++] = Objects.requireNonNull(e.getKey(), "label name");
            kv[i++] = Objects.requireNonNull(e.getValue(), "label value");
        }
        return new Labels(kv);
    }

    /** This map without the given label, or this map itself when the label is absent. */
    Labels without(String name) {
        int at = indexOf(name);
        if (at < 0) {
            return this;
        }
        if (namesAndValues.length == 2) {
            return EMPTY;
        }
        String[] kv = new String[namesAndValues.length - 2];
        System.arraycopy(namesAndValues, 0, kv, 0, at);
        System.arraycopy(namesAndValues, at + 2, kv, at, namesAndValues.length - at - 2);
        return new Labels(kv);
    }

    /** Whether this map equals {@code other} once the label {@code ignored} is removed from {@code other}. */
    boolean equalsIgnoring(Labels other, String ignored) {
        int otherSize = other.size() - (other.indexOf(ignored) >= 0 ? 1 : 0);
        if (otherSize != size() || indexOf(ignored) >= 0) {
            return false;
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!namesAndValues[i + 1].equals(other.get(namesAndValues[i]))) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return namesAndValues.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return namesAndValues.length == 0;
    }

    @Override
    public String get(Object name) {
        int at = indexOf(name);
        return at < 0 ? null : namesAndValues[at + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < namesAndValues.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= namesAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(namesAndValues[next], namesAndValues[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return Labels.this.size();
            }
        };
    }

    // Same value as AbstractMap.hashCode (sum of key ^ value hashes), without allocating entries.
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                h += namesAndValues[i].hashCode() ^ namesAndValues[i + 1].hashCode();
            }
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof Labels other) {
            if (other.namesAndValues.length != namesAndValues.length || other.hashCode() != hashCode()) {
                return false;
            }
            if (Arrays.equals(namesAndValues, other.namesAndValues)) {
                return true;
            }
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (!namesAndValues[i + 1].equals(other.get(namesAndValues[i]))) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(o);
    }
}
