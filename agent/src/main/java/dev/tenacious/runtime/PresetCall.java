package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.policy.HttpConfig;

import java.lang.reflect.InvocationTargetException;

/**
 * One call through a preset site, or of an application method that returns a future, from its entry
 * to its final exit: the policy chosen for its host, what the entry admitted, and what the retry loop
 * learns between attempts (the response to discard, the delay it asked for). A synchronous call reuses
 * its frame's object (one call at a time per depth), so a statement that succeeds first time allocates
 * nothing; an asynchronous one outlives its frame and has its own.
 */
final class PresetCall extends CallRules {
    Preset preset;
    /** The policy's binding; null for a call only watched for the woven method around it. */
    Binding binding;
    /** The frame the call runs in, while it runs in one (null for an asynchronous retry's later attempts). */
    Frame frame;
    Object self;
    /** The first argument, as the body runs with it (a request with timeouts applied); all arguments for an asynchronous method. */
    Object a0;
    Object a1;
    String host;
    /** Why this call may never be retried, or null. */
    String veto;
    /** What the entry admitted for the first attempt. */
    Entry admission;
    /** The retried result of the last attempt, discarded before the next one. */
    Object lastResult;
    /** Retry-After of the last result, or -1. */
    long lastRetryAfterNanos = -1;
    /** Whether this call's retries run on the scheduler instead of in the caller's thread. */
    boolean async;
    /** For a call that answers through a callback: the application's callback, and what stands in for it. */
    Object callback;
    CallbackRelay relay;
    /** The entry's clock reading, for an asynchronous call's later attempts. */
    long start;
    /** When the call began, for a listener (0 when none listens). */
    long began;

    /** (Re)starts this object for a call. */
    PresetCall init(Preset preset, Binding binding, Frame frame, Object self, Object a0, Object a1, String host,
                    String veto) {
        this.preset = preset;
        this.binding = binding;
        this.frame = frame;
        this.self = self;
        this.a0 = a0;
        this.a1 = a1;
        this.host = host;
        this.veto = veto;
        this.admission = null;
        this.lastResult = null;
        this.lastRetryAfterNanos = -1;
        this.async = binding != null && binding.async;
        this.callback = null;
        this.relay = null;
        this.start = 0L;
        return this;
    }

    boolean skipsBody() {
        return admission != null && admission.skipsBody();
    }

    long startClock(Clock clock) {
        return admission != null ? admission.startClock(clock) : 0L;
    }

    /** Whether retries make a new call rather than run the woven body again. */
    boolean reissuesByNewCall() {
        return async || preset.reissue() == Preset.Reissue.NEW_CALL;
    }

    /**
     * Makes the call again through the preset, marked so that the woven method it reaches runs
     * untouched; the exception the call threw is thrown as is.
     */
    Object callAgain() throws Throwable {
        Frame marker = ThreadCalls.current().push();
        if (marker != null) {
            marker.kind = Frame.MARKER;
        }
        try {
            return preset.invokeAgain(self, a0, a1, binding != null ? binding.policy.http : HttpConfig.DEFAULT);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (marker != null) {
                marker.pop();
            }
        }
    }

    /** The call has ended: a reused object holds on to nothing (its receiver and arguments are released). */
    void end() {
        frame = null;
        if (!async) {
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
        lastRetryAfterNanos = -1;
        if (thrown != null || returned == null) {
            return thrown;
        }
        int status = preset.status(returned);
        if (status < 0 || !binding.policy.http.retries(status)) {
            return null;
        }
        lastResult = returned;
        lastRetryAfterNanos = preset.retryAfterNanos(returned, System.currentTimeMillis());
        return new RetryableStatus(status);
    }

    @Override
    String vetoFor(Throwable failure) {
        if (veto != null) {
            return veto;
        }
        return failure instanceof RetryableStatus ? null : preset.vetoOnFailure(self, a0, a1, failure);
    }

    /** Precedence: the policy's own abortOn, then a retried status, then the preset's rules, then the policy's lists. */
    @Override
    Classification classify(Policy p, Throwable failure) {
        if (p.ownAbortOn.classify(failure) == Classification.PERMANENT) {
            return Classification.PERMANENT;
        }
        if (failure instanceof RetryableStatus) {
            return Classification.TRANSIENT;
        }
        Classification rule = preset.classify(failure);
        return rule != null ? rule : p.classifier.classify(failure);
    }

    /** Inside a woven application method, whose policy retries: this call runs once. */
    @Override
    boolean nested() {
        Frame f = frame;
        return f != null && f.nested();
    }

    @Override
    long retryAfterNanos() {
        return lastRetryAfterNanos;
    }

    /** Releases the last retried result before the next attempt, so its connection goes back to the pool. */
    @Override
    void beforeRetry() {
        Object discarded = lastResult;
        if (discarded != null) {
            lastResult = null;
            preset.discard(discarded);
        }
    }

    @Override
    boolean async() {
        return async;
    }
}
