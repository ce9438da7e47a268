package dev.tenacious.config;

import dev.tenacious.runtime.Backoff;
import dev.tenacious.runtime.BudgetConfig;

import java.util.Collections;
import java.util.List;

/** A policy's {@code retry} block after merging it over {@code defaults} and the built-in defaults. */
public final class RetryDefinition {
    private final int maxAttempts;
    private final long maxDurationNanos;
    private final Backoff backoff;
    private final List<String> retryOn;
    private final List<String> abortOn;
    private final boolean causes;
    private final BudgetConfig budget;
    private final boolean adaptive;

    public RetryDefinition(int maxAttempts, long maxDurationNanos, Backoff backoff, List<String> retryOn,
                           List<String> abortOn, boolean causes, BudgetConfig budget, boolean adaptive) {
        this.adaptive = adaptive;
        this.maxAttempts = maxAttempts;
        this.maxDurationNanos = maxDurationNanos;
        this.backoff = backoff;
        this.retryOn = Collections.unmodifiableList(retryOn);
        this.abortOn = abortOn == dev.tenacious.runtime.ExceptionClassifier.DEFAULT_ABORT_ON ? abortOn
                : Collections.unmodifiableList(abortOn);
        this.causes = causes;
        this.budget = budget;
    }

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
        return abortOn != dev.tenacious.runtime.ExceptionClassifier.DEFAULT_ABORT_ON;
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
}
