package dev.tenacious.runtime.policy;

import java.util.Random;

/**
 * The wait before a retry. The base wait follows {@link BackoffType}, is capped by {@code max},
 * then jittered ({@link Jitter}). Immutable; the random source is passed in so tests can seed it.
 */
public final class Backoff extends KeyedConfig {
    public static final long DEFAULT_INITIAL_NANOS = 100_000_000L;
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final long DEFAULT_MAX_NANOS = 10_000_000_000L;

    /** The contract's default: exponential, 100 ms, x2, capped at 10 s, full jitter. */
    public static final Backoff DEFAULT = new Backoff(BackoffType.EXPONENTIAL, DEFAULT_INITIAL_NANOS,
            DEFAULT_MULTIPLIER, DEFAULT_MAX_NANOS, Jitter.FULL);

    private final BackoffType type;
    private final long initialNanos;
    private final double multiplier;
    private final long maxNanos;
    private final Jitter jitter;

    public Backoff(BackoffType type, long initialNanos, double multiplier, long maxNanos, Jitter jitter) {
        if (initialNanos < 0 || maxNanos < 0 || multiplier < 1.0) {
            throw new IllegalArgumentException("initial and max must be >= 0 and multiplier >= 1");
        }
        this.type = type;
        this.initialNanos = initialNanos;
        this.multiplier = multiplier;
        this.maxNanos = maxNanos;
        this.jitter = jitter;
    }

    /**
     * @param retry         1 for the wait before the second attempt, 2 before the third, ...
     * @param previousNanos the previous wait of this call (0 before the first retry); used by decorrelated jitter
     * @param random        uniform source in [0, 1)
     * @param stretch       the waits and their cap are multiplied by it before jitter (adaptive backoff;
     *                      1.0 leaves them as configured)
     * @return the wait in nanoseconds, in [0, max x stretch]
     */
    public long delayNanos(int retry, long previousNanos, Random random, double stretch) {
        double max = maxNanos * stretch;
        if (jitter == Jitter.DECORRELATED) {
            // AWS: sleep = min(cap, random_between(base, sleep * 3)), with sleep starting at base.
            double initial = initialNanos * stretch;
            double previous = previousNanos <= 0 ? initial : previousNanos;
            double upper = Math.max(initial, previous * 3.0);
            return cap(initial + random.nextDouble() * (upper - initial), max);
        }
        double base = cap(baseNanos(retry, random) * stretch, max);
        switch (jitter) {
            case FULL:
                return (long) (random.nextDouble() * base);
            case EQUAL:
                return (long) (base / 2 + random.nextDouble() * (base / 2));
            default:
                return (long) base;
        }
    }

    /** Every wait is zero (a policy that retries at once): the retry path then needs no clock reading. */
    public boolean waitsNothing() {
        return maxNanos == 0 || (initialNanos == 0 && type != BackoffType.RANDOM);
    }

    private double baseNanos(int retry, Random random) {
        switch (type) {
            case FIXED:
                return initialNanos;
            case LINEAR:
                return (double) initialNanos * retry;
            case RANDOM:
                return initialNanos + random.nextDouble() * Math.max(0, maxNanos - initialNanos);
            default:
                // pow overflows to Infinity for large retries; cap() turns that into max.
                return initialNanos * Math.pow(multiplier, retry - 1);
        }
    }

    private static long cap(double nanos, double max) {
        if (!(nanos < max)) { // also catches NaN and Infinity
            return (long) max;
        }
        return nanos < 0 ? 0 : (long) nanos;
    }

    public BackoffType type() {
        return type;
    }

    public long initialNanos() {
        return initialNanos;
    }

    public double multiplier() {
        return multiplier;
    }

    public long maxNanos() {
        return maxNanos;
    }

    public Jitter jitter() {
        return jitter;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("type", type.name().toLowerCase(java.util.Locale.ROOT)).put("initial", Durations.format(initialNanos))
                .put("multiplier", multiplier).put("max", Durations.format(maxNanos))
                .put("jitter", jitter.name().toLowerCase(java.util.Locale.ROOT));
    }


    @Override
    public String toString() {
        String kind = type.name().toLowerCase();
        String growth = type == BackoffType.EXPONENTIAL ? " x" + multiplier : "";
        return kind + " " + Durations.format(initialNanos) + growth + " up to " + Durations.format(maxNanos)
                + ", " + jitter.name().toLowerCase() + " jitter";
    }
}
