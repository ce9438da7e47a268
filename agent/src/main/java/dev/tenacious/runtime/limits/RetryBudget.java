package dev.tenacious.runtime.limits;

import dev.tenacious.runtime.policy.BudgetConfig;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sliding window behind {@link BudgetConfig}: a ring of one-second snapshots of the cumulative call
 * and retry counts, written by the ticker once a second. The window's counts are "now minus the
 * snapshot taken ten ticks ago", so the window slides with one-second resolution and the hot path
 * pays nothing. A retry is admitted by compare-and-set, so concurrent retries cannot overshoot.
 */
public final class RetryBudget {
    private static final int SLOTS = BudgetConfig.WINDOW_SECONDS;

    private final AtomicLong retries = new AtomicLong();
    private final long[] callSnapshots = new long[SLOTS];
    private final long[] retrySnapshots = new long[SLOTS];
    private int ticks;
    /** Where the window starts, published whole by the ticker: a retry reads it without a lock. */
    private volatile WindowStart start = new WindowStart(0, 0);

    /** The cumulative counts when the window began (ten ticks ago, or at start-up before ten). */
    private static final class WindowStart {
        final long calls;
        final long retries;

        WindowStart(long calls, long retries) {
            this.calls = calls;
            this.retries = retries;
        }
    }

    /** Records the cumulative counts at the start of a second; called by the ticker. */
    public synchronized void tick(long totalCalls) {
        int next = ticks % SLOTS;
        callSnapshots[next] = totalCalls;
        retrySnapshots[next] = retries.get();
        ticks = ticks + 1;
        if (ticks >= SLOTS) {
            int oldest = ticks % SLOTS;
            start = new WindowStart(callSnapshots[oldest], retrySnapshots[oldest]);
        }
    }

    /** Takes one retry from the budget if the window allows it. */
    public boolean tryAcquire(BudgetConfig config, long totalCalls) {
        WindowStart w = start;
        double allowance = config.allowance(Math.max(0, totalCalls - w.calls));
        while (true) {
            long r = retries.get();
            if (r - w.retries + 1 > allowance) {
                return false;
            }
            if (retries.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }
}
