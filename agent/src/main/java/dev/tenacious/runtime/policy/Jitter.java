package dev.tenacious.runtime.policy;

/**
 * How a computed wait is randomised, as named in the AWS Architecture Blog post
 * "Exponential Backoff and Jitter" (Marc Brooker, 2015).
 */
public enum Jitter {
    /** The wait as computed. */
    NONE,
    /** {@code random(0, wait)}: spreads clients the most; AWS's recommended default. */
    FULL,
    /** {@code wait/2 + random(0, wait/2)}: never shorter than half the wait. */
    EQUAL,
    /** {@code min(max, random(initial, previous * 3))}: each wait grows from the previous one, not from the attempt number. */
    DECORRELATED
}
