package dev.tenacious.runtime.policy;

/** What an exception means for a retry decision. */
public enum Classification {
    /** Worth another attempt: matched {@code retryOn} and nothing in {@code abortOn}. */
    TRANSIENT,
    /** Never retried: it, or a cause, matched {@code abortOn}. */
    PERMANENT,
    /** Matched neither list: thrown at once, like a permanent failure, but counted apart. */
    UNCLASSIFIED
}
