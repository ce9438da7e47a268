package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.breaker.CircuitBreaker;

/**
 * What the entry of a woven call returns, kept by the woven code (as an {@code Object}) until its
 * exit, in its {@link Frame} or {@link PresetCall}: a call admitted under its site's {@link Binding}
 * (possibly by a breaker phase: {@link Admitted}), a call refused ({@link Refusal}), or an attempt
 * replaced by a chaos fault ({@link ChaosFault}). The exit asks it the questions below rather than
 * testing its type; none of the shapes is allocated on the happy path.
 */
abstract class Entry {
    /** Nothing to record when the call succeeds first time (no breaker, no bulkhead, no chaos). */
    final boolean simple;
    /** The entry reads the clock for the call (maxDuration, slow calls, a time window, a sampled call). */
    final boolean timed;

    Entry(boolean simple, boolean timed) {
        this.simple = simple;
        this.timed = timed;
    }

    /** Whether the body is skipped: the call was refused, or a chaos fault replaces its first attempt. */
    boolean skipsBody() {
        return false;
    }

    /** The binding the call runs under; {@code current} is the site's (or the preset call's) binding now. */
    abstract Binding binding(Binding current);

    /** The breaker phase that admitted the first attempt, or null. */
    CircuitBreaker.Phase phase() {
        return null;
    }

    /** The exception a chaos rehearsal throws instead of the first attempt, or null. */
    Throwable injectedFault() {
        return null;
    }

    /** The refusal, when the call was refused at entry; else null. */
    Refusal refusal() {
        return null;
    }

    /** The clock reading the call starts with, or 0 when nothing needs it. */
    abstract long startClock(Clock clock);
}
