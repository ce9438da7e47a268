package dev.tenacious.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a policy has done, kept by policy name so that it survives a reload that keeps the name. The
 * per-call count lives in {@link CallContext} (no shared write on the happy path); the outcome
 * counters below are written only when something fails.
 */
public final class PolicyState {
    final int slot;
    final String name;
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

    PolicyState(int slot, String name) {
        this.slot = slot;
        this.name = name;
    }

    public int slot() {
        return slot;
    }

    public String name() {
        return name;
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
