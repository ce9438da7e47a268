package dev.tenacious.observe;

/** One policy's figures over JMX, domain {@code tenacious}, {@code type=Policy,name=<policy>}. */
public interface PolicyMetricsMBean {
    long getCalls();

    long getFirstTrySuccesses();

    long getSuccessesAfterRetry();

    /** Calls whose caller got an exception or a fallback. */
    long getFailedCalls();

    /** Success rate seen by callers after retries (0..1). */
    double getSuccessRate();

    long getExhausted();

    long getAborted();

    long getUnclassified();

    /** Failures a preset forbade retrying: POST without Idempotency-Key, a body read once, a JDBC transaction. */
    long getNotRetryable();

    long getRejectedOpen();

    long getRejectedFull();

    long getRejectedBudget();

    long getFallbacks();

    long getRetries();

    long getAttempts();

    /** Calls by attempts made, "1=N 2=N ... 9+=N". */
    String getAttemptsPerCall();

    /** CLOSED, OPEN, HALF_OPEN, or NONE without a (policy-scope) breaker. */
    String getBreakerState();

    long getBreakerTransitions();

    double getCallLatencyP50Millis();

    double getCallLatencyP99Millis();

    double getAttemptLatencyP50Millis();

    double getAttemptLatencyP99Millis();

    double getBackoffSeconds();

    long getRecoveries();

    /** Time from the first failure of the last outage to the next success. */
    double getLastRecoverySeconds();

    double getMeanRecoverySeconds();

    double getRecentFailureRate();

    /** Exceptions injected by chaos rehearsals (counted apart from real failures). */
    long getChaosFaults();

    long getChaosDelays();

    /**
     * Seconds spent in the agent's own code on calls that left the happy path (failures, retries,
     * refusals, sampled calls), backoff sleeps excluded. A call that succeeds first time costs a few
     * nanoseconds more (see README, Measurements) and is not timed.
     */
    double getAgentOverheadSeconds();
}
