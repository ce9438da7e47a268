package dev.tenacious.discover;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small direct-mapped cache from an object's identity to a value, holding its keys weakly (a
 * connection pool's connections, a data source): a hit is one array read and a reference compare,
 * a miss overwrites the slot. Safe under races: a slot holds an immutable entry.
 */
final class IdentityCache<V> {
    private static final class Entry<V> extends WeakReference<Object> {
        final V value;

        Entry(Object key, V value) {
            super(key);
            this.value = value;
        }
    }

    private final AtomicReferenceArray<Entry<V>> slots;
    private final int mask;

    /** @param size a power of two */
    IdentityCache(int size) {
        slots = new AtomicReferenceArray<Entry<V>>(size);
        mask = size - 1;
    }

    V get(Object key) {
        Entry<V> e = slots.get(System.identityHashCode(key) & mask);
        return e != null && e.get() == key ? e.value : null;
    }

    void put(Object key, V value) {
        slots.lazySet(System.identityHashCode(key) & mask, new Entry<V>(key, value));
    }
}
