package dev.tenacious.runtime.decision;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.limits.Bulkhead;
import dev.tenacious.runtime.limits.RecentFailureRate;
import dev.tenacious.runtime.limits.RetryBudget;
import dev.tenacious.runtime.limits.StripedCounter;
import dev.tenacious.runtime.limits.StripedCounters;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a policy has done, kept by policy name so that it survives a reload that keeps the name: the
 * count of every {@link Decision}, the calls (counted on the happy path by a {@link StripedCounter}),
 * the budget and failure-rate windows, latencies, recovery times, and its breakers and bulkhead.
 * Everything but the call count is written only off the happy path.
 */
public final class PolicyState {
    /** Calls that ended after N attempts are counted for N = 2..MAX_COUNTED_ATTEMPTS, the last meaning "or more". */
    public static final int MAX_COUNTED_ATTEMPTS = 9;

    private final String name;
    private final StripedCounter calls = new StripedCounter();
    /**
     * The counters written off the happy path, per thread without atomics (a retry that waits nothing
     * would otherwise spend most of its time in atomic increments): every decision by ordinal, then
     * the calls whose first attempt failed, the inner calls, and the calls that ended after N attempts.
     */
    private final StripedCounters counters = new StripedCounters(ATTEMPTS_PER_CALL + MAX_COUNTED_ATTEMPTS - 1);
    private static final int DECISIONS = Decision.values().length;
    private static final int FAILED_FIRST = DECISIONS;
    private static final int INNER_CALLS = DECISIONS + 1;
    private static final int ATTEMPTS_PER_CALL = DECISIONS + 2;
    private final RetryBudget budget = new RetryBudget();
    private final RecentFailureRate recent = new RecentFailureRate();
    /** Time in the agent's own code on calls that left the happy path (backoff sleeps excluded). */
    private final LongAdder agentNanos = new LongAdder();
    private static final int AGENT_TIME_ALWAYS = 64;
    private int agentTimedExits;
    private final LongAdder backoffNanos = new LongAdder();
    private final LatencyHistogram callLatency = new LatencyHistogram();
    private final LatencyHistogram attemptLatency = new LatencyHistogram();
    /** When the current run of failures began (0: none; {@link #UNTIMED}: at a time not read), for recovery time. */
    private volatile long failingSince;
    /** Writes {@link #failingSince} in order without a full fence: it is a hint for recovery times, read racily. */
    private static final AtomicLongFieldUpdater<PolicyState> FAILING_SINCE =
            AtomicLongFieldUpdater.newUpdater(PolicyState.class, "failingSince");
    private static final long UNTIMED = Long.MIN_VALUE;
    /** The call count the budget last read, and how many retries asked since (racy, and only ever low). */
    private long budgetCalls;
    private int budgetReads;
    private final LongAdder recoveries = new LongAdder();
    private final LongAdder recoveryNanos = new LongAdder();
    private volatile long lastRecoveryNanos;

    private CircuitBreaker breaker;
    private final Map<String, CircuitBreaker> keyedBreakers = new HashMap<String, CircuitBreaker>();
    private Bulkhead bulkhead;

