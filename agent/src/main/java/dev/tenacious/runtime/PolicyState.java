package dev.tenacious.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a policy has done, kept by policy name so that it survives a reload that keeps the name. Calls
 * are counted on the happy path by a {@link StripedCounter}; the outcome counters below are written
 * only when something fails.
 */
public final class PolicyState {
    final String name;
    final StripedCounter calls = new StripedCounter();
    final RetryBudget budget = new RetryBudget();
    final RecentFailureRate recent = new RecentFailureRate();
    final LongAdder retries = new LongAdder();
    final LongAdder recovered = new LongAdder();
    final LongAdder exhausted = new LongAdder();
    final LongAdder aborted = new LongAdder();
    final LongAdder unclassified = new LongAdder();
    final LongAdder budgetRejected = new LongAdder();
    final LongAdder breakerRefused = new LongAdder();
    final LongAdder chaosFaults = new LongAdder();
    /** Time spent in the agent's own code on calls that left the happy path (backoff sleeps excluded). */
    final LongAdder agentNanos = new LongAdder();
    final LongAdder chaosDelays = new LongAdder();
    final LongAdder deadlineReached = new LongAdder();
    final LongAdder interrupted = new LongAdder();
    /** Failures a preset forbade retrying: a non-idempotent request, a body that cannot be replayed, a transaction. */
    final LongAdder vetoed = new LongAdder();
    final LongAdder wouldRetry = new LongAdder();
    final LongAdder fallbacks = new LongAdder();
    /** Calls whose first attempt failed (transient or not). */
    final LongAdder failedFirst = new LongAdder();
    final LongAdder rejectedOpen = new LongAdder();
    final LongAdder rejectedFull = new LongAdder();
    final LongAdder backoffNanos = new LongAdder();
    /** Calls that ended after N attempts, N = 2..8 (index N - 2), 9 and more in the last slot. */
    final java.util.concurrent.atomic.AtomicLongArray attemptsPerCall = new java.util.concurrent.atomic.AtomicLongArray(8);
    final LatencyHistogram callLatency = new LatencyHistogram();
    final LatencyHistogram attemptLatency = new LatencyHistogram();
    /** When the current run of failures began (0: none), for recovery time. */
    volatile long failingSince;
    final LongAdder recoveries = new LongAdder();
    final LongAdder recoveryNanos = new LongAdder();
    volatile long lastRecoveryNanos;

    private CircuitBreaker breaker;
    private final java.util.Map<String, CircuitBreaker> methodBreakers = new java.util.HashMap<String, CircuitBreaker>();
    private Bulkhead bulkhead;

    PolicyState(String name) {
        this.name = name;
    }

    /**
     * The breaker for a site: one per policy, or one per key (a method with {@code scope: method}, a
     * remote host with {@code scope: host}). Created on first use and kept while the policy keeps its
     * name and breaker settings.
     *
     * @param key null for the policy's own breaker
     */
    public synchronized CircuitBreaker breaker(CircuitBreakerConfig config, String key, long nowNanos) {
        if (key != null) {
            CircuitBreaker b = methodBreakers.get(key);
            if (b == null || !sameSettings(b.config(), config)) {
                b = new CircuitBreaker(name + " " + key, config, nowNanos);
                methodBreakers.put(key, b);
            }
            return b;
        }
        if (breaker == null || !sameSettings(breaker.config(), config)) {
            breaker = new CircuitBreaker(name, config, nowNanos);
        }
        return breaker;
    }

    private static boolean sameSettings(CircuitBreakerConfig a, CircuitBreakerConfig b) {
        return a.toString().equals(b.toString());
    }

    public synchronized Bulkhead bulkhead(BulkheadConfig config) {
        if (bulkhead == null || bulkhead.config().maxConcurrent != config.maxConcurrent
                || bulkhead.config().maxWaitNanos != config.maxWaitNanos) {
            bulkhead = new Bulkhead(config);
        }
        return bulkhead;
    }

    /** The policy-scope breaker, or null. */
    public synchronized CircuitBreaker breaker() {
        return breaker;
    }

    /** Per-method ({@code scope: method}) and per-host ({@code scope: host}) breakers, by method or host. */
    public synchronized java.util.Map<String, CircuitBreaker> methodBreakers() {
        return new java.util.TreeMap<String, CircuitBreaker>(methodBreakers);
    }

