package dev.tenacious.runtime.policy;

/**
 * A policy's {@code circuitBreaker} block, with Resilience4j's meanings: a count window (last N
 * attempts) or a time window (attempts in the last N seconds); once the window holds at least
 * {@code minimumCalls}, a failure rate or slow-call rate at or above its threshold opens the breaker
 * for {@code openFor}; then {@code halfOpenCalls} probes decide between closing and opening again.
 * Immutable; built by {@link Builder}, which holds the defaults.
 */
public final class CircuitBreakerConfig extends KeyedConfig {
    /** HOST: one breaker per remote host, for the HTTP presets; elsewhere it acts as POLICY. */
    public enum Scope { POLICY, METHOD, HOST }

    public static final int DEFAULT_WINDOW_SIZE = 20;
    public static final int DEFAULT_TIME_WINDOW_SECONDS = 60;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final double DEFAULT_FAILURE_RATE = 0.5;
    public static final double DEFAULT_SLOW_RATE = 1.0;
    public static final long DEFAULT_OPEN_FOR_NANOS = 30_000_000_000L;
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    private final Scope scope;
    private final boolean timeWindow;
    private final int windowSize;
    private final int minimumCalls;
    private final double failureRate;
    private final long slowOverNanos;
    private final double slowRate;
    private final long openForNanos;
    private final int halfOpenCalls;

    private CircuitBreakerConfig(Builder b) {
        this.scope = b.scope != null ? b.scope : Scope.POLICY;
        this.timeWindow = Boolean.TRUE.equals(b.timeWindow);
        this.windowSize = b.windowSize != null ? b.windowSize : timeWindow ? DEFAULT_TIME_WINDOW_SECONDS : DEFAULT_WINDOW_SIZE;
        this.minimumCalls = b.minimumCalls != null ? b.minimumCalls
                : timeWindow ? DEFAULT_MINIMUM_CALLS : Math.min(windowSize, DEFAULT_MINIMUM_CALLS);
        this.failureRate = b.failureRate != null ? b.failureRate : DEFAULT_FAILURE_RATE;
        this.slowOverNanos = b.slowOverNanos != null ? b.slowOverNanos : 0L;
        this.slowRate = b.slowRate != null ? b.slowRate : DEFAULT_SLOW_RATE;
        this.openForNanos = b.openForNanos != null ? b.openForNanos : DEFAULT_OPEN_FOR_NANOS;
        this.halfOpenCalls = b.halfOpenCalls != null ? b.halfOpenCalls : DEFAULT_HALF_OPEN_CALLS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether recording an attempt needs its duration or the time: slow calls, or a time window. */
    public boolean needsClock() {
        return slowOverNanos > 0 || timeWindow;
    }

    public Scope scope() {
        return scope;
    }

    public boolean timeWindow() {
        return timeWindow;
    }

    /** Attempts (count window) or seconds (time window). */
    public int windowSize() {
        return windowSize;
    }

    public int minimumCalls() {
        return minimumCalls;
    }

    public double failureRate() {
        return failureRate;
    }

    /** 0: slow calls are not tracked. */
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
    public void writeKeys(Keys k) {
        k.put("scope", scope.name().toLowerCase(java.util.Locale.ROOT))
                .put("window.type", timeWindow ? "time" : "count")
                .put("window.size", timeWindow ? Durations.format(windowSize * 1_000_000_000L) : windowSize)
                .put("minimumCalls", minimumCalls)
                .put("failureRate", Durations.percent(failureRate))
                .put("slowCall.over", slowOverNanos > 0 ? Durations.format(slowOverNanos) : Keys.OFF)
                .put("slowCall.rate", Durations.percent(slowRate))
                .put("openFor", Durations.format(openForNanos))
                .put("halfOpenCalls", halfOpenCalls);
    }


    @Override
    public String toString() {
        return "breaker " + (timeWindow ? "last " + windowSize + "s" : "last " + windowSize + " attempts")
                + ", opens at " + Durations.percent(failureRate) + " failures"
                + (slowOverNanos > 0 ? " or " + Durations.percent(slowRate) + " over " + Durations.format(slowOverNanos) : "")
                + " of at least " + minimumCalls + ", for " + Durations.format(openForNanos)
                + ", " + halfOpenCalls + " probes" + (scope == Scope.METHOD ? ", per method" : scope == Scope.HOST ? ", per host" : "");
    }

    /**
     * Collects what a file gives; unset values take the defaults when built (a time window's size
     * defaults to 60 s, a count window's to 20 attempts, and minimumCalls to at most the window).
     */
    public static final class Builder {
        private Scope scope;
        private Boolean timeWindow;
        private Integer windowSize;
        private Integer minimumCalls;
        private Double failureRate;
        private Long slowOverNanos;
        private Double slowRate;
        private Long openForNanos;
        private Integer halfOpenCalls;

        private Builder() {
        }

        public Builder scope(Scope v) { scope = v; return this; }
        public Builder timeWindow(boolean v) { timeWindow = v; return this; }
        public Builder windowSize(int v) { windowSize = v; return this; }
        public Builder minimumCalls(int v) { minimumCalls = v; return this; }
        public Builder failureRate(double v) { failureRate = v; return this; }
        public Builder slowCall(long overNanos, double rate) { slowOverNanos = overNanos; slowRate = rate; return this; }
        public Builder openForNanos(long v) { openForNanos = v; return this; }
        public Builder halfOpenCalls(int v) { halfOpenCalls = v; return this; }

        /** A builder with this one's values and, where this one has none, {@code fallback}'s. */
        public Builder over(Builder fallback) {
            Builder b = new Builder();
            b.scope = scope != null ? scope : fallback.scope;
            b.timeWindow = timeWindow != null ? timeWindow : fallback.timeWindow;
            b.windowSize = windowSize != null ? windowSize : fallback.windowSize;
            b.minimumCalls = minimumCalls != null ? minimumCalls : fallback.minimumCalls;
            b.failureRate = failureRate != null ? failureRate : fallback.failureRate;
            b.slowOverNanos = slowOverNanos != null ? slowOverNanos : fallback.slowOverNanos;
            b.slowRate = slowRate != null ? slowRate : fallback.slowRate;
            b.openForNanos = openForNanos != null ? openForNanos : fallback.openForNanos;
            b.halfOpenCalls = halfOpenCalls != null ? halfOpenCalls : fallback.halfOpenCalls;
            return b;
        }

        public CircuitBreakerConfig build() {
            return new CircuitBreakerConfig(this);
        }
    }
}
