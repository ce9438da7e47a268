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
    final LongAdder deadlineReached = new LongAdder();
    final LongAdder interrupted = new LongAdder();
    final LongAdder wouldRetry = new LongAdder();
    final LongAdder fallbacks = new LongAdder();

    private CircuitBreaker breaker;
    private final java.util.Map<String, CircuitBreaker> methodBreakers = new java.util.HashMap<String, CircuitBreaker>();
    private Bulkhead bulkhead;

    PolicyState(String name) {
        this.name = name;
    }

    /**
     * The breaker for a site: one per policy, or one per method with {@code scope: method}. Created on
     * first use and kept while the policy keeps its name and breaker settings.
     */
    public synchronized CircuitBreaker breaker(CircuitBreakerConfig config, String methodKey, long nowNanos) {
        if (config.scope == CircuitBreakerConfig.Scope.METHOD) {
            CircuitBreaker b = methodBreakers.get(methodKey);
            if (b == null || !sameSettings(b.config(), config)) {
                b = new CircuitBreaker(name + " " + methodKey, config, nowNanos);
                methodBreakers.put(methodKey, b);
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

    public long deadlineReached() {
        return deadlineReached.sum();
    }

    public long interrupted() {
        return interrupted.sum();
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
