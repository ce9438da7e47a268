package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.Clock;

import java.lang.reflect.InvocationTargetException;

/**
 * One call through a preset site, or of an application method that returns a future, from its entry
 * to its final exit: the policy chosen for its host, what the entry admitted, and what the retry loop
 * learns between attempts (the response to discard, the delay it asked for). A synchronous call
 * reuses its thread's object (only one is in progress per thread: inner ones run untouched), so a
 * statement that succeeds first time allocates nothing.
 */
final class PresetCall extends Entry {
    Preset preset;
    Binding binding;
    Object self;
    /** The first argument, as the body runs with it (a request with timeouts applied); all arguments for an asynchronous method. */
    Object a0;
    Object a1;
    String host;
    /** Why this call may never be retried, or null. */
    String veto;
    /** The thread's slot to leave when the call ends (null once left). */
    CallDepth.Slot slot;
    /** What the entry admitted for the first attempt. */
    Entry admission;
    /** The retried result of the last attempt, discarded before the next one. */
    Object lastResult;
    /** Retry-After of the last result, or -1. */
    long retryAfterNanos = -1;
    /** Whether this call's retries run on the scheduler instead of in the caller's thread. */
    boolean async;

    PresetCall() {
        super(false, false);
    }

    /** (Re)starts this object for a call. */
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
        this.async = binding.async;
        return this;
    }

    @Override
    boolean skipsBody() {
        return admission.skipsBody();
    }

    @Override
    Binding binding(Binding current) {
        return binding;
    }

    @Override
    long startClock(Clock clock) {
        return admission.startClock(clock);
    }

    /** Whether retries make a new call rather than run the woven body again. */
    boolean reissuesByNewCall() {
        return async || preset.reissue() == Preset.Reissue.NEW_CALL;
    }

    /**
     * Makes the call again through the preset, with the thread marked so the woven method it reaches
     * runs untouched; the exception the call threw is thrown as is.
     */
    Object callAgain() throws Throwable {
        CallDepth.Slot marked = CallDepth.enter();
        try {
            return preset.invokeAgain(self, a0, a1);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (marked != null) {
                CallDepth.leave(marked);
            }
        }
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
        return failure instanceof RetryableStatus ? null : preset.vetoOnFailure(self, a0, a1, failure);
    }

    /** Precedence: the policy's own abortOn, then a retried status, then the preset's rules, then the policy's lists. */
    Classification classify(Throwable failure) {
        if (binding.policy.ownAbortOn.classify(failure) == Classification.PERMANENT) {
            return Classification.PERMANENT;
        }
        if (failure instanceof RetryableStatus) {
            return Classification.TRANSIENT;
        }
        Classification rule = preset.classify(failure);
        return rule != null ? rule : binding.policy.classifier.classify(failure);
    }

    /** Releases the last retried result before the next attempt, so its connection goes back to the pool. */
    void discardLastResult() {
        Object discarded = lastResult;
        if (discarded != null) {
            lastResult = null;
            preset.discard(discarded);
        }
    }
}
