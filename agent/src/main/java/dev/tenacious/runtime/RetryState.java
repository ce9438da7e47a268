package dev.tenacious.runtime;

/**
 * The state of one call that has failed at least once and is being retried. Created on the first
 * retry (the happy path allocates nothing) and carried between attempts by the woven method itself,
 * in the exit advice's return value, so no thread-local lookup is needed.
 */
public final class RetryState {
    final RetryPolicy policy;
    final long startNanos;
    /** The attempt about to run, 2 for the first retry. */
    final int attempt;
    final long previousDelayNanos;

    RetryState(RetryPolicy policy, long startNanos, int attempt, long previousDelayNanos) {
        this.policy = policy;
        this.startNanos = startNanos;
        this.attempt = attempt;
        this.previousDelayNanos = previousDelayNanos;
    }

    public int attempt() {
        return attempt;
    }
}
