package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.decision.Decision;

/** A call refused at entry: its body is skipped and the exit supplies the exception or fallback. */
final class Refusal extends Entry {
    static final Refusal CIRCUIT_OPEN = new Refusal(Decision.REFUSED_OPEN);
    static final Refusal BULKHEAD_FULL = new Refusal(Decision.REFUSED_FULL);

    private final Decision decision;

    private Refusal(Decision decision) {
        super(false, false);
        this.decision = decision;
    }

    @Override
    boolean skipsBody() {
        return true;
    }

    @Override
    Binding binding(Binding current) {
        return current;
    }

    @Override
    Refusal refusal() {
        return this;
    }

    /** {@link Decision#REFUSED_OPEN} or {@link Decision#REFUSED_FULL}. */
    Decision decision() {
        return decision;
    }

    @Override
    long startClock(Clock clock) {
        return 0L;
    }

    /** The agent's exception for the refusal, naming the policy and the method that was not called. */
    RuntimeException exception(Binding b) {
        String what = b.policy.name() + ": " + (decision == Decision.REFUSED_OPEN ? "circuit open" : "bulkhead full")
                + ", " + b.method + " not called";
        return decision == Decision.REFUSED_OPEN ? new CircuitOpenException(what) : new BulkheadFullException(what);
    }

    @Override
    public String toString() {
        return decision.text;
    }
}