    /** Calls that succeeded first time: calls neither failed on their first attempt nor refused (in-flight ones included). */
    public long firstTrySuccesses() {
        return Math.max(0, calls() - failedFirst() - rejectedOpen() - rejectedFull());
    }

    /** Calls whose caller got an exception or a fallback: failed first and never recovered, or refused. */
    public long failedCalls() {
        return Math.max(0, failedFirst() - recovered()) + rejectedOpen() + rejectedFull();
    }

    /** Success rate seen by callers after retries, in [0, 1]; 1 with no calls. */
    public double successRate() {
        long calls = calls();
        return calls == 0 ? 1.0 : Math.max(0, Math.min(1, 1.0 - (double) failedCalls() / calls));
    }

    public String name() {
        return name;
    }

    /** Logical calls made (retries not included). */
    public long calls() {
        return calls.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long recovered() {
        return recovered.sum();
    }

    public long exhausted() {
        return exhausted.sum();
    }

    public long aborted() {
        return aborted.sum();
    }

    public long unclassified() {
        return unclassified.sum();
    }

    public long budgetRejected() {
        return budgetRejected.sum();
    }

    /** Time in the agent's decision code on calls off the happy path, backoff sleeps and chaos delays excluded. */
    public long agentNanos() {
        return agentNanos.sum();
    }

    /** Exceptions injected by chaos rehearsals (not real failures). */
    public long chaosFaults() {
        return chaosFaults.sum();
    }

    /** Delays injected by chaos rehearsals. */
    public long chaosDelays() {
        return chaosDelays.sum();
    }

    public long breakerRefused() {
        return breakerRefused.sum();
    }

    public long deadlineReached() {
        return deadlineReached.sum();
    }

    public long vetoed() {
        return vetoed.sum();
    }

    public long interrupted() {
        return interrupted.sum();
    }

    /** The failure started an outage (none was in progress): remember when. */
    void markFailing(long nowNanos) {
        if (failingSince == 0) {
            failingSince = nowNanos == 0 ? 1 : nowNanos;
        }
    }

    /** A success after failures: the outage is over. */
    void markRecovered(long nowNanos) {
        long since = failingSince;
        if (since != 0) {
            failingSince = 0;
            long took = Math.max(0, nowNanos - since);
            recoveries.increment();
            recoveryNanos.add(took);
            lastRecoveryNanos = took;
        }
    }

    void endedAfter(int attempts) {
        if (attempts >= 2) {
            attemptsPerCall.incrementAndGet(Math.min(attempts, 9) - 2);
        }
    }

    public long failedFirst() {
        return failedFirst.sum();
    }

    public long rejectedOpen() {
        return rejectedOpen.sum();
    }

    public long rejectedFull() {
        return rejectedFull.sum();
    }

    public long backoffNanos() {
        return backoffNanos.sum();
    }

    /** Calls that ended after exactly {@code n} attempts (n >= 2; 9 means 9 or more). */
    public long callsEndedAfter(int n) {
        return attemptsPerCall.get(Math.min(n, 9) - 2);
    }

    public LatencyHistogram callLatency() {
        return callLatency;
    }

    public LatencyHistogram attemptLatency() {
        return attemptLatency;
    }

    public long recoveries() {
        return recoveries.sum();
    }

    public long recoveryNanosTotal() {
        return recoveryNanos.sum();
    }

    public long lastRecoveryNanos() {
        return lastRecoveryNanos;
    }

    public boolean failing() {
        return failingSince != 0;
    }

    public long fallbacks() {
        return fallbacks.sum();
    }

    public long wouldRetry() {
        return wouldRetry.sum();
    }

    RetryBudget budget() {
        return budget;
    }

    /** Attempts made so far: logical calls plus retries. */
    long attempts() {
        return calls.sum() + retries.sum();
    }

    /** Called once a second by the ticker: advances the budget and failure-rate windows. */
    void tick() {
        budget.tick(calls.sum());
        recent.tick(attempts());
    }

    /** Failed attempts / attempts over the last 10 s. */
    public double recentFailureRate() {
        return recent.rate(attempts());
    }
}
