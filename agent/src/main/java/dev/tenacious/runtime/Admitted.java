package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.breaker.CircuitBreaker;

/**
 * A call admitted under a binding whose breaker was in {@link #phase}. Created once per binding and
 * phase (a phase lasts from one transition to the next), so the happy path allocates nothing.
 */
final class Admitted extends Entry {
    private final Binding binding;
    private final CircuitBreaker.Phase phase;

    Admitted(Binding binding, CircuitBreaker.Phase phase) {
        super(false, binding.timed);
        this.binding = binding;
        this.phase = phase;
    }

    boolean by(CircuitBreaker.Phase p) {
        return phase == p;
    }

    @Override
    Binding binding(Binding current) {
        return binding;
    }

    @Override
    CircuitBreaker.Phase phase() {
        return phase;
    }

    @Override
    long startClock(Clock clock) {
        return binding.startClock(clock);
    }
}
