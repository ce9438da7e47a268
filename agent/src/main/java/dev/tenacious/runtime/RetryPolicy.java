package dev.tenacious.runtime;

/**
 * The runtime form of one policy's retry settings: immutable, built from the policy file and swapped
 * as a whole on reload. Its {@link PolicyState} (counters, budget) is shared by every version of the
 * policy that keeps the same name.
 */
public final class RetryPolicy {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    final String name;
    final boolean enforcing;
    final int maxAttempts;
    final long maxDurationNanos;
    final Backoff backoff;
    final ExceptionClassifier classifier;
    final BudgetConfig budgetConfig;
    final PolicyState state;
    final Clock clock;
    final CircuitBreakerConfig breakerConfig;
    final BulkheadConfig bulkheadConfig;
    final FallbackConfig fallbackConfig;
    final boolean adaptive;
    /** Null unless the policy has a chaos block and settings.chaos is on. */
    final ChaosConfig chaosConfig;
    /** The {@code http} block, read by the HTTP presets. */
    final HttpConfig http;
    /** The policy's own abortOn only (no defaults): it wins over a preset's rules. */
    final ExceptionClassifier ownAbortOn;
    private static final ExceptionClassifier NONE = new ExceptionClassifier(
            java.util.Collections.<String>emptyList(), java.util.Collections.<String>emptyList(), true);

    public RetryPolicy(String name, boolean enforcing, int maxAttempts, long maxDurationNanos, Backoff backoff,
                       ExceptionClassifier classifier, BudgetConfig budgetConfig, PolicyState state, Clock clock) {
        this(name, enforcing, maxAttempts, maxDurationNanos, backoff, classifier, budgetConfig, state, clock, null, null, null,
                false, null);
    }

    public RetryPolicy(String name, boolean enforcing, int maxAttempts, long maxDurationNanos, Backoff backoff,
                       ExceptionClassifier classifier, BudgetConfig budgetConfig, PolicyState state, Clock clock,
                       CircuitBreakerConfig breakerConfig, BulkheadConfig bulkheadConfig, FallbackConfig fallbackConfig,
                       boolean adaptive, ChaosConfig chaosConfig) {
        this(name, enforcing, maxAttempts, maxDurationNanos, backoff, classifier, budgetConfig, state, clock, breakerConfig,
                bulkheadConfig, fallbackConfig, adaptive, chaosConfig, HttpConfig.DEFAULT, null);
    }

    /**
     * @param http       the {@code http} block (presets only)
     * @param ownAbortOn the abortOn types the policy itself gives, or null if it gives none
     */
    public RetryPolicy(String name, boolean enforcing, int maxAttempts, long maxDurationNanos, Backoff backoff,
                       ExceptionClassifier classifier, BudgetConfig budgetConfig, PolicyState state, Clock clock,
                       CircuitBreakerConfig breakerConfig, BulkheadConfig bulkheadConfig, FallbackConfig fallbackConfig,
                       boolean adaptive, ChaosConfig chaosConfig, HttpConfig http, java.util.List<String> ownAbortOn) {
        this.http = http;
        this.ownAbortOn = ownAbortOn == null ? NONE
                : new ExceptionClassifier(java.util.Collections.<String>emptyList(), ownAbortOn, classifier.causes());
        this.adaptive = adaptive;
        this.chaosConfig = chaosConfig;
        this.breakerConfig = breakerConfig;
        this.bulkheadConfig = bulkheadConfig;
        this.fallbackConfig = fallbackConfig;
        this.name = name;
        this.enforcing = enforcing;
        this.maxAttempts = maxAttempts;
        this.maxDurationNanos = maxDurationNanos;
        this.backoff = backoff;
        this.classifier = classifier;
        this.budgetConfig = budgetConfig;
        this.state = state;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public boolean enforcing() {
        return enforcing;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    public Backoff backoff() {
        return backoff;
    }

    public ExceptionClassifier classifier() {
        return classifier;
    }

    public BudgetConfig budgetConfig() {
        return budgetConfig;
    }

    public PolicyState state() {
        return state;
    }

    /** Null: no breaker. */
    public CircuitBreakerConfig breakerConfig() {
        return breakerConfig;
    }

    /** Null: no bulkhead. */
    public BulkheadConfig bulkheadConfig() {
        return bulkheadConfig;
    }

    /** Null: no fallback. */
    public FallbackConfig fallbackConfig() {
        return fallbackConfig;
    }

    /** One line for the start-up log. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(enforcing ? "enforce" : "observe only");
        b.append(", up to ").append(maxAttempts).append(maxAttempts == 1 ? " attempt" : " attempts");
        if (maxDurationNanos > 0) {
            b.append(" within ").append(Durations.format(maxDurationNanos));
        }
        b.append(", ").append(backoff).append(adaptive ? " (adaptive)" : "").append(", ").append(budgetConfig);
        if (breakerConfig != null) {
            b.append("; ").append(breakerConfig);
        }
        if (bulkheadConfig != null) {
            b.append("; ").append(bulkheadConfig);
        }
        if (fallbackConfig != null) {
            b.append("; ").append(fallbackConfig);
        }
        if (chaosConfig != null) {
            b.append("; ").append(chaosConfig).append(" (armed)");
        }
        if (http != HttpConfig.DEFAULT) {
            b.append("; http ").append(http);
        }
        return b.toString();
    }
}
