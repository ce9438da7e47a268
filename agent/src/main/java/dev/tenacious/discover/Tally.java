package dev.tenacious.discover;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts per name (a status, an HTTP method, an exception type, an SQLState), lock-free, for a
 * bounded number of names: past {@link #MAX_NAMES} every new one counts as {@link #OTHER}.
 */
final class Tally {
    static final int MAX_NAMES = 32;
    static final String OTHER = "other";
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<String, LongAdder>();

    void add(String name) {
        LongAdder a = counts.get(name);
        if (a == null) {
            String key = counts.size() >= MAX_NAMES ? OTHER : name;
            a = counts.get(key);
            if (a == null) {
                LongAdder fresh = new LongAdder();
                a = counts.putIfAbsent(key, fresh);
                a = a == null ? fresh : a;
            }
        }
        a.increment();
    }

    /** The counts so far, by name. */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<String, Long>();
        for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
            long n = e.getValue().sum();
            if (n > 0) {
                m.put(e.getKey(), n);
            }
        }
        return m;
    }
}
