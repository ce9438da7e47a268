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
    private volatile int ticks;

    /** Records the cumulative counts at the start of a second; called by the ticker. */
    public synchronized void tick(long totalCalls) {
        int next = ticks % SLOTS;
        callSnapshots[next] = totalCalls;
        retrySnapshots[next] = retries.get();
        ticks = ticks + 1;
    }

    /** Takes one retry from the budget if the window allows it. */
    public boolean tryAcquire(BudgetConfig config, long totalCalls) {
        long callsAtWindowStart;
        long retriesAtWindowStart;
        synchronized (this) {
            int oldest = ticks < SLOTS ? 0 : ticks % SLOTS; // before 10 ticks: since start
            callsAtWindowStart = ticks < SLOTS ? 0 : callSnapshots[oldest];
            retriesAtWindowStart = ticks < SLOTS ? 0 : retrySnapshots[oldest];
        }
        double allowance = config.allowance(Math.max(0, totalCalls - callsAtWindowStart));
        while (true) {
            long r = retries.get();
            if (r - retriesAtWindowStart + 1 > allowance) {
                return false;
            }
            if (retries.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }
}
