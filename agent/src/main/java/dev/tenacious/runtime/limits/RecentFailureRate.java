package dev.tenacious.runtime.limits;

/**
 * A policy's share of failed attempts over the last 10 s, for adaptive backoff. Attempts are the
 * the calls plus the retries counted in the policy's state; only transient failures are added here (on the
 * failure path). Like {@link RetryBudget}, the window is "now minus the snapshot of ten ticks ago".
 */
public final class RecentFailureRate {
    private static final int SLOTS = 10;

    private final StripedCounter failures = new StripedCounter();
    private final long[] attemptSnapshots = new long[SLOTS];
    private final long[] failureSnapshots = new long[SLOTS];
    private int ticks;

    /** Counts a transient failure (on the failure path). */
    public void recordFailure() {
        failures.increment();
    }

    /** Called once a second with the cumulative attempts. */
    public synchronized void tick(long totalAttempts) {
        int next = ticks % SLOTS;
        attemptSnapshots[next] = totalAttempts;
        failureSnapshots[next] = failures.sum();
        ticks++;
    }

    /** Failed attempts / attempts in the window, in [0, 1]. */
    public synchronized double rate(long totalAttempts) {
        int oldest = ticks < SLOTS ? -1 : ticks % SLOTS;
        long attempts = totalAttempts - (oldest < 0 ? 0 : attemptSnapshots[oldest]);
        long failed = failures.sum() - (oldest < 0 ? 0 : failureSnapshots[oldest]);
        if (attempts <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (double) failed / attempts));
    }

    /**
     * Adaptive backoff's stretch for a failure rate f: {@code 1 / (1 - min(f, 0.9))}, so 1x when
     * nothing fails, 1.25x at 20%, 2x at 50%, at most 10x. Waits (and their cap) are multiplied by it
     * before jitter, and shrink back as the rate falls.
     */
    public static double stretch(double failureRate) {
        return 1.0 / (1.0 - Math.min(failureRate, 0.9));
    }
}
