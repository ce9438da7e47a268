package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Classification;

/**
 * What the retry loop asks of a call beyond its policy's lists: how its failure classifies given what
 * the call knows (a preset's rules, or what a woven method's inner calls saw), whether it is nested
 * inside another woven call, why it may not be retried, the delay the dependency asked for, and what
 * to release before the next attempt. A preset call ({@link PresetCall}) and an application method's
 * frame ({@link Frame}) each answer for their kind of call.
 */
abstract class CallRules {
    /** The failure's classification under {@code p}: the policy's own {@code abortOn} first, as always. */
    abstract Classification classify(Policy p, Throwable failure);

    /** Whether another woven call on this thread encloses this one: then only that one retries. */
    abstract boolean nested();

    /** Why this failure may not be retried, or null. */
    abstract String vetoFor(Throwable failure);

    /** The wait the dependency asked for (Retry-After) in nanoseconds, or -1. */
    abstract long retryAfterNanos();

    /** Called when the call is about to be tried again, after the backoff was decided. */
    abstract void beforeRetry();

    /**
     * The retry state this call's next attempt may be given in place of a new one, or null: a synchronous
     * application method's frame keeps one for the calls made at its depth (one at a time), so a retry
     * allocates nothing; other calls (a state an asynchronous retry or a new call carries) get a new one.
     */
    RetryState reusableState() {
        return null;
    }

    /** Whether the retries run on the scheduler rather than in the caller's thread. */
    boolean async() {
        return false;
    }
}