    PolicyState(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    // ---- written by the call path ----

    /**
     * Counts a call as it enters (the happy path: a plain per-thread-cell increment).
     *
     * @return the thread's cell after the increment: its low bits pick the calls whose latency is sampled
     */
    public long countCall() {
        return calls.increment();
    }

    /** The same, on the thread's cell {@code stripe} ({@link StripedCounter#stripeOf}). */
    public long countCall(int stripe) {
        return calls.increment(stripe);
    }

    /**
     * The calls, for the retry budget: summed over the counter's cells on one retry in 16 and reused in
     * between. Calls only grow, so a reused sum is low, and the budget only stricter, by the calls of
     * the last few retries.
     */
    public long callsForBudget() {
        if ((budgetReads++ & 15) == 0) {
            budgetCalls = calls.sum();
        }
        return budgetCalls;
    }

    /** An HTTP request or JDBC statement made inside one of this policy's woven methods. */
    public void countInnerCall() {
        counters.increment(INNER_CALLS);
    }

    void record(Decision d) {
        counters.increment(d.ordinal());
    }

    public void firstAttemptFailed() {
        counters.increment(FAILED_FIRST);
    }

    public RetryBudget budget() {
        return budget;
    }

    public RecentFailureRate recentFailures() {
        return recent;
    }

    public void addAgentNanos(long nanos) {
        agentNanos.add(nanos);
    }

    /**
     * Whether this failure-path exit is one of the policy's first {@value #AGENT_TIME_ALWAYS}, all timed so
     * that a policy that retried a little still shows the agent's time; later exits are sampled. Racy on
     * purpose: a few more or fewer timed exits change nothing but the estimate's precision.
     */
    public boolean timesEveryExit() {
        if (agentTimedExits >= AGENT_TIME_ALWAYS) {
            return false;
        }
        agentTimedExits++;
        return true;
    }

    public void addBackoffNanos(long nanos) {
        backoffNanos.add(nanos);
    }

    public LatencyHistogram callLatency() {
        return callLatency;
    }

    public LatencyHistogram attemptLatency() {
        return attemptLatency;
    }

    /** A call that needed retries ended after {@code attempts} attempts. */
    public void endedAfter(int attempts) {
        if (attempts >= 2) {
            counters.increment(ATTEMPTS_PER_CALL + Math.min(attempts, MAX_COUNTED_ATTEMPTS) - 2);
        }
    }

    /** Whether an outage is in progress (a transient failure since the last success). */
    public boolean failing() {
        return failingSince != 0;
    }

    /**
     * The failure started an outage (none was in progress): remember when, or that it started at an
     * unknown time ({@code nowNanos} 0: a policy that retries at once reads no clock), so its end is
     * not timed.
     */
    public void markFailing(long nowNanos) {
        if (failingSince == 0) {
            FAILING_SINCE.lazySet(this, nowNanos == 0 ? UNTIMED : nowNanos);
        }
    }

    /** Whether an outage is in progress and its start was timed: its end needs a clock reading. */
    public boolean outageTimed() {
        long since = failingSince;
        return since != 0 && since != UNTIMED;
    }

    /** A success after failures: the outage is over. */
    public void markRecovered(long nowNanos) {
        long since = failingSince;
        if (since != 0) {
            FAILING_SINCE.lazySet(this, 0);
            if (since == UNTIMED || nowNanos == 0) {
                return; // an outage of a policy that retries at once: not timed
            }
            long took = Math.max(0, nowNanos - since);
            recoveries.increment();
            recoveryNanos.add(took);
            lastRecoveryNanos = took;
        }
    }

    /**
     * The breaker for a site: one per policy, or one per key (a method with {@code scope: method}, a
     * remote host with {@code scope: host}). Created on first use and kept while the policy keeps its
     * name and breaker settings.
     *
     * @param key null for the policy's own breaker
     */
    public synchronized CircuitBreaker breaker(CircuitBreakerConfig config, String key, long nowNanos) {
        if (key == null) {
            if (breaker == null || !breaker.config().equals(config)) {
                breaker = new CircuitBreaker(name, config, nowNanos);
            }
            return breaker;
        }
        CircuitBreaker b = keyedBreakers.get(key);
        if (b == null || !b.config().equals(config)) {
            b = new CircuitBreaker(name + " " + key, config, nowNanos);
            keyedBreakers.put(key, b);
        }
        return b;
    }

    /** Drops the per-method breakers ({@code scope: method}) of methods not in {@code liveMethods} (their classes were unloaded). */
    public synchronized void retainKeyedBreakers(java.util.Set<String> liveMethods) {
        for (java.util.Iterator<Map.Entry<String, CircuitBreaker>> i = keyedBreakers.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, CircuitBreaker> e = i.next();
            if (e.getValue().config().scope() == CircuitBreakerConfig.Scope.METHOD && !liveMethods.contains(e.getKey())) {
                i.remove();
            }
        }
    }

    public synchronized Bulkhead bulkhead(BulkheadConfig config) {
        if (bulkhead == null || !bulkhead.config().equals(config)) {
            bulkhead = new Bulkhead(config);
        }
        return bulkhead;
    }

    /** Called once a second by the ticker: advances the budget and failure-rate windows. */
    void tick() {
        budget.tick(calls.sum());
        recent.tick(attempts());
    }

    // ---- read by the surfaces (JMX, Prometheus, summary) ----

    /** Logical calls made (retries not included). */
    public long calls() {
        return calls.sum();
    }

    public long count(Decision d) {
        return counters.sum(d.ordinal());
    }

    /** Attempts made so far: logical calls that were not refused at entry, plus retries. */
    public long attempts() {
        return Math.max(0, calls.sum() - count(Decision.REFUSED_OPEN) - count(Decision.REFUSED_FULL))
                + count(Decision.RETRY);
    }

    /** Calls that succeeded first time: neither failed on their first attempt nor refused (in-flight ones included). */
    public long firstTrySuccesses() {
        return Math.max(0, calls() - counters.sum(FAILED_FIRST) - count(Decision.REFUSED_OPEN) - count(Decision.REFUSED_FULL));
    }

    /** Calls whose caller got an exception or a fallback: failed first and never recovered, or refused. */
    public long failedCalls() {
        return Math.max(0, counters.sum(FAILED_FIRST) - count(Decision.RECOVERED)) + count(Decision.REFUSED_OPEN)
                + count(Decision.REFUSED_FULL);
    }

    /** Calls that failed after their first attempt and were not retried to success: failed, not refused. */
    public long failedAfterAttempts() {
        return Math.max(0, counters.sum(FAILED_FIRST) - count(Decision.RECOVERED));
    }

    /** Success rate seen by callers after retries, in [0, 1]; 1 with no calls. */
    public double successRate() {
        long n = calls();
        return n == 0 ? 1.0 : Math.max(0, Math.min(1, 1.0 - (double) failedCalls() / n));
    }

    /**
     * Calls that ended after exactly {@code n} attempts ({@link #MAX_COUNTED_ATTEMPTS} meaning that
     * many or more). One attempt: the first-time successes and the calls whose one failed attempt was
     * not retried; refused calls made none.
     */
    public long callsEndedAfter(int n) {
        if (n > 1) {
            return counters.sum(ATTEMPTS_PER_CALL + Math.min(n, MAX_COUNTED_ATTEMPTS) - 2);
        }
        long retried = 0;
        for (int i = 2; i <= MAX_COUNTED_ATTEMPTS; i++) {
            retried += counters.sum(ATTEMPTS_PER_CALL + i - 2);
        }
        return firstTrySuccesses() + Math.max(0, counters.sum(FAILED_FIRST) - retried);
    }

    public long innerCalls() {
        return counters.sum(INNER_CALLS);
    }

    public long backoffNanos() {
        return backoffNanos.sum();
    }

    public long agentNanos() {
        return agentNanos.sum();
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

    /** Failed attempts / attempts over the last 10 s. */
    public double recentFailureRate() {
        return recent.rate(attempts());
    }

    /** The policy-scope breaker, or null. */
    public synchronized CircuitBreaker breaker() {
        return breaker;
    }

    /** Per-method ({@code scope: method}) and per-host ({@code scope: host}) breakers, by method or host. */
    public synchronized Map<String, CircuitBreaker> keyedBreakers() {
        return new TreeMap<String, CircuitBreaker>(keyedBreakers);
    }
}
