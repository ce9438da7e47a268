package dev.tenacious.discover;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free latency histogram: four buckets per power of two of microseconds (1 us to over an
 * hour), so a percentile is read within about 19% of its value, and the exact maximum.
 */
final class Latencies {
    static final int SUB = 4;
    static final int BUCKETS = 34 * SUB;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        counts.incrementAndGet(bucket(nanos / 1000));
        long m = max.get();
        while (nanos > m && !max.compareAndSet(m, nanos)) {
            m = max.get();
        }
    }

    static int bucket(long micros) {
        if (micros < 1) {
            return 0;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(micros);
        int sub = log2 >= 2 ? (int) ((micros >>> (log2 - 2)) & (SUB - 1)) : (int) ((micros << (2 - log2)) & (SUB - 1));
        return Math.min(BUCKETS - 1, 1 + log2 * SUB + sub);
    }

    /** The bucket's upper bound, in nanoseconds. */
    static long upperNanos(int bucket) {
        if (bucket == 0) {
            return 1000;
        }
        int log2 = (bucket - 1) / SUB;
        int sub = (bucket - 1) % SUB;
        double micros = Math.pow(2, log2) * (1 + (sub + 1) / (double) SUB);
        return (long) (micros * 1000);
    }

    long[] snapshot() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
        }
        return c;
    }

    long maxNanos() {
        return max.get();
    }

    /** The q-quantile (0..1) of the counts, in nanoseconds (capped by {@code max}), or -1 when there are none. */
    static long quantile(long[] counts, double q, long max) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperNanos(i), max > 0 ? max : Long.MAX_VALUE);
            }
        }
        return max;
    }
}
