package dev.tenacious.runtime.decision;

/**
 * Everything the agent can decide about a woven call or one of its attempts, named once. Each
 * decision is recorded through {@link Decisions}, which counts it in the policy's state and tells
 * every {@link DecisionListener}; JMX, Prometheus and the summary line iterate this enumeration, so
 * a new decision shows on every surface at once, under the names given here.
 */
public enum Decision {
    /** A failed attempt is followed by another one, after the backoff. */
    RETRY("Retries", "tenacious_retries_total", null, "retries", true,
            "Retries (attempts after the first).", "retrying"),
    /** A call that failed at least once succeeded on a later attempt. */
    RECOVERED("SuccessesAfterRetry", Decision.CALLS, "success_after_retry", "recovered", true,
            null, "succeeded after retrying"),
    /** The last attempt failed transiently: attempts ran out. */
    EXHAUSTED("Exhausted", Decision.ENDINGS, "exhausted", "exhausted", true,
            null, "attempts exhausted"),
    /** A permanent failure (abortOn, or a preset's rule) is thrown at once. */
    PERMANENT("Aborted", Decision.ENDINGS, "aborted", "aborted", true,
            null, "permanent failure, not retried"),
    /** A failure neither list names is thrown at once. */
    UNCLASSIFIED("Unclassified", Decision.ENDINGS, "unclassified", "unclassified", true,
            null, "unclassified failure, not retried"),
    /** A preset's rule forbids retrying this call: a POST without an Idempotency-Key, a body read once, a transaction. */
    NOT_RETRYABLE("NotRetryable", Decision.ENDINGS, "not_retryable", "not retryable (preset rule)", false,
            null, "not retried"),
    /** The failing call runs inside another woven call on the same thread, which retries instead. */
    NESTED("Nested", Decision.ENDINGS, "nested", "left to an outer woven call", false,
            null, "inside another woven call, which retries instead"),
    /** The next attempt could not start, or its backoff end, before maxDuration. */
    DEADLINE("DeadlineReached", Decision.ENDINGS, "deadline", "past maxDuration", true,
            null, "maxDuration reached, not retried"),
    /** The breaker is open (or opened during the backoff): no further attempt. */
    BREAKER_OPEN("StoppedByBreaker", Decision.ENDINGS, "breaker", "stopped by an open breaker", false,
            null, "circuit open, not retried"),
    /** The retry budget refused the retry. */
    BUDGET("RejectedBudget", Decision.ENDINGS, "budget", "refused by budget", true,
            null, "retry budget exhausted, not retried"),
    /** The thread was interrupted before or during the backoff: it keeps its flag and stops retrying. */
    INTERRUPTED("Interrupted", Decision.ENDINGS, "interrupted", "interrupted", true,
            null, "thread interrupted, not retried"),
    /** Observe mode: the failure would have been retried. */
    WOULD_RETRY("WouldRetry", "tenacious_would_retry_total", null, "would retry (observe)", true,
            "Retries observe mode would have made.", "observe mode: would retry"),
    /** The call was refused at entry because the breaker is open. */
    REFUSED_OPEN("RejectedOpen", Decision.CALLS, "rejected_open", "refused (circuit open)", false,
            null, "circuit open, not called"),
    /** The call was refused at entry because the bulkhead had no place within maxWait. */
    REFUSED_FULL("RejectedFull", Decision.CALLS, "rejected_full", "refused (bulkhead full)", false,
            null, "bulkhead full, not called"),
    /** The fallback answered instead of the failure or refusal. */
    FALLBACK("Fallbacks", "tenacious_fallbacks_total", null, "fallbacks", false,
            "Fallback results or exceptions handed to callers.", "the fallback answers"),
    /** A chaos rehearsal replaced an attempt with an injected exception. */
    CHAOS_FAULT("ChaosFaults", "tenacious_chaos_faults_total", null, "chaos faults", false,
            "Exceptions injected by chaos rehearsals, not real failures.", "chaos fault injected"),
    /** A chaos rehearsal delayed an attempt. */
    CHAOS_DELAY("ChaosDelays", "tenacious_chaos_delays_total", null, "chaos delays", false,
            "Delays injected by chaos rehearsals.", "chaos delay injected");

    /** The Prometheus family of calls by outcome (label {@code outcome}). */
    public static final String CALLS = "tenacious_calls_total";
    /** The Prometheus family of why failed calls stopped retrying (label {@code reason}). */
    public static final String ENDINGS = "tenacious_call_endings_total";

    /** The JMX attribute of the policy's MBean. */
    public final String jmxName;
    /** The Prometheus family the count is a sample of. */
    public final String metric;
    /** The sample's label value in a shared family ({@link #CALLS}, {@link #ENDINGS}); null for a family of its own. */
    public final String metricLabel;
    /** What the summary line calls it. */
    public final String summaryName;
    /** Whether the summary line shows it when it is 0. */
    public final boolean alwaysInSummary;
    /** The HELP text of a family of its own; null in a shared family. */
    public final String help;
    /** What a debug log line says. */
    public final String text;

    Decision(String jmxName, String metric, String metricLabel, String summaryName, boolean alwaysInSummary,
             String help, String text) {
        this.jmxName = jmxName;
        this.metric = metric;
        this.metricLabel = metricLabel;
        this.summaryName = summaryName;
        this.alwaysInSummary = alwaysInSummary;
        this.help = help;
        this.text = text;
    }
}
