package dev.tenacious.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a policy has done, kept by policy name so that it survives a reload that keeps the name. Calls
 * are counted on the happy path by a {@link StripedCounter}; the outcome counters below are written
 * only when something fails.
 */
public final class PolicyState {
    final String name;
    final StripedCounter calls = new StripedCounter();
    final RetryBudget budget = new RetryBudget();
    final LongAdder retries = new LongAdder();
    final LongAdder recovered = new LongAdder();
    final LongAdder exhausted = new LongAdder();
    final LongAdder aborted = new LongAdder();
    final LongAdder unclassified = new LongAdder();
    final LongAdder budgetRejected = new LongAdder();
    final LongAdder deadlineReached = new LongAdder();
    final LongAdder interrupted = new LongAdder();
    final LongAdder wouldRetry = new LongAdder();

    PolicyState(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Logical calls made (retries not included). */
    public long calls() {
        return calls.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long recovered() {
        return recovered.sum();
    }

    public long exhausted() {
        return exhausted.sum();
    }

    public long aborted() {
        return aborted.sum();
    }

    public long unclassified() {
        return unclassified.sum();
    }

    public long budgetRejected() {
        return budgetRejected.sum();
    }

    public long deadlineReached() {
        return deadlineReached.sum();
    }

    public long interrupted() {
        return interrupted.sum();
    }

    public long wouldRetry() {
        return wouldRetry.sum();
    }

    RetryBudget budget() {
        return budget;
    }
}
