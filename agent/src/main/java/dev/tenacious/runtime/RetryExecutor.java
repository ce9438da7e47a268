package dev.tenacious.runtime;

import dev.tenacious.observe.Log;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, after a failed attempt of an outermost woven call, whether to try again, and waits the
 * backoff. Order of checks, each one ending the call with the exception just thrown: classification
 * (only transient failures retry), attempts left, observe mode, interrupt, deadline, budget. The
 * exception object itself is never wrapped or replaced.
 */
public final class RetryExecutor {
    private final Sleeper sleeper;
    private final CallTally tally;
    private final Random random; // null: ThreadLocalRandom

    public RetryExecutor(Sleeper sleeper, CallTally tally, Random random) {
        this.sleeper = sleeper;
        this.tally = tally;
        this.random = random;
    }

    /** @return true to run the method body again, with the arguments of the first attempt */
    public boolean onFailure(CallContext c, Throwable thrown) {
        RetryPolicy p = c.policy;
        PolicyState s = p.state;
        Classification kind = p.classifier.classify(thrown);
        if (kind == Classification.PERMANENT) {
            s.aborted.increment();
            debug(p, c, "permanent failure, not retried", thrown);
            return false;
        }
        if (kind == Classification.UNCLASSIFIED) {
            s.unclassified.increment();
            debug(p, c, "unclassified failure, not retried", thrown);
            return false;
        }
        if (c.attempt >= p.maxAttempts) {
            if (p.maxAttempts > 1) {
                s.exhausted.increment();
            }
            debug(p, c, "attempts exhausted", thrown);
            return false;
        }
        if (!p.enforcing) {
            s.wouldRetry.increment();
            debug(p, c, "observe mode: would retry", thrown);
            return false;
        }
        if (Thread.currentThread().isInterrupted()) {
            s.interrupted.increment();
            debug(p, c, "thread interrupted, not retried", thrown);
            return false;
        }
        long delay = p.backoff.delayNanos(c.attempt, c.previousDelayNanos, random());
        if (p.maxDurationNanos > 0 && p.clock.nanoTime() + delay - c.startNanos >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, c, "maxDuration reached, not retried", thrown);
            return false;
        }
        if (p.budgetConfig.enabled() && !s.budget.tryAcquire(p.budgetConfig, tally.total(s.slot))) {
            s.budgetRejected.increment();
            debug(p, c, "retry budget exhausted, not retried", thrown);
            return false;
        }
        if (Log.isDebug()) {
            Log.debug(p.name + ": attempt " + c.attempt + " of " + Sites.describe(c.site) + " failed with "
                    + thrown + "; retrying in " + Durations.format(delay));
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the caller
            s.interrupted.increment();
            debug(p, c, "interrupted during backoff, not retried", thrown);
            return false;
        }
        if (p.maxDurationNanos > 0 && p.clock.nanoTime() - c.startNanos >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, c, "maxDuration reached during backoff, not retried", thrown);
            return false;
        }
        c.previousDelayNanos = delay;
        c.attempt++;
        c.depth = 1; // the body runs again inside the same outermost call
        s.retries.increment();
        return true;
    }

    /** Records the success of an outermost call that needed retries. */
    void onRecovered(CallContext c) {
        c.policy.state.recovered.increment();
        if (Log.isDebug()) {
            Log.debug(c.policy.name + ": " + Sites.describe(c.site) + " succeeded on attempt " + c.attempt);
        }
    }

    private Random random() {
        return random != null ? random : ThreadLocalRandom.current();
    }

    private static void debug(RetryPolicy p, CallContext c, String what, Throwable thrown) {
        if (Log.isDebug()) {
            Log.debug(p.name + ": " + Sites.describe(c.site) + " attempt " + c.attempt + ": " + what + ": " + thrown);
        }
    }
}
