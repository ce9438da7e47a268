package dev.tenacious.runtime;

import java.lang.ref.WeakReference;

/**
 * Per-thread state of woven calls: nesting depth (only the outermost call retries), the retry state of
 * the outermost call, and this thread's count of logical calls per policy slot. Only the owning thread
 * writes it, so the happy path is a few plain field writes; {@link CallTally} sums the counts of all
 * threads when a retry or the ticker needs them (a stale read only makes the budget slightly stricter).
 */
public final class CallContext {
    final WeakReference<Thread> owner;
    int depth;
    /** Attempt number of the outermost call, 1-based. */
    int attempt;
    long startNanos;
    long previousDelayNanos;
    RetryPolicy policy;
    int site;
    long[] calls = new long[8];

    CallContext(Thread owner) {
        this.owner = new WeakReference<Thread>(owner);
    }

    /** Starts a (possibly nested) call under {@code p}; the outermost call takes ownership of the retry state. */
    void enter(RetryPolicy p, int site) {
        int slot = p.state.slot;
        long[] c = calls;
        if (slot >= c.length) {
            c = grow(slot);
        }
        c[slot]++;
        if (depth++ == 0) {
            policy = p;
            this.site = site;
            attempt = 1;
            previousDelayNanos = 0;
            if (p.maxDurationNanos > 0) {
                startNanos = p.clockNanos();
            }
        }
    }

    private long[] grow(int slot) {
        long[] bigger = new long[Math.max(slot + 1, calls.length * 2)];
        System.arraycopy(calls, 0, bigger, 0, calls.length);
        calls = bigger;
        return bigger;
    }

    long calls(int slot) {
        long[] c = calls;
        return slot < c.length ? c[slot] : 0;
    }

    boolean isAlive() {
        Thread t = owner.get();
        return t != null && t.isAlive();
    }

    /** For tests: a context not bound to any thread's ThreadLocal. */
    public static CallContext detached() {
        return new CallContext(Thread.currentThread());
    }

    public int depth() {
        return depth;
    }

    public int attempt() {
        return attempt;
    }
}
