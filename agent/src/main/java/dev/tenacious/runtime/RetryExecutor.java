package dev.tenacious.runtime;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.Decisions;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.limits.RecentFailureRate;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.policy.Sleeper;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, after an attempt of a woven call, what happens next, and waits the backoff. After a
 * failure the checks run in order, each one ending the call with its {@link Decision}: classification
 * (only transient failures retry), nesting (only the outermost woven call retries), a preset's rule,
 * attempts left, observe mode, interrupt, deadline, open breaker, budget. The exception object itself
 * is never wrapped or replaced; a fallback, when the policy has one, replaces it only after a
 * transient failure ended the call.
 */
final class RetryExecutor {
    /** One failure-path exit in 64 measures the agent's own time (a mask): two clock reads cost 50 ns here. */
    private static final int AGENT_TIME_SAMPLE = 63;
    /** onFailure's verdict for a transient failure that ends the call: the fallback, if any, applies. */
    private static final Object END_WITH_FALLBACK = new Object();

    private final Sleeper sleeper;
    private final Clock clock;
    private final Random random; // null: ThreadLocalRandom

    RetryExecutor(Sleeper sleeper, Clock clock, Random random) {
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Everything after an attempt other than a first-time success of a simple call: records the
     * attempt in the breaker, decides on a retry, releases the bulkhead place when the call ends, and
     * supplies the fallback or refusal outcome.
     *
     * @param current  the binding the call runs under now: the site's, or the preset call's
     * @param entry    what the entry admitted for the first attempt
     * @param start    the entry's clock reading (0 when the call needed none)
     * @param previous null after the first attempt, else what this returned after the previous one
     * @param rules    what the call knows beyond its policy's lists (null: nothing): a preset call's rules,
     *                 or what a woven method's inner calls saw, classify and may veto a retry; whether it
     *                 is nested; what is released before the next attempt. A retried status that ends
     *                 the call lets the last response through
     * @return a {@link RetryState} to try again, an {@link Outcome} to replace the method's result, or
     *         null to let the attempt's own result through
     */
    Object complete(Binding current, int site, Entry entry, long start, Object previous, Throwable thrown,
                    CallRules rules) {
        RetryState state = previous instanceof RetryState ? (RetryState) previous : null;
        Throwable original = thrown;
        Binding b = state != null ? state.binding : entry.binding(current);
        if (b == null) {
            return null; // the policy was removed by a reload during the first attempt
        }
        if (state == null) {
            Refusal refusal = entry.refusal();
            if (refusal != null) {
                Decisions.record(refusal.decision(), b.policy.state, b.method, 0, null);
                return Fallbacks.outcome(b, refusal.exception(b), true, 0);
            }
            if (entry.injectedFault() != null) {
                thrown = entry.injectedFault(); // the body was skipped: the injected fault is the outcome
            }
        }
        PolicyState s = b.policy.state;
        boolean again = false;
        // the agent's own time is measured on a policy's first failure-path exits, then on one in 64 (and
        // scaled): two clock reads would cost more than the rest of a retry that waits nothing
        int weight = 0;
        if (thrown != null || state != null) {
            weight = s.timesEveryExit() ? 1 : (ThreadLocalRandom.current().nextInt() & AGENT_TIME_SAMPLE) == 0 ? AGENT_TIME_SAMPLE + 1 : 0;
        }
        long entered = weight != 0 ? clock.nanoTime() : 0;
        long slept = 0;
        try { // whatever happens in here, the finally gives the bulkhead place back unless the call goes on
            if (Dispatcher.FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            Classification kind = thrown == null ? null : classify(b, rules, thrown);
            CircuitBreaker.Phase phase = state != null ? state.phase : entry.phase();
            if (phase != null) {
                // a closed count window without slow-call tracking needs no clock reading at all
                long duration = phase.timed() ? clock.nanoTime() - (state != null ? state.attemptStartNanos : start) : 0;
                phase.breaker().record(phase, kind == Classification.TRANSIENT, duration, clock);
            }
            long callStart = state != null ? state.startNanos : start;
            // an outage is timed (recovery time) unless the policy retries at once: then its length is that
            // of the retried attempts, and the clock readings would cost more than the retry itself
            boolean needNow = callStart != 0 || (thrown == null ? s.outageTimed()
                    : kind == Classification.TRANSIENT && !s.failing() && !b.policy.backoff.waitsNothing());
            long now = needNow ? clock.nanoTime() : 0;
            if (callStart != 0) { // a sampled (or timed) call: every attempt's latency
                s.attemptLatency().record(now - (state != null ? state.attemptStartNanos : start));
            }
            if (thrown == null) {
                s.markRecovered(now);
                if (state != null) {
                    Decisions.record(Decision.RECOVERED, s, b.method, state.attempt, null);
                }
                ended(s, state, callStart, now);
                return null;
            }
            if (state == null) {
                s.firstAttemptFailed();
            }
            if (kind == Classification.TRANSIENT) {
                s.markFailing(now);
            }
            Object verdict = onFailure(b, kind, start, state, thrown, rules);
            while (verdict instanceof RetryState && b.policy.chaos != null) {
                // the body cannot be skipped on a repeat: an attempt replaced by a chaos fault fails here
                RetryState next = (RetryState) verdict;
                Throwable fault = Chaos.beforeAttempt(b, next.attempt);
                if (fault == null) {
                    break;
                }
                Classification faultKind = classify(b, rules, fault);
                if (next.phase != null) {
                    next.phase.breaker().record(next.phase, faultKind == Classification.TRANSIENT, 0, clock);
                }
                thrown = fault;
                verdict = onFailure(b, faultKind, start, next, fault, rules);
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
                Outcome fallback = Fallbacks.outcome(b, thrown, false, state != null ? state.attempt : 1);
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
                s.addAgentNanos(Math.max(0, clock.nanoTime() - entered - slept) * weight);
            }
        }
    }

    private static Classification classify(Binding b, CallRules rules, Throwable thrown) {
        return rules != null ? rules.classify(b.policy, thrown) : b.policy.classifier.classify(thrown);
    }

    /**
     * @param token the entry's clock reading, when the policy has a maxDuration
     * @param state null after the first attempt, else the state returned after the previous one
     * @return the state for the next attempt, {@link #END_WITH_FALLBACK}, or null to throw as is
     */
    private Object onFailure(Binding b, Classification kind, long token, RetryState state, Throwable thrown,
                             CallRules rules) {
        Policy p = b.policy;
        int attempt = state != null ? state.attempt : 1;
        PolicyState s = p.state;
        if (kind == Classification.PERMANENT) {
            return end(Decision.PERMANENT, b, attempt, thrown, null, null);
        }
        if (kind == Classification.UNCLASSIFIED) {
            return end(Decision.UNCLASSIFIED, b, attempt, thrown, null, null);
        }
        s.recentFailures().recordFailure();
        if (state == null && rules != null && !rules.async() && rules.nested()) {
            return end(Decision.NESTED, b, attempt, thrown, null, null);
        }
        String veto = rules != null ? rules.vetoFor(thrown) : null;
        if (veto != null) {
            return end(Decision.NOT_RETRYABLE, b, attempt, thrown, veto, null);
        }
        if (attempt >= p.maxAttempts) {
            // a policy of one attempt never retries: nothing was exhausted
            return p.maxAttempts > 1 ? end(Decision.EXHAUSTED, b, attempt, thrown, null, END_WITH_FALLBACK) : END_WITH_FALLBACK;
        }
        if (!p.enforcing) {
            return end(Decision.WOULD_RETRY, b, attempt, thrown, null, null);
        }
        if (Thread.currentThread().isInterrupted()) {
            return end(Decision.INTERRUPTED, b, attempt, thrown, null, null);
        }
        long previous = state != null ? state.previousDelayNanos : 0;
        double stretch = p.adaptive ? RecentFailureRate.stretch(s.recentFailureRate()) : 1.0;
        long delay = p.backoff.waitsNothing() ? 0 : p.backoff.delayNanos(attempt, previous, random(), stretch);
        long retryAfter = rules != null ? rules.retryAfterNanos() : -1;
        if (retryAfter >= 0) {
            delay = Math.min(retryAfter, p.backoff.maxNanos()); // the server's Retry-After, capped by max
        }
        long start = state != null ? state.startNanos : token;
        // the clock is read only where something needs it: a deadline, a breaker that times attempts or is
        // open, a timed call, a wait
        boolean clocked = p.maxDurationNanos > 0 || (b.breaker != null && b.breaker.timed()) || start != 0 || delay > 0;
        long now = clocked ? clock.nanoTime() : 0;
        if (p.maxDurationNanos > 0 && now + delay - start >= p.maxDurationNanos) {
            return end(Decision.DEADLINE, b, attempt, thrown, null, END_WITH_FALLBACK);
        }
        if (b.breaker != null && (clocked ? b.breaker.isOpen(now) : b.breaker.isOpen(clock))) {
            return end(Decision.BREAKER_OPEN, b, attempt, thrown, null, END_WITH_FALLBACK);
        }
        if (p.budget.enabled() && !s.budget().tryAcquire(p.budget, s.callsForBudget())) {
            return end(Decision.BUDGET, b, attempt, thrown, null, END_WITH_FALLBACK);
        }
        if (rules != null) {
            rules.beforeRetry(); // a retried response's connection goes back to the pool before the next attempt
        }
        if (delay > 0) {
            s.addBackoffNanos(delay);
        }
        if (rules != null && rules.async()) {
            Decisions.record(Decision.RETRY, s, b.method, attempt, thrown, delay, null);
            return new RetryState(b, start, attempt + 1, delay, null, now); // the scheduler waits, then takes a permit
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the caller
            return end(Decision.INTERRUPTED, b, attempt, thrown, "during the backoff", null);
        }
        now = clocked ? clock.nanoTime() : 0;
        if (p.maxDurationNanos > 0 && now - start >= p.maxDurationNanos) {
            return end(Decision.DEADLINE, b, attempt, thrown, "during the backoff", END_WITH_FALLBACK);
        }
        CircuitBreaker.Phase next = null;
        if (b.breaker != null && (next = clocked ? b.breaker.tryAcquire(now) : b.breaker.tryAcquire(clock)) == null) {
            return end(Decision.BREAKER_OPEN, b, attempt, thrown, "opened during the backoff", END_WITH_FALLBACK);
        }
        Decisions.record(Decision.RETRY, s, b.method, attempt, thrown, delay, null);
        RetryState reused = rules != null ? rules.reusableState() : null; // the previous state's values are read by now
        return reused != null ? reused.set(b, start, attempt + 1, delay, next, now) : new RetryState(b, start, attempt + 1, delay, next, now);
    }

    /** Records a decision that ends the call; returns {@code verdict}. */
    private static Object end(Decision d, Binding b, int attempt, Throwable thrown, String detail, Object verdict) {
        Decisions.record(d, b.policy.state, b.method, attempt, thrown, 0, detail);
        return verdict;
    }

    /** A call ends: its attempt count and, when sampled, its latency. */
    private static void ended(PolicyState s, RetryState state, long callStart, long now) {
        if (state != null) {
            s.endedAfter(state.attempt);
        }
        if (callStart != 0) {
            s.callLatency().record(now - callStart);
        }
    }

    private Random random() {
        return random != null ? random : ThreadLocalRandom.current();
    }
}
