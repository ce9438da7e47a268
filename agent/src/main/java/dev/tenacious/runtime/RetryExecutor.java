package dev.tenacious.runtime;

import dev.tenacious.observe.Log;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, after a failed attempt of a woven call, whether to try again, and waits the backoff. Checks
 * in order, each one ending the call with the exception just thrown: classification (only transient
 * failures retry), attempts left, nesting (only the outermost woven call retries), observe mode,
 * interrupt, deadline, budget. The exception object itself is never wrapped or replaced.
 */
public final class RetryExecutor {
    private final Sleeper sleeper;
    private final Clock clock;
    private final Random random; // null: ThreadLocalRandom

    public RetryExecutor(Sleeper sleeper, Clock clock, Random random) {
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param policy the site's policy (used for a first failure; a retried call keeps its own)
     * @param token  what the enter advice returned: the start time when the policy has a maxDuration
     * @param state  null after the first attempt, else the state returned after the previous one
     * @return the state for the next attempt (the body then runs again), or null to end the call
     */
    public RetryState onFailure(RetryPolicy policy, int site, long token, RetryState state, Throwable thrown) {
        RetryPolicy p = state != null ? state.policy : policy;
        if (p == null) {
            return null; // the policy was removed by a reload during the first attempt
        }
        int attempt = state != null ? state.attempt : 1;
        PolicyState s = p.state;
        Classification kind = p.classifier.classify(thrown);
        if (kind == Classification.PERMANENT) {
            s.aborted.increment();
            debug(p, site, attempt, "permanent failure, not retried", thrown);
            return null;
        }
        if (kind == Classification.UNCLASSIFIED) {
            s.unclassified.increment();
            debug(p, site, attempt, "unclassified failure, not retried", thrown);
            return null;
        }
        if (attempt >= p.maxAttempts) {
            if (p.maxAttempts > 1) {
                s.exhausted.increment();
            }
            debug(p, site, attempt, "attempts exhausted", thrown);
            return null;
        }
        if (state == null && NestedCalls.isNested()) {
            debug(p, site, attempt, "inside another woven call, which retries instead", thrown);
            return null;
        }
        if (!p.enforcing) {
            s.wouldRetry.increment();
            debug(p, site, attempt, "observe mode: would retry", thrown);
            return null;
        }
        if (Thread.currentThread().isInterrupted()) {
            s.interrupted.increment();
            debug(p, site, attempt, "thread interrupted, not retried", thrown);
            return null;
        }
        long previous = state != null ? state.previousDelayNanos : 0;
        long delay = p.backoff.delayNanos(attempt, previous, random());
        long start = state != null ? state.startNanos : token;
        if (p.maxDurationNanos > 0 && clock.nanoTime() + delay - start >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, site, attempt, "maxDuration reached, not retried", thrown);
            return null;
        }
        if (p.budgetConfig.enabled() && !s.budget.tryAcquire(p.budgetConfig, s.calls.sum())) {
            s.budgetRejected.increment();
            debug(p, site, attempt, "retry budget exhausted, not retried", thrown);
            return null;
        }
        if (Log.isDebug()) {
            Log.debug(p.name + ": attempt " + attempt + " of " + Sites.describe(site) + " failed with "
                    + thrown + "; retrying in " + Durations.format(delay));
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the caller
            s.interrupted.increment();
            debug(p, site, attempt, "interrupted during backoff, not retried", thrown);
            return null;
        }
        if (p.maxDurationNanos > 0 && clock.nanoTime() - start >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, site, attempt, "maxDuration reached during backoff, not retried", thrown);
            return null;
        }
        s.retries.increment();
        return new RetryState(p, start, attempt + 1, delay);
    }

    /** Records the success of a call that needed retries. */
    void onRecovered(int site, RetryState state) {
        state.policy.state.recovered.increment();
        if (Log.isDebug()) {
            Log.debug(state.policy.name + ": " + Sites.describe(site) + " succeeded on attempt " + state.attempt);
        }
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    private Random random() {
        return random != null ? random : ThreadLocalRandom.current();
    }

    private static void debug(RetryPolicy p, int site, int attempt, String what, Throwable thrown) {
        if (Log.isDebug()) {
            Log.debug(p.name + ": " + Sites.describe(site) + " attempt " + attempt + ": " + what + ": " + thrown);
        }
    }
}
