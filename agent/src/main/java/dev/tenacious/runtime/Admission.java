package dev.tenacious.runtime;

/**
 * What the entry of a woven call returns, kept in a local of the woven method until its exit: the
 * site's {@link Binding} (admitted, no breaker), the breaker phase that admitted it, or a
 * {@link Rejection}. None is allocated per call.
 */
public abstract class Admission {
    /** The exit needs nothing when the call succeeded first time (no breaker, no bulkhead). */
    final boolean simple;
    /** Whether the entry should read the clock (maxDuration, slow-call tracking). */
    final boolean timed;

    Admission(boolean simple, boolean timed) {
        this.simple = simple;
        this.timed = timed;
    }
}
