package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.Clock;

/**
 * One woven call in progress on a thread, at one depth of its {@link ThreadCalls}: the token woven
 * code carries from the entry to the exit. Reused by every call at that depth, so a call allocates
 * nothing. What the call is decides which fields are used: an application method that needs nothing
 * recorded on success ({@link #SIMPLE}, the happy path: only ints are written), one admitted with a
 * breaker phase, a refusal, a chaos fault or a timed sample ({@link #ADMITTED}), a preset call
 * ({@link #PRESET}, with its {@link PresetCall}), a library call only watched for the woven method
 * around it ({@link #WATCHED}), an application method returning a future ({@link #ASYNC}), or a mark
 * that calls the agent makes itself run untouched ({@link #MARKER}).
 *
 * <p>For an application method it is also the {@link CallRules} of the call: nested when another call
 * is in progress below it, and classified with what its inner calls saw ({@link AttemptEvidence}).
 */
final class Frame extends CallRules {
    static final byte SIMPLE = 0;
    static final byte ADMITTED = 1;
    static final byte PRESET = 2;
    static final byte WATCHED = 3;
    static final byte ASYNC = 4;
    static final byte MARKER = 5;

    final ThreadCalls owner;
    final int index;
    byte kind;
    /** The woven method's site (an application method's frame). */
    int site;
    /** The records the thread had made when the current attempt started. */
    int mark;
    /** What the entry admitted ({@link #ADMITTED}). */
    Entry entry;
    /** The preset, watched or asynchronous call ({@link #PRESET}, {@link #WATCHED}, {@link #ASYNC}). */
    PresetCall call;
    /** The call object synchronous preset calls at this depth reuse (one at a time). */
    private PresetCall reusable;
    private AttemptEvidence evidence;
    /** The retry state of the calls made at this depth, one at a time ({@link #reusableState}). */
    private RetryState retryState;

    Frame(ThreadCalls owner, int index) {
        this.owner = owner;
        this.index = index;
    }

    /** Ends the call: this depth and every deeper one are free again. */
    void pop() {
        owner.depth = index;
        entry = null;
        PresetCall c = call;
        if (c != null) {
            call = null;
            c.end();
        }
    }

    /** Whether this is an application method's synchronous call (the kinds a preset call inside is recorded for). */
    boolean isApplicationCall() {
        return kind == SIMPLE || kind == ADMITTED;
    }

    /** The frame's reusable call object for a synchronous preset or watched call. */
    PresetCall reusableCall() {
        PresetCall c = reusable;
        if (c == null) {
            c = new PresetCall();
            reusable = c;
        }
        return c;
    }

    boolean skipsBody() {
        switch (kind) {
            case ADMITTED:
                return entry.skipsBody();
            case PRESET:
            case ASYNC:
                return call.skipsBody();
            default:
                return false;
        }
    }

    long startClock(Clock clock) {
        switch (kind) {
            case ADMITTED:
                return entry.startClock(clock);
            case PRESET:
            case ASYNC:
                return call.startClock(clock);
            default:
                return 0L;
        }
    }

    /** Starts the next attempt's records; the call goes on. */
    void nextAttempt() {
        mark = owner.recorded;
    }

    // ---- an application method's rules ----

    @Override
    Classification classify(Policy p, Throwable failure) {
        if (p.ownAbortOn.classify(failure) == Classification.PERMANENT) {
            return Classification.PERMANENT;
        }
        AttemptEvidence e = evidence;
        if (e == null) {
            e = new AttemptEvidence();
            evidence = e;
        }
        Classification c = e.read(p, owner, mark, failure);
        return c != null ? c : p.classifier.classify(failure);
    }

    /**
     * Nested when a call is in progress below this one. Such a call is confirmed on the stack the first
     * time, since a frame below may have been left by a call whose exit never ran; if none is there,
     * the frames below are marked stale and this call is the outermost.
     */
    @Override
    boolean nested() {
        if (index <= owner.base) {
            return false;
        }
        if (NestedCalls.hasWovenCaller()) {
            return true;
        }
        owner.base = index;
        return false;
    }

    @Override
    String vetoFor(Throwable failure) {
        return evidence != null ? evidence.veto : null;
    }

    @Override
    long retryAfterNanos() {
        return evidence != null ? evidence.retryAfterNanos : -1;
    }

    @Override
    void beforeRetry() {
        nextAttempt();
    }

    @Override
    RetryState reusableState() {
        RetryState r = retryState;
        if (r == null) {
            r = new RetryState();
            retryState = r;
        }
        return r;
    }
}
