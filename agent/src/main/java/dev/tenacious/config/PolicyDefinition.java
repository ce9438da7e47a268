package dev.tenacious.config;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.runtime.BulkheadConfig;
import dev.tenacious.runtime.CircuitBreakerConfig;
import dev.tenacious.runtime.FallbackConfig;

import java.util.Collections;
import java.util.List;

/** One entry of {@code policies}: its name, mode, what it matches and how it retries. Immutable. */
public final class PolicyDefinition {
    private final String name;
    private final boolean observe;
    private final List<MatchRule> rules;
    private final RetryDefinition retry;
    private final CircuitBreakerConfig circuitBreaker;
    private final BulkheadConfig bulkhead;
    private final FallbackConfig fallback;
    private final dev.tenacious.runtime.ChaosConfig chaos;
    private final String where;
    private final dev.tenacious.runtime.HttpConfig http;

    public PolicyDefinition(String name, boolean observe, List<MatchRule> rules, RetryDefinition retry,
                            CircuitBreakerConfig circuitBreaker, BulkheadConfig bulkhead, FallbackConfig fallback,
                            dev.tenacious.runtime.ChaosConfig chaos, String where) {
        this(name, observe, rules, retry, circuitBreaker, bulkhead, fallback, chaos, null, where);
    }

    /** @param http the {@code http} block, null if neither the policy nor defaults give one */
    public PolicyDefinition(String name, boolean observe, List<MatchRule> rules, RetryDefinition retry,
                            CircuitBreakerConfig circuitBreaker, BulkheadConfig bulkhead, FallbackConfig fallback,
                            dev.tenacious.runtime.ChaosConfig chaos, dev.tenacious.runtime.HttpConfig http, String where) {
        this.http = http;
        this.chaos = chaos;
        this.name = name;
        this.observe = observe;
        this.rules = Collections.unmodifiableList(rules);
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.fallback = fallback;
        this.where = where;
    }

    /** Null: no breaker. */
    public CircuitBreakerConfig circuitBreaker() {
        return circuitBreaker;
    }

    /** Null: no {@code http} block. */
    public dev.tenacious.runtime.HttpConfig http() {
        return http;
    }

    /** Null: no bulkhead. */
    public BulkheadConfig bulkhead() {
        return bulkhead;
    }

    /** Null: no fallback. */
    public FallbackConfig fallback() {
        return fallback;
    }

    /** Null: no chaos block (inert anyway unless settings.chaos is on). */
    public dev.tenacious.runtime.ChaosConfig chaos() {
        return chaos;
    }

    public String name() {
        return name;
    }

    /** {@code mode: observe}: count and log what would be retried, never retry. */
    public boolean observe() {
        return observe;
    }

    public List<MatchRule> rules() {
        return rules;
    }

    public RetryDefinition retry() {
        return retry;
    }

    /** {@code file:line:column} of the policy. */
    public String where() {
        return where;
    }
}
