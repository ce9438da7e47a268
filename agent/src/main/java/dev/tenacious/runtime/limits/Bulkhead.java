package dev.tenacious.runtime.limits;

import dev.tenacious.runtime.policy.BulkheadConfig;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** At most {@code maxConcurrent} calls at once; a call holds its place through its retries and backoffs. */
public final class Bulkhead {
    private final Semaphore permits;
    private final BulkheadConfig config;

    public Bulkhead(BulkheadConfig config) {
        this.config = config;
        this.permits = new Semaphore(config.maxConcurrent());
    }

    /** Takes a place, waiting up to maxWait; false when none was free in time (or the thread was interrupted). */
    public boolean tryAcquire() {
        if (config.maxWaitNanos() <= 0) {
            return permits.tryAcquire();
        }
        try {
            return permits.tryAcquire(config.maxWaitNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void release() {
        permits.release();
    }

    /** Places free now (for tests and status). */
    public int available() {
        return permits.availablePermits();
    }

    public BulkheadConfig config() {
        return config;
    }
}
