package dev.tenacious.runtime;

import dev.tenacious.runtime.breaker.CircuitBreaker;

/**
 * The state of one call that has failed at least once and is being retried. Needed from the first
 * retry on (the happy path has none) and carried between attempts by the woven method itself, in the
 * exit's return value, so no thread-local lookup is needed; a synchronous application method's is its
 * frame's, reused (a retry allocates nothing), others' are new. Opaque to woven code.
 */
final class RetryState {
    Binding binding;
    long startNanos;
    /** The attempt about to run, 2 for the first retry. */
    int attempt;
    long previousDelayNanos;
    /** The breaker phase that admitted the attempt about to run, or null. */
    CircuitBreaker.Phase phase;
    long attemptStartNanos;

    /** An empty state, for {@link CallRules#reusableState}: {@link #set} fills it before it is passed on. */
    RetryState() {
    }

    RetryState(Binding binding, long startNanos, int attempt, long previousDelayNanos, CircuitBreaker.Phase phase,
               long attemptStartNanos) {
        set(binding, startNanos, attempt, previousDelayNanos, phase, attemptStartNanos);
    }

    /** Overwrites the state (a reused one: the previous attempt's values have been read by then). */
    RetryState set(Binding binding, long startNanos, int attempt, long previousDelayNanos, CircuitBreaker.Phase phase,
                   long attemptStartNanos) {
        this.binding = binding;
        this.startNanos = startNanos;
        this.attempt = attempt;
        this.previousDelayNanos = previousDelayNanos;
        this.phase = phase;
        this.attemptStartNanos = attemptStartNanos;
        return this;
    }
}
