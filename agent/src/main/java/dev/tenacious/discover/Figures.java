package dev.tenacious.discover;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of calls saw, read from {@link CallStats} when the file is written, and added up per
 * method and per dependency. Plain values: one thread builds and reads them.
 */
final class Figures {
    long calls;
    /** Calls whose stack was walked (the sampled ones). */
    long walked;
    long transientFailures;
    long permanentFailures;
    /** POST or PATCH requests without an Idempotency-Key. */
    long nonIdempotent;
    /** Requests whose body could not be sent again. */
    long unreplayable;
    /** Sampled calls whose timeouts could be read, and of them those with none set. */
    long timeoutChecked;
    long timeoutMissing;
    /** Sampled JDBC calls, and of them those inside a Spring transaction. */
    long txChecked;
    long inTransaction;
    final Map<String, Long> methods = new TreeMap<String, Long>();
    final Map<String, Long> statuses = new TreeMap<String, Long>();
    final Map<String, Long> exceptions = new TreeMap<String, Long>();
    final Map<String, Long> sqlStates = new TreeMap<String, Long>();
    /** JDBC calls by kind: statements, connections. */
    final Map<String, Long> kinds = new TreeMap<String, Long>();
    final long[] latency = new long[Latencies.BUCKETS];
    long maxNanos;
    /** Whether the counts include calls shared out by the walks' proportions (several methods under one key). */
    boolean estimated;

    void add(Figures o) {
        estimated |= o.estimated;
        calls += o.calls;
        walked += o.walked;
        transientFailures += o.transientFailures;
        permanentFailures += o.permanentFailures;
        nonIdempotent += o.nonIdempotent;
        unreplayable += o.unreplayable;
        timeoutChecked += o.timeoutChecked;
        timeoutMissing += o.timeoutMissing;
        txChecked += o.txChecked;
        inTransaction += o.inTransaction;
        merge(methods, o.methods);
        merge(statuses, o.statuses);
        merge(exceptions, o.exceptions);
        merge(sqlStates, o.sqlStates);
        merge(kinds, o.kinds);
        for (int i = 0; i < latency.length; i++) {
            latency[i] += o.latency[i];
        }
        maxNanos = Math.max(maxNanos, o.maxNanos);
    }

    /**
     * Adds {@code share} (0..1) of {@code o}'s counts, rounded (its sampled checks are not shared: they
     * were made for calls whose method is not known).
     */
    void addShare(Figures o, double share) {
        estimated = true;
        calls += Math.round(o.calls * share);
        transientFailures += Math.round(o.transientFailures * share);
        permanentFailures += Math.round(o.permanentFailures * share);
        nonIdempotent += Math.round(o.nonIdempotent * share);
        unreplayable += Math.round(o.unreplayable * share);
        mergeShare(methods, o.methods, share);
        mergeShare(statuses, o.statuses, share);
        mergeShare(exceptions, o.exceptions, share);
        mergeShare(sqlStates, o.sqlStates, share);
        mergeShare(kinds, o.kinds, share);
        for (int i = 0; i < latency.length; i++) {
            latency[i] += Math.round(o.latency[i] * share);
        }
    }

    private static void mergeShare(Map<String, Long> into, Map<String, Long> from, double share) {
        for (Map.Entry<String, Long> e : from.entrySet()) {
            long n = Math.round(e.getValue() * share);
            if (n > 0) {
                Long v = into.get(e.getKey());
                into.put(e.getKey(), v == null ? n : v + n);
            }
        }
    }

    static void merge(Map<String, Long> into, Map<String, Long> from) {
        for (Map.Entry<String, Long> e : from.entrySet()) {
            Long v = into.get(e.getKey());
            into.put(e.getKey(), v == null ? e.getValue() : v + e.getValue());
        }
    }

    /** Share of the calls that failed transiently (0 when there were none). */
    double transientRate() {
        return calls == 0 ? 0 : transientFailures / (double) calls;
    }

    long p50() {
        return Latencies.quantile(latency, 0.50, maxNanos);
    }

    long p99() {
        return Latencies.quantile(latency, 0.99, maxNanos);
    }

    static Map<String, Long> byCount(Map<String, Long> m) {
        java.util.List<Map.Entry<String, Long>> entries = new java.util.ArrayList<Map.Entry<String, Long>>(m.entrySet());
        java.util.Collections.sort(entries, new java.util.Comparator<Map.Entry<String, Long>>() {
            @Override
            public int compare(Map.Entry<String, Long> a, Map.Entry<String, Long> b) {
                int c = Long.compare(b.getValue(), a.getValue());
                return c != 0 ? c : a.getKey().compareTo(b.getKey());
            }
        });
        Map<String, Long> sorted = new java.util.LinkedHashMap<String, Long>();
        for (Map.Entry<String, Long> e : entries) {
            sorted.put(e.getKey(), e.getValue());
        }
        return sorted;
    }
}
