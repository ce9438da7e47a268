package dev.tenacious.runtime.decision;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with buckets at half powers of two of microseconds (1 us to about an
 * hour), so any percentile is read within about 41% of its value: enough to tell 5 ms from 50 ms.
 */
public final class LatencyHistogram {
    private static final int BUCKETS = 66;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(0, nanos / 1000)));
    }

    static int bucket(long micros) {
        if (micros < 1) {
            return 0;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(micros);
        boolean upperHalf = log2 > 0 && ((micros >>> (log2 - 1)) & 1) == 1; // the bit below the top one
        return Math.min(BUCKETS - 1, 1 + 2 * log2 + (upperHalf ? 1 : 0));
    }

    /** The bucket's upper bound, in microseconds. */
    static double upperMicros(int bucket) {
        if (bucket == 0) {
            return 1;
        }
        int log2 = (bucket - 1) / 2;
        return (bucket - 1) % 2 == 0 ? Math.pow(2, log2) * 1.5 : Math.pow(2, log2 + 1);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The q-quantile (0..1) in seconds, or NaN when nothing was recorded. */
    public double quantileSeconds(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return upperMicros(i) / 1e6;
            }
        }
        return upperMicros(BUCKETS - 1) / 1e6;
    }
}
