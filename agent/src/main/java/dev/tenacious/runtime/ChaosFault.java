package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.breaker.CircuitBreaker;

/**
 * An attempt replaced by an injected fault (chaos rehearsal): the entry skips the real call and the
 * exit treats {@link #fault} as what the attempt threw. Allocated only when a fault is injected.
 */
final class ChaosFault extends Entry {
    /** What the call was admitted as (its binding, or the breaker phase that admitted it). */
    private final Entry admitted;
    private final Throwable fault;

    ChaosFault(Entry admitted, Throwable fault) {
        super(false, admitted.timed);
        this.admitted = admitted;
        this.fault = fault;
    }

    @Override
    boolean skipsBody() {
        return true;
    }

    @Override
    Binding binding(Binding current) {
        return admitted.binding(current);
    }

    @Override
    CircuitBreaker.Phase phase() {
        return admitted.phase();
    }

    @Override
    Throwable injectedFault() {
        return fault;
    }

    @Override
    long startClock(Clock clock) {
        return admitted.startClock(clock);
    }
}
