package dev.tenacious.runtime;

/** A call refused at entry: its body is skipped and the exit supplies the exception or fallback. */
public final class Rejection extends SkippedAttempt {
    static final Rejection CIRCUIT_OPEN = new Rejection("circuit open");
    static final Rejection BULKHEAD_FULL = new Rejection("bulkhead full");

    final String reason;

    private Rejection(String reason) {
        this.reason = reason;
    }

    @Override
    public String toString() {
        return reason;
    }
}
