package dev.tenacious.runtime;

import dev.tenacious.observe.Log;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, after a failed attempt of a woven call, whether to try again, and waits the backoff. Checks
 * in order, each one ending the call: classification (only transient failures retry), nesting (only
 * the outermost woven call retries), attempts left, observe mode, interrupt, deadline, open breaker,
 * budget. The exception object itself is never wrapped or replaced; a fallback, when the policy has
 * one, replaces it only after a transient failure ended the call.
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

    /** onFailure's verdict for a transient failure that ends the call: the fallback, if any, applies. */
    static final Object END_WITH_FALLBACK = new Object();

    /**
     * Everything after an attempt other than a first-time success of a simple call: records the
     * attempt in the breaker, decides on a retry, releases the bulkhead place when the call ends, and
     * supplies the fallback or refusal outcome.
     *
     * @param call  what the entry returned (a {@link Binding}, a breaker phase or a {@link Rejection})
     * @param start the entry's clock reading (0 when the policy needed none)
     * @param previous null after the first attempt, else what this returned after the previous one
     * @return a {@link RetryState} to run the body again, an {@link Outcome} to replace the method's
     *         result, or null to let the method's own result through
     */
    public Object complete(Binding current, int site, Admission call, long start, Object previous, Throwable thrown) {
        return complete(current, site, call, start, previous, thrown, null);
    }

    /**
     * @param preset the preset call, for methods woven by a preset (null otherwise): its rules
     *               classify, may veto a retry, and its retried response is discarded before the next
     *               attempt; a retried status that ends the call lets the last response through
     */
    Object complete(Binding current, int site, Admission call, long start, Object previous, Throwable thrown,
                    PresetCall preset) {
        RetryState state = previous instanceof RetryState ? (RetryState) previous : null;
        Throwable original = thrown;
        if (state == null && call instanceof ChaosFault) { // the body was skipped: the injected fault is the outcome
            thrown = ((ChaosFault) call).fault;
            call = ((ChaosFault) call).admitted;
        }
        Binding b = state != null ? state.binding : call instanceof Binding ? (Binding) call : current;
        if (b == null) {
            return null; // the policy was removed by a reload during the first attempt
        }
        if (call instanceof Rejection) {
            (call == Rejection.CIRCUIT_OPEN ? b.policy.state.rejectedOpen : b.policy.state.rejectedFull).increment();
            Throwable refusal = call == Rejection.CIRCUIT_OPEN
                    ? new CircuitOpenException(b.policy.name + ": circuit open, " + b.method + " not called")
                    : new BulkheadFullException(b.policy.name + ": bulkhead full, " + b.method + " not called");
            return Fallbacks.outcome(b, refusal, true);
        }
        boolean again = false;
        // the agent's own time is measured off the happy path only: two clock reads would double the cost
        // of a guarded call that succeeds first time (the benchmarks measure that one)
        long entered = thrown != null || state != null ? clock.nanoTime() : 0;
        long slept = 0;
        try { // whatever happens in here, the finally gives the bulkhead place back unless the call goes on
            if (Dispatcher.FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            Classification kind = thrown == null ? null : classify(b, preset, thrown);
            CircuitBreaker.Phase phase = state != null ? state.phase
                    : call instanceof CircuitBreaker.Phase ? (CircuitBreaker.Phase) call : null;
            if (phase != null) {
                // a closed count window without slow-call tracking needs no clock reading at all
                long duration = phase.timed ? clock.nanoTime() - (state != null ? state.attemptStartNanos : start) : 0;
                phase.breaker().record(phase, kind == Classification.TRANSIENT, duration, 0, clock);
            }
            PolicyState s = b.policy.state;
            long callStart = state != null ? state.startNanos : start;
            boolean needNow = callStart != 0 || (thrown == null ? s.failingSince != 0
                    : kind == Classification.TRANSIENT && s.failingSince == 0);
            long now = needNow ? clock.nanoTime() : 0;
            if (callStart != 0) { // a sampled (or timed) call: every attempt's latency
                s.attemptLatency.record(now - (state != null ? state.attemptStartNanos : start));
            }
            if (thrown == null) {
                s.markRecovered(now);
                if (state != null) {
                    onRecovered(site, state);
                }
                ended(s, state, callStart, now);
                return null;
            }
            if (state == null) {
                s.failedFirst.increment();
            }
            if (kind == Classification.TRANSIENT) {
                s.markFailing(now);
            }
            Object verdict = onFailure(b, kind, site, start, state, thrown, preset);
            while (verdict instanceof RetryState && b.policy.chaosConfig != null) {
                // the body cannot be skipped on a repeat: an attempt replaced by a chaos fault fails here
                Throwable fault = Chaos.beforeAttempt(b);
                if (fault == null) {
                    break;
                }
                RetryState next = (RetryState) verdict;
                Classification faultKind = classify(b, preset, fault);
                if (next.phase != null) {
                    next.phase.breaker().record(next.phase, faultKind == Classification.TRANSIENT, 0, 0, clock);
                }
                thrown = fault;
                verdict = onFailure(b, faultKind, site, start, next, fault, preset);
                state = next;
            }
            if (verdict instanceof RetryState) {
                again = true;
                slept = ((RetryState) verdict).previousDelayNanos;
                return verdict;
            }
            ended(s, state, callStart, callStart != 0 ? clock.nanoTime() : 0);
            if (thrown instanceof RetryableStatus) {
                return null; // the caller gets the last response, unchanged
            }
            if (verdict == END_WITH_FALLBACK) {
                Outcome fallback = Fallbacks.outcome(b, thrown, false);
                if (fallback != null) {
                    return fallback;
                }
            }
            return thrown != original ? new Outcome(thrown, b.zeroValue) : null; // an injected fault ends the call
        } finally {
            if (!again && b.bulkhead != null) {
                b.bulkhead.release();
            }
            if (entered != 0) {
                b.policy.state.agentNanos.add(Math.max(0, clock.nanoTime() - entered - slept));
            }
        }
    }

    /**
     * @param kind  the failure's classification
     * @param token the entry's clock reading, when the policy has a maxDuration
     * @param state null after the first attempt, else the state returned after the previous one
     * @return the state for the next attempt, {@link #END_WITH_FALLBACK}, or null to throw as is
     */
    private static Classification classify(Binding b, PresetCall preset, Throwable thrown) {
        return preset != null ? preset.classify(thrown) : b.policy.classifier.classify(thrown);
    }

    /** @param preset the preset call, or null for an application method */
    Object onFailure(Binding b, Classification kind, int site, long token, RetryState state, Throwable thrown,
                     PresetCall preset) {
        RetryPolicy p = b.policy;
        int attempt = state != null ? state.attempt : 1;
        PolicyState s = p.state;
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
        s.recent.failures.increment();
        if (state == null && !(preset != null && preset.async) && NestedCalls.isNested()) {
            debug(p, site, attempt, "inside another woven call, which retries instead", thrown);
            return null;
        }
        String veto = preset != null ? preset.vetoFor(thrown) : null;
        if (veto != null) {
            s.vetoed.increment();
            debug(p, site, attempt, "not retried: " + veto, thrown);
            return null;
        }
        if (attempt >= p.maxAttempts) {
            if (p.maxAttempts > 1) {
                s.exhausted.increment();
            }
            debug(p, site, attempt, "attempts exhausted", thrown);
            return END_WITH_FALLBACK;
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
        double stretch = p.adaptive ? RecentFailureRate.stretch(s.recentFailureRate()) : 1.0;
        long delay = p.backoff.delayNanos(attempt, previous, random(), stretch);
        if (preset != null && preset.retryAfterNanos >= 0) {
            delay = Math.min(preset.retryAfterNanos, p.backoff.maxNanos()); // the server's Retry-After, capped by max
        }
        long start = state != null ? state.startNanos : token;
        long now = clock.nanoTime();
        if (p.maxDurationNanos > 0 && now + delay - start >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, site, attempt, "maxDuration reached, not retried", thrown);
            return END_WITH_FALLBACK;
        }
        if (b.breaker != null && b.breaker.isOpen(now)) {
            s.breakerRefused.increment();
            debug(p, site, attempt, "circuit open, not retried", thrown);
            return END_WITH_FALLBACK;
        }
        if (p.budgetConfig.enabled() && !s.budget.tryAcquire(p.budgetConfig, s.calls.sum())) {
            s.budgetRejected.increment();
            debug(p, site, attempt, "retry budget exhausted, not retried", thrown);
            return END_WITH_FALLBACK;
        }
        if (Log.isDebug()) {
            Log.debug(p.name + ": attempt " + attempt + " of " + Sites.describe(site) + " failed with "
                    + thrown + "; retrying in " + Durations.format(delay));
        }
        if (preset != null && preset.lastResult != null) {
            Object discarded = preset.lastResult;
            preset.lastResult = null;
            preset.preset.discard(discarded); // its connection goes back to the pool before the next attempt
        }
        if (preset != null && preset.async) {
            s.backoffNanos.add(delay);
            s.retries.increment();
            return new RetryState(b, start, attempt + 1, delay, null, now); // the scheduler waits, then takes a permit
        }
        try {
            s.backoffNanos.add(delay);
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the caller
            s.interrupted.increment();
            debug(p, site, attempt, "interrupted during backoff, not retried", thrown);
            return null;
        }
        now = clock.nanoTime();
        if (p.maxDurationNanos > 0 && now - start >= p.maxDurationNanos) {
            s.deadlineReached.increment();
            debug(p, site, attempt, "maxDuration reached during backoff, not retried", thrown);
            return END_WITH_FALLBACK;
        }
        CircuitBreaker.Phase next = null;
        if (b.breaker != null && (next = b.breaker.tryAcquire(now)) == null) {
            s.breakerRefused.increment();
            debug(p, site, attempt, "circuit opened during backoff, not retried", thrown);
            return END_WITH_FALLBACK;
        }
        s.retries.increment();
        return new RetryState(b, start, attempt + 1, delay, next, now);
    }

    /** A call ends: its attempt count and, when sampled, its latency. */
    private static void ended(PolicyState s, RetryState state, long callStart, long now) {
        if (state != null) {
            s.endedAfter(state.attempt);
        }
        if (callStart != 0) {
            s.callLatency.record(now - callStart);
        }
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

    Clock clock() {
        return clock;
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
