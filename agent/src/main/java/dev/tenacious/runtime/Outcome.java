package dev.tenacious.runtime;

/**
 * Replaces what a woven call threw or returned: a fallback value, the agent's circuit-open or
 * bulkhead-full exception, or a fallback exception. The exit advice copies both fields into the
 * method's pending throwable and return value; {@code value} is always assignable to the method's
 * return type (a boxed zero for primitives), since the advice writes it even when {@code thrown} is set.
 */
@CalledByWovenCode
public final class Outcome {
    public final Throwable thrown;
    public final Object value;

    Outcome(Throwable thrown, Object value) {
        this.thrown = thrown;
        this.value = value;
    }
}
