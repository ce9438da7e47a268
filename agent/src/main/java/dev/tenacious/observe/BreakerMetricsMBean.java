package dev.tenacious.observe;

/** One circuit breaker of a {@code scope: method} or {@code scope: host} policy, {@code tenacious:type=Breaker,policy=...,method=...}. */
public interface BreakerMetricsMBean {
    String getState();

    long getTransitions();

    long getRejected();
}
