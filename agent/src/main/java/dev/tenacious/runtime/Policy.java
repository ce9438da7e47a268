package dev.tenacious.runtime;

import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.policy.Backoff;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.ChaosConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.ExceptionClassifier;
import dev.tenacious.runtime.policy.FallbackConfig;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.PolicyConfig;

/**
 * A policy in force: its configuration as the file gives it, paired with its state (kept by name
 * across reloads), and what the file's settings make of it (observe mode, armed chaos). The fields
 * the call path reads are copied out of the configuration once. Immutable; replaced as a whole on reload.
 */
public final class Policy {
    final String name;
    final PolicyConfig config;
    final PolicyState state;
    final boolean enforcing;
    final int maxAttempts;
    final long maxDurationNanos;
    final Backoff backoff;
    final ExceptionClassifier classifier;
    final ExceptionClassifier ownAbortOn;
    final BudgetConfig budget;
    final boolean adaptive;
    final CircuitBreakerConfig breakerConfig;
    final BulkheadConfig bulkheadConfig;
    final FallbackConfig fallback;
    /** Null unless the policy has a chaos block and {@code settings.chaos} arms it. */
    final ChaosConfig chaos;
    final HttpConfig http;

    private Policy(PolicyConfig config, PolicyState state, boolean enforcing, boolean chaosArmed) {
        this.name = config.name();
        this.config = config;
        this.state = state;
        this.enforcing = enforcing;
        this.maxAttempts = config.retry().maxAttempts();
        this.maxDurationNanos = config.retry().maxDurationNanos();
        this.backoff = config.retry().backoff();
        this.classifier = config.retry().classifier();
        this.ownAbortOn = config.retry().ownAbortOn();
        this.budget = config.retry().budget();
        this.adaptive = config.retry().adaptive();
        this.breakerConfig = config.circuitBreaker();
        this.bulkheadConfig = config.bulkhead();
        this.fallback = config.fallback();
        this.chaos = chaosArmed && enforcing ? config.chaos() : null;
        this.http = config.http();
    }

    /**
     * @param dryRun     {@code settings.dryRun}: every policy observes only
     * @param chaosArmed {@code settings.chaos}: chaos blocks inject their faults (never in observe mode)
     */
    public static Policy of(PolicyConfig config, PolicyState state, boolean dryRun, boolean chaosArmed) {
        return new Policy(config, state, !dryRun && !config.observe(), chaosArmed);
    }

    public String name() {
        return name;
    }

    public PolicyConfig config() {
        return config;
    }

    public PolicyState state() {
        return state;
    }

    public boolean enforcing() {
        return enforcing;
    }

    /** One line for the start-up log. */
    public String describe() {
        return config.describe(enforcing, chaos != null);
    }
}
