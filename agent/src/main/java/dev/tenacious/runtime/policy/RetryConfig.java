package dev.tenacious.runtime.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A policy's {@code retry} block with every default resolved: how many attempts, how long, the wait
 * between them, which failures are retried, and the budget. Immutable; built by {@link Builder},
 * which holds the defaults of the contract.
 */
public final class RetryConfig implements Keys.Section {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final RetryConfig DEFAULT = builder().build();

    private final int maxAttempts;
    private final long maxDurationNanos;
    private final Backoff backoff;
    private final List<String> retryOn;
    private final List<String> abortOn;
    private final boolean abortOnGiven;
    private final boolean causes;
    private final BudgetConfig budget;
    private final boolean adaptive;
    private final ExceptionClassifier classifier;
    private final ExceptionClassifier ownAbortOn;

    private RetryConfig(Builder b) {
        this.maxAttempts = b.maxAttempts != null ? b.maxAttempts : DEFAULT_MAX_ATTEMPTS;
        this.maxDurationNanos = b.maxDurationNanos != null ? b.maxDurationNanos : 0L;
        long initial = b.initialNanos != null ? b.initialNanos : Backoff.DEFAULT_INITIAL_NANOS;
        this.backoff = new Backoff(b.type != null ? b.type : BackoffType.EXPONENTIAL, initial,
                b.multiplier != null ? b.multiplier : Backoff.DEFAULT_MULTIPLIER,
                b.maxNanos != null ? b.maxNanos : Math.max(Backoff.DEFAULT_MAX_NANOS, initial),
                b.jitter != null ? b.jitter : Jitter.FULL);
        this.retryOn = Collections.unmodifiableList(new ArrayList<String>(
                b.retryOn != null ? b.retryOn : ExceptionClassifier.DEFAULT_RETRY_ON));
        this.abortOnGiven = b.abortOn != null;
        this.abortOn = Collections.unmodifiableList(new ArrayList<String>(
                b.abortOn != null ? b.abortOn : ExceptionClassifier.DEFAULT_ABORT_ON));
        this.causes = b.causes == null || b.causes;
        this.budget = b.budget != null ? b.budget : BudgetConfig.DEFAULT;
        this.adaptive = Boolean.TRUE.equals(b.adaptive);
        this.classifier = new ExceptionClassifier(retryOn, abortOn, causes);
        this.ownAbortOn = new ExceptionClassifier(Collections.<String>emptyList(),
                abortOnGiven ? abortOn : Collections.<String>emptyList(), causes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included; 1 never retries. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** 0: no deadline. */
    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    public Backoff backoff() {
        return backoff;
    }

    public List<String> retryOn() {
        return retryOn;
    }

    public List<String> abortOn() {
        return abortOn;
    }

    /** Whether abortOn was written in the file (the policy's or defaults'), not the built-in list. */
    public boolean abortOnGiven() {
        return abortOnGiven;
    }

    public boolean causes() {
        return causes;
    }

    public BudgetConfig budget() {
        return budget;
    }

    /** Stretch backoff as the policy's recent failure rate rises. */
    public boolean adaptive() {
        return adaptive;
    }

    /** retryOn and abortOn (the defaults where the file gives none). */
    public ExceptionClassifier classifier() {
        return classifier;
    }

    /** The abortOn types the file gives, alone: they win over a preset's rules. */
    public ExceptionClassifier ownAbortOn() {
        return ownAbortOn;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("maxAttempts", maxAttempts).put("maxDuration", maxDurationNanos > 0 ? Durations.format(maxDurationNanos) : Keys.OFF)
                .section("backoff", backoff).put("retryOn", retryOn).put("abortOn", abortOn).put("causes", causes)
                .section("budget", budget.enabled() ? budget : null).put("adaptive", adaptive);
    }

    @Override
    public String toString() {
        return "up to " + maxAttempts + (maxAttempts == 1 ? " attempt" : " attempts")
                + (maxDurationNanos > 0 ? " within " + Durations.format(maxDurationNanos) : "")
                + ", " + backoff + (adaptive ? " (adaptive)" : "") + ", " + budget;
    }

    /** Collects what a file gives; unset values take the contract's defaults when built. */
    public static final class Builder {
        private Integer maxAttempts;
        private Long maxDurationNanos;
        private BackoffType type;
        private Long initialNanos;
        private Double multiplier;
        private Long maxNanos;
        private Jitter jitter;
        private List<String> retryOn;
        private List<String> abortOn;
        private Boolean causes;
        private BudgetConfig budget;
        private Boolean adaptive;

        private Builder() {
        }

        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder maxDurationNanos(long v) { maxDurationNanos = v; return this; }
        public Builder backoffType(BackoffType v) { type = v; return this; }
        public Builder initialNanos(long v) { initialNanos = v; return this; }
        public Builder multiplier(double v) { multiplier = v; return this; }
        public Builder maxNanos(long v) { maxNanos = v; return this; }
        public Builder jitter(Jitter v) { jitter = v; return this; }
        public Builder retryOn(List<String> v) { retryOn = v; return this; }
        public Builder abortOn(List<String> v) { abortOn = v; return this; }
        public Builder causes(boolean v) { causes = v; return this; }
        public Builder budget(BudgetConfig v) { budget = v; return this; }
        public Builder adaptive(boolean v) { adaptive = v; return this; }

        /** A builder with this one's values and, where this one has none, {@code fallback}'s (key by key). */
        public Builder over(Builder fallback) {
            Builder b = new Builder();
            b.maxAttempts = maxAttempts != null ? maxAttempts : fallback.maxAttempts;
            b.maxDurationNanos = maxDurationNanos != null ? maxDurationNanos : fallback.maxDurationNanos;
            b.type = type != null ? type : fallback.type;
            b.initialNanos = initialNanos != null ? initialNanos : fallback.initialNanos;
            b.multiplier = multiplier != null ? multiplier : fallback.multiplier;
            b.maxNanos = maxNanos != null ? maxNanos : fallback.maxNanos;
            b.jitter = jitter != null ? jitter : fallback.jitter;
            b.retryOn = retryOn != null ? retryOn : fallback.retryOn;
            b.abortOn = abortOn != null ? abortOn : fallback.abortOn;
            b.causes = causes != null ? causes : fallback.causes;
            b.budget = budget != null ? budget : fallback.budget;
            b.adaptive = adaptive != null ? adaptive : fallback.adaptive;
            return b;
        }

        public RetryConfig build() {
            return new RetryConfig(this);
        }
    }
}
