package dev.tenacious.runtime;

/**
 * A policy's {@code circuitBreaker} block, with Resilience4j's meanings: a count window (last N
 * attempts) or a time window (attempts in the last N seconds); once the window holds at least
 * {@code minimumCalls}, a failure rate or slow-call rate at or above its threshold opens the breaker
 * for {@code openFor}; then {@code halfOpenCalls} probes decide between closing and opening again.
 */
public final class CircuitBreakerConfig {
    /** HOST: one breaker per remote host, for the HTTP presets; elsewhere it acts as POLICY. */
    public enum Scope { POLICY, METHOD, HOST }

    public static final int DEFAULT_WINDOW_SIZE = 20;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final double DEFAULT_FAILURE_RATE = 0.5;
    public static final long DEFAULT_OPEN_FOR_NANOS = 30_000_000_000L;
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    final Scope scope;
    final boolean timeWindow;
    /** Attempts (count window) or seconds (time window). */
    final int windowSize;
    final int minimumCalls;
    final double failureRate;
    /** 0: slow calls are not tracked. */
    final long slowOverNanos;
    final double slowRate;
    final long openForNanos;
    final int halfOpenCalls;

    public CircuitBreakerConfig(Scope scope, boolean timeWindow, int windowSize, int minimumCalls, double failureRate,
                                long slowOverNanos, double slowRate, long openForNanos, int halfOpenCalls) {
        this.scope = scope;
        this.timeWindow = timeWindow;
        this.windowSize = windowSize;
        this.minimumCalls = minimumCalls;
        this.failureRate = failureRate;
        this.slowOverNanos = slowOverNanos;
        this.slowRate = slowRate;
        this.openForNanos = openForNanos;
        this.halfOpenCalls = halfOpenCalls;
    }

    /** Whether recording an attempt needs its duration or the time: slow calls, or a time window. */
    boolean needsClock() {
        return slowOverNanos > 0 || timeWindow;
    }

    public Scope scope() {
        return scope;
    }

    public boolean timeWindow() {
        return timeWindow;
    }

    public int windowSize() {
        return windowSize;
    }

    public int minimumCalls() {
        return minimumCalls;
    }

    public double failureRate() {
        return failureRate;
    }

    public long slowOverNanos() {
        return slowOverNanos;
    }

    public double slowRate() {
        return slowRate;
    }

    public long openForNanos() {
        return openForNanos;
    }

    public int halfOpenCalls() {
        return halfOpenCalls;
    }

    @Override
    public String toString() {
        return "breaker " + (timeWindow ? "last " + windowSize + "s" : "last " + windowSize + " attempts")
                + ", opens at " + Math.round(failureRate * 100) + "% failures"
                + (slowOverNanos > 0 ? " or " + Math.round(slowRate * 100) + "% over " + Durations.format(slowOverNanos) : "")
                + " of at least " + minimumCalls + ", for " + Durations.format(openForNanos)
                + ", " + halfOpenCalls + " probes" + (scope == Scope.METHOD ? ", per method" : "");
    }
}
