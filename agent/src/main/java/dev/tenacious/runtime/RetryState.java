package dev.tenacious.runtime;

import dev.tenacious.runtime.breaker.CircuitBreaker;

/**
 * The state of one call that has failed at least once and is being retried. Created on the first
 * retry (the happy path allocates nothing) and carried between attempts by the woven method itself,
 * in the exit's return value, so no thread-local lookup is needed. Opaque to woven code.
 */
final class RetryState {
    final Binding binding;
    final long startNanos;
    /** The attempt about to run, 2 for the first retry. */
    final int attempt;
    final long previousDelayNanos;
    /** The breaker phase that admitted the attempt about to run, or null. */
    final CircuitBreaker.Phase phase;
    final long attemptStartNanos;

    RetryState(Binding binding, long startNanos, int attempt, long previousDelayNanos, CircuitBreaker.Phase phase,
               long attemptStartNanos) {
        this.binding = binding;
        this.startNanos = startNanos;
        this.attempt = attempt;
        this.previousDelayNanos = previousDelayNanos;
        this.phase = phase;
        this.attemptStartNanos = attemptStartNanos;
    }
}
