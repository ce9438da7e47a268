package dev.tenacious.runtime.breaker;

import dev.tenacious.runtime.policy.CircuitBreakerConfig;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;

/** The closed breaker's sliding window of attempt outcomes: lock-free on the path of every attempt. */
abstract class Window {
    /** Records one attempt; returns true if the window now says the breaker should open. */
    abstract boolean record(boolean failure, boolean slow, long nowNanos);

    static Window of(CircuitBreakerConfig c) {
        return c.timeWindow() ? new TimeWindow(c) : new CountWindow(c);
    }

    static boolean shouldOpen(CircuitBreakerConfig c, int calls, int failures, int slow) {
        if (calls < c.minimumCalls() || calls == 0) {
            return false;
        }
        return (double) failures / calls >= c.failureRate() || (c.slowOverNanos() > 0 && (double) slow / calls >= c.slowRate());
    }

    /**
     * The last N attempts, as Resilience4j's COUNT_BASED window: a ring of outcomes where each slot is
     * swapped atomically and the totals are adjusted by the difference, so they stay exact.
     *
     * <p>A success recorded while every slot holds a success changes no total: it would only turn the
     * ring by one, and in a ring of successes no one can tell where it stands. So while {@link #unsettled}
     * (the slots still empty or holding a failure or a slow call) is zero, a success is recorded by
     * reading that one field and nothing else: no atomic write, no shared cache line written, so a
     * healthy breaker costs the happy path one volatile read and scales across threads. The first
     * failure or slow call makes the window unsettled, and from then on every outcome turns the ring
     * again until the last such outcome has left it: a failure still leaves after exactly N later attempts.
     */
    static final class CountWindow extends Window {
        private static final int PRESENT = 1;
        private static final int FAILED = 2;
        private static final int SLOW = 4;
        private static final AtomicIntegerFieldUpdater<CountWindow> UNSETTLED =
                AtomicIntegerFieldUpdater.newUpdater(CountWindow.class, "unsettled");

        private final CircuitBreakerConfig config;
        private final AtomicLong next = new AtomicLong();
        private final AtomicIntegerArray slots;
        private final AtomicInteger filled = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger slowCalls = new AtomicInteger();
        /** Slots empty or holding a failure or a slow call: zero when a success changes nothing. */
        private volatile int unsettled;

        CountWindow(CircuitBreakerConfig config) {
            this.config = config;
            this.slots = new AtomicIntegerArray(config.windowSize());
            this.unsettled = config.windowSize();
        }

        @Override
        boolean record(boolean failure, boolean slow, long nowNanos) {
            if (!failure && !slow && unsettled == 0) {
                return false; // a success in a ring of successes
            }
            int outcome = PRESENT | (failure ? FAILED : 0) | (slow ? SLOW : 0);
            int slot = (int) (next.getAndIncrement() % config.windowSize());
            int old = slots.getAndSet(slot, outcome);
            int calls = old == 0 ? filled.incrementAndGet() : filled.get();
            int f = adjust(failures, old, outcome, FAILED);
            int s = adjust(slowCalls, old, outcome, SLOW);
            int settledBefore = old == PRESENT ? 1 : 0;
            int settledNow = outcome == PRESENT ? 1 : 0;
            if (settledNow != settledBefore) {
                UNSETTLED.addAndGet(this, settledBefore - settledNow);
            }
            return (failure || slow || old != 0) && shouldOpen(config, calls, f, s);
        }

        private static int adjust(AtomicInteger total, int old, int outcome, int bit) {
            int delta = ((outcome & bit) != 0 ? 1 : 0) - ((old & bit) != 0 ? 1 : 0);
            return delta == 0 ? total.get() : total.addAndGet(delta);
        }

        /** For tests: {filled, failures, slow calls, unsettled} as kept, then as recounted from the slots. */
        int[] totalsAndRecount() {
            int[] t = {filled.get(), failures.get(), slowCalls.get(), unsettled, 0, 0, 0, 0};
            for (int i = 0; i < slots.length(); i++) {
                int o = slots.get(i);
                t[4] += o != 0 ? 1 : 0;
                t[5] += (o & FAILED) != 0 ? 1 : 0;
                t[6] += (o & SLOW) != 0 ? 1 : 0;
                t[7] += o != PRESENT ? 1 : 0;
            }
            return t;
        }
    }

    /**
     * Attempts in the last N seconds, as Resilience4j's TIME_BASED window: one bucket per second,
     * reused when its second comes round again. Rolling a bucket over takes its lock, once per second.
     */
    static final class TimeWindow extends Window {
        private final CircuitBreakerConfig config;
        private final Bucket[] buckets;

        TimeWindow(CircuitBreakerConfig config) {
            this.config = config;
            this.buckets = new Bucket[config.windowSize()];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new Bucket();
            }
        }

        @Override
        boolean record(boolean failure, boolean slow, long nowNanos) {
            long second = Math.floorDiv(nowNanos, 1_000_000_000L);
            Bucket b = buckets[(int) Math.floorMod(second, (long) buckets.length)];
            if (b.second != second) {
                synchronized (b) {
                    if (b.second != second) {
                        b.calls.set(0);
                        b.failures.set(0);
                        b.slow.set(0);
                        b.second = second;
                    }
                }
            }
            b.calls.incrementAndGet();
            if (failure) {
                b.failures.incrementAndGet();
            }
            if (slow) {
                b.slow.incrementAndGet();
            }
            if (!failure && !slow) {
                return false; // a success cannot raise either rate
            }
            int calls = 0;
            int failures = 0;
            int slowCalls = 0;
            for (Bucket each : buckets) {
                if (each.second > second - buckets.length) {
                    calls += each.calls.get();
                    failures += each.failures.get();
                    slowCalls += each.slow.get();
                }
            }
            return shouldOpen(config, calls, failures, slowCalls);
        }

        private static final class Bucket {
            volatile long second = Long.MIN_VALUE;
            final AtomicInteger calls = new AtomicInteger();
            final AtomicInteger failures = new AtomicInteger();
            final AtomicInteger slow = new AtomicInteger();
        }
    }
}
