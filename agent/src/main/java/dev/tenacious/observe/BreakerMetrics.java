package dev.tenacious.observe;

import dev.tenacious.runtime.breaker.CircuitBreaker;

/** The JMX view of one per-method breaker. */
public final class BreakerMetrics implements BreakerMetricsMBean {
    private final CircuitBreaker breaker;

    public BreakerMetrics(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public String getState() {
        return breaker.state().name();
    }

    @Override
    public long getTransitions() {
        return breaker.transitions();
    }

    @Override
    public long getRejected() {
        return breaker.rejected();
    }
}
