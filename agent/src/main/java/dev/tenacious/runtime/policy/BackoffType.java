package dev.tenacious.runtime.policy;

/** How the base wait grows with the retry number n (1 before the second attempt). */
public enum BackoffType {
    /** {@code initial} every time. */
    FIXED,
    /** {@code initial * n}. */
    LINEAR,
    /** {@code initial * multiplier^(n-1)}. */
    EXPONENTIAL,
    /** uniform between {@code initial} and {@code max}. */
    RANDOM
}
