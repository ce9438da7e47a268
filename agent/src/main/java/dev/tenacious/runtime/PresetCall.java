package dev.tenacious.runtime;

/**
 * One call through a preset site, from its entry to its final exit: the policy chosen for its host,
 * what the entry admitted, and what the retry loop learns between attempts (the response to discard,
 * the delay it asked for). Allocated per call; preset calls are remote calls.
 */
final class PresetCall {
    Preset preset;
    Binding binding;
    Object self;
    /** The first argument, as the body runs with it (a request with timeouts applied). */
    Object a0;
    Object a1;
    String host;
    /** Why this call may never be retried, or null. */
    String veto;
    /** The thread's slot to leave when the call ends (null once left). */
    CallDepth.Slot slot;
    /** What the entry admitted for the first attempt. */
    Admission admission;
    /** The retried result of the last attempt, discarded before the next one. */
    Object lastResult;
    /** Retry-After of the last result, or -1. */
    long retryAfterNanos = -1;
    /** Whether this call's retries run on the scheduler instead of in the caller's thread. */
    boolean async;

    /** (Re)starts this object for a call; synchronous calls reuse the thread's own. */
    PresetCall init(Preset preset, Binding binding, Object self, Object a0, Object a1, String host, String veto,
                    CallDepth.Slot slot) {
        this.preset = preset;
        this.binding = binding;
        this.self = self;
        this.a0 = a0;
        this.a1 = a1;
        this.host = host;
        this.veto = veto;
        this.slot = slot;
        this.admission = null;
        this.lastResult = null;
        this.retryAfterNanos = -1;
        this.async = false;
        return this;
    }

    /** Leaves the thread's slot; the call holds on to nothing (its receiver and arguments are released). */
    void end() {
        CallDepth.Slot s = slot;
        slot = null;
        if (s != null) {
            CallDepth.leave(s);
        }
        if (s != null && s.reusable == this) {
            self = null;
            a0 = null;
            a1 = null;
            lastResult = null;
        }
    }

    /**
     * What the attempt's outcome means to the retry loop: the thrown exception, or a
     * {@link RetryableStatus} when the returned response has a status the policy retries (the response
     * is then kept, to be discarded if the call is retried).
     */
    Throwable failureOf(Throwable thrown, Object returned) {
        lastResult = null;
        retryAfterNanos = -1;
        if (thrown != null || returned == null) {
            return thrown;
        }
        int status = preset.status(returned);
        if (status < 0 || !binding.policy.http.retries(status)) {
            return null;
        }
        lastResult = returned;
        retryAfterNanos = preset.retryAfterNanos(returned, System.currentTimeMillis());
        return new RetryableStatus(status);
    }

    /** Why this failure may not be retried, or null. */
    String vetoFor(Throwable failure) {
        if (veto != null) {
            return veto;
        }
        return failure instanceof RetryableStatus ? null : preset.vetoOnFailure(self, failure);
    }

    Classification classify(Throwable failure) {
        if (binding.policy.ownAbortOn.classify(failure) == Classification.PERMANENT) {
            return Classification.PERMANENT; // a policy's own abortOn always wins
        }
        if (failure instanceof RetryableStatus) {
            return Classification.TRANSIENT;
        }
        Classification rule = preset.classify(failure);
        return rule != null ? rule : binding.policy.classifier.classify(failure);
    }
}
