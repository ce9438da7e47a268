package dev.tenacious.runtime.policy;

import dev.tenacious.matching.MatchRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of the file's {@code policies}, as written, with {@code defaults} and the built-in
 * defaults merged in: what it matches and every block that says how its calls are guarded. The one
 * model from the parser to the runtime (which pairs it with the policy's state by name). Immutable;
 * built by {@link Builder}.
 */
public final class PolicyConfig implements Keys.Section {
    private final String name;
    private final boolean observe;
    private final List<MatchRule> rules;
    private final RetryConfig retry;
    private final CircuitBreakerConfig circuitBreaker;
    private final BulkheadConfig bulkhead;
    private final FallbackConfig fallback;
    private final ChaosConfig chaos;
    private final HttpConfig http;
    private final JdbcConfig jdbc;
    private final String where;

    private PolicyConfig(Builder b) {
        this.name = b.name;
        this.observe = b.observe;
        this.rules = Collections.unmodifiableList(new ArrayList<MatchRule>(b.rules));
        this.retry = b.retry != null ? b.retry : RetryConfig.DEFAULT;
        this.circuitBreaker = b.circuitBreaker;
        this.bulkhead = b.bulkhead;
        this.fallback = b.fallback;
        this.chaos = b.chaos;
        this.http = b.http != null ? b.http : HttpConfig.DEFAULT;
        this.jdbc = b.jdbc != null ? b.jdbc : JdbcConfig.DEFAULT;
        this.where = b.where;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** {@code mode: observe}: count and log what would be retried, never retry or refuse. */
    public boolean observe() {
        return observe;
    }

    public List<MatchRule> rules() {
        return rules;
    }

    public RetryConfig retry() {
        return retry;
    }

    /** Null: no breaker. */
    public CircuitBreakerConfig circuitBreaker() {
        return circuitBreaker;
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
    public ChaosConfig chaos() {
        return chaos;
    }

    /** The {@code http} block; {@link HttpConfig#DEFAULT} where neither the policy nor defaults give one. */
    public HttpConfig http() {
        return http;
    }

    /** The {@code jdbc} block; {@link JdbcConfig#DEFAULT} where neither the policy nor defaults give one. */
    public JdbcConfig jdbc() {
        return jdbc;
    }

    /** {@code file:line:column} of the policy. */
    public String where() {
        return where;
    }

    /** Whether both match the same methods (their rules, wherever in the file they are written). */
    public boolean sameMatch(PolicyConfig other) {
        return String.valueOf(rules).equals(String.valueOf(other.rules));
    }

    /** Every key but {@code match}, which a reload compares apart (it decides what is re-woven). */
    @Override
    public void writeKeys(Keys k) {
        k.put("mode", observe ? "observe" : "enforce").section("retry", retry).section("circuitBreaker", circuitBreaker)
                .section("bulkhead", bulkhead).section("fallback", fallback).section("chaos", chaos).section("http", http)
                .section("jdbc", jdbc);
    }

    /** One line for the start-up log, chaos shown only when armed. */
    public String describe(boolean enforcing, boolean chaosArmed) {
        StringBuilder b = new StringBuilder(enforcing ? "enforce" : "observe only").append(", ").append(retry);
        for (Object section : new Object[] {circuitBreaker, bulkhead, fallback}) {
            if (section != null) {
                b.append("; ").append(section);
            }
        }
        if (chaosArmed && chaos != null) {
            b.append("; ").append(chaos).append(" (armed)");
        }
        if (!http.equals(HttpConfig.DEFAULT)) {
            b.append("; http ").append(http);
        }
        if (!jdbc.equals(JdbcConfig.DEFAULT)) {
            b.append("; jdbc ").append(jdbc);
        }
        return b.toString();
    }

    public static final class Builder {
        private final String name;
        private boolean observe;
        private List<MatchRule> rules = Collections.emptyList();
        private RetryConfig retry;
        private CircuitBreakerConfig circuitBreaker;
        private BulkheadConfig bulkhead;
        private FallbackConfig fallback;
        private ChaosConfig chaos;
        private HttpConfig http;
        private JdbcConfig jdbc;
        private String where = "";

        private Builder(String name) {
            this.name = name;
        }

        public Builder observe(boolean v) { observe = v; return this; }
        public Builder rules(List<MatchRule> v) { rules = v; return this; }
        public Builder retry(RetryConfig v) { retry = v; return this; }
        public Builder circuitBreaker(CircuitBreakerConfig v) { circuitBreaker = v; return this; }
        public Builder bulkhead(BulkheadConfig v) { bulkhead = v; return this; }
        public Builder fallback(FallbackConfig v) { fallback = v; return this; }
        public Builder chaos(ChaosConfig v) { chaos = v; return this; }
        public Builder http(HttpConfig v) { http = v; return this; }
        public Builder jdbc(JdbcConfig v) { jdbc = v; return this; }
        public Builder where(String v) { where = v; return this; }

        public PolicyConfig build() {
            return new PolicyConfig(this);
        }
    }
}
