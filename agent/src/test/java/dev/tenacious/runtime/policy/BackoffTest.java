package dev.tenacious.runtime.policy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    static final long MS = 1_000_000L;

    static Backoff backoff(BackoffType type, Jitter jitter) {
        return new Backoff(type, 100 * MS, 2.0, 1000 * MS, jitter);
    }

    @Test
    void fixedWaitsInitialEveryTime() {
        Backoff b = backoff(BackoffType.FIXED, Jitter.NONE);
        for (int n = 1; n <= 5; n++) {
            assertEquals(100 * MS, b.delayNanos(n, 0, new Random(1), 1.0));
        }
    }

    @Test
    void linearWaitsInitialTimesN() {
        Backoff b = backoff(BackoffType.LINEAR, Jitter.NONE);
        assertEquals(100 * MS, b.delayNanos(1, 0, new Random(1), 1.0));
        assertEquals(300 * MS, b.delayNanos(3, 0, new Random(1), 1.0));
        assertEquals(1000 * MS, b.delayNanos(50, 0, new Random(1), 1.0), "capped by max");
    }

    @Test
    void exponentialWaitsInitialTimesMultiplierToTheNMinusOne() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.NONE);
        assertEquals(100 * MS, b.delayNanos(1, 0, new Random(1), 1.0));
        assertEquals(200 * MS, b.delayNanos(2, 0, new Random(1), 1.0));
        assertEquals(400 * MS, b.delayNanos(3, 0, new Random(1), 1.0));
        assertEquals(800 * MS, b.delayNanos(4, 0, new Random(1), 1.0));
        assertEquals(1000 * MS, b.delayNanos(5, 0, new Random(1), 1.0), "capped by max");
        assertEquals(1000 * MS, b.delayNanos(5000, 0, new Random(1), 1.0), "no overflow for huge retry numbers");
    }

    @Test
    void randomWaitsUniformlyBetweenInitialAndMax() {
        Backoff b = backoff(BackoffType.RANDOM, Jitter.NONE);
        Random r = new Random(42);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = b.delayNanos(1, 0, r, 1.0);
            assertTrue(d >= 100 * MS && d <= 1000 * MS, "in [initial, max]: " + d);
            sum += d;
        }
        assertEquals(550 * MS, sum / n, 10 * MS, "mean of uniform(100ms, 1000ms)");
    }

    @Test
    void fullJitterIsUniformBetweenZeroAndTheCappedWait() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.FULL);
        Random r = new Random(7);
        double sum = 0;
        long min = Long.MAX_VALUE;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = b.delayNanos(3, 0, r, 1.0); // base 400ms
            assertTrue(d >= 0 && d <= 400 * MS, "in [0, 400ms]: " + d);
            sum += d;
            min = Math.min(min, d);
        }
        assertEquals(200 * MS, sum / n, 5 * MS, "mean of uniform(0, 400ms)");
        assertTrue(min < 5 * MS, "reaches near zero");
    }

    @Test
    void equalJitterKeepsAtLeastHalfTheWait() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.EQUAL);
        Random r = new Random(7);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = b.delayNanos(3, 0, r, 1.0);
            assertTrue(d >= 200 * MS && d <= 400 * MS, "in [200ms, 400ms]: " + d);
            sum += d;
        }
        assertEquals(300 * MS, sum / n, 5 * MS);
    }

    @Test
    void jitterIsAppliedAfterTheCap() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.FULL);
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            assertTrue(b.delayNanos(30, 0, r, 1.0) <= 1000 * MS);
        }
    }

    @Test
    void decorrelatedJitterGrowsFromThePreviousWait() {
        // AWS: sleep = min(cap, random_between(base, sleep * 3))
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.DECORRELATED);
        Random r = new Random(11);
        long previous = 0;
        for (int i = 1; i <= 200; i++) {
            long d = b.delayNanos(i, previous, r, 1.0);
            long upper = Math.min(1000 * MS, Math.max(100 * MS, (previous == 0 ? 100 * MS : previous) * 3));
            assertTrue(d >= 100 * MS && d <= upper, "retry " + i + ": " + d + " not in [100ms, " + upper + "]");
            previous = d;
        }
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += b.delayNanos(2, 200 * MS, r, 1.0);
        }
        assertEquals(350 * MS, sum / 20_000, 5 * MS, "uniform(100ms, 600ms) has mean 350ms");
    }

    @Test
    void seededRandomGivesReproducibleSequences() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.FULL);
        Random r1 = new Random(99);
        Random r2 = new Random(99);
        for (int i = 1; i < 10; i++) {
            assertEquals(b.delayNanos(i, 0, r1, 1.0), b.delayNanos(i, 0, r2, 1.0));
        }
    }

    @Test
    void adaptiveStretchMultipliesTheWaitAndItsCap() {
        Backoff b = backoff(BackoffType.EXPONENTIAL, Jitter.NONE);
        assertEquals(400 * MS, b.delayNanos(3, 0, new Random(1), 1.0));
        assertEquals(800 * MS, b.delayNanos(3, 0, new Random(1), 2.0));
        assertEquals(2000 * MS, b.delayNanos(10, 0, new Random(1), 2.0), "the cap stretches too");
    }
}
