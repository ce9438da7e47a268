package dev.tenacious.runtime;

/**
 * An attempt replaced by an injected fault (chaos rehearsal): the entry skips the real call and the
 * exit treats {@link #fault} as what the attempt threw. Allocated only when a fault is injected.
 */
final class ChaosFault extends SkippedAttempt {
    /** What the call was admitted as (its binding or breaker phase). */
    final Admission admitted;
    final Throwable fault;

    ChaosFault(Admission admitted, Throwable fault) {
        this.admitted = admitted;
        this.fault = fault;
    }
}
