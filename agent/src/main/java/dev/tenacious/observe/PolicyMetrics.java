package dev.tenacious.observe;

import dev.tenacious.runtime.CircuitBreaker;
import dev.tenacious.runtime.PolicyState;

/** The JMX view of one {@link PolicyState}: every read is live. */
public final class PolicyMetrics implements PolicyMetricsMBean {
    private final PolicyState s;

    public PolicyMetrics(PolicyState s) {
        this.s = s;
    }

    @Override
    public long getCalls() {
        return s.calls();
    }

    @Override
    public long getFirstTrySuccesses() {
        return s.firstTrySuccesses();
    }

    @Override
    public long getSuccessesAfterRetry() {
        return s.recovered();
    }

    @Override
    public long getFailedCalls() {
        return s.failedCalls();
    }

    @Override
    public double getSuccessRate() {
        return s.successRate();
    }

    @Override
    public long getExhausted() {
        return s.exhausted();
    }

    @Override
    public long getAborted() {
        return s.aborted();
    }

    @Override
    public long getUnclassified() {
        return s.unclassified();
    }

    @Override
    public long getNotRetryable() {
        return s.vetoed();
    }

    @Override
    public long getRejectedOpen() {
        return s.rejectedOpen();
    }

    @Override
    public long getRejectedFull() {
        return s.rejectedFull();
    }

    @Override
    public long getRejectedBudget() {
        return s.budgetRejected();
    }

    @Override
    public long getFallbacks() {
        return s.fallbacks();
    }

    @Override
    public long getRetries() {
        return s.retries();
    }

    @Override
    public long getAttempts() {
        return s.calls() + s.retries();
    }

    @Override
    public String getAttemptsPerCall() {
        StringBuilder b = new StringBuilder("1=").append(s.calls() - s.failedFirst() - s.rejectedOpen() - s.rejectedFull()
                + Math.max(0, s.failedFirst() - sumAfter()));
        for (int n = 2; n <= 9; n++) {
            b.append(' ').append(n).append(n == 9 ? "+=" : "=").append(s.callsEndedAfter(n));
        }
        return b.toString();
    }

    private long sumAfter() {
        long sum = 0;
        for (int n = 2; n <= 9; n++) {
            sum += s.callsEndedAfter(n);
        }
        return sum;
    }

    @Override
    public String getBreakerState() {
        CircuitBreaker b = s.breaker();
        return b == null ? "NONE" : b.state().name();
    }

    @Override
    public long getBreakerTransitions() {
        CircuitBreaker b = s.breaker();
        return b == null ? 0 : b.transitions();
    }

    @Override
    public double getCallLatencyP50Millis() {
        return s.callLatency().quantileSeconds(0.5) * 1000;
    }

    @Override
    public double getCallLatencyP99Millis() {
        return s.callLatency().quantileSeconds(0.99) * 1000;
    }

    @Override
    public double getAttemptLatencyP50Millis() {
        return s.attemptLatency().quantileSeconds(0.5) * 1000;
    }

    @Override
    public double getAttemptLatencyP99Millis() {
        return s.attemptLatency().quantileSeconds(0.99) * 1000;
    }

    @Override
    public double getBackoffSeconds() {
        return s.backoffNanos() / 1e9;
    }

    @Override
    public long getRecoveries() {
        return s.recoveries();
    }

    @Override
    public double getLastRecoverySeconds() {
        return s.lastRecoveryNanos() / 1e9;
    }

    @Override
    public double getMeanRecoverySeconds() {
        long n = s.recoveries();
        return n == 0 ? 0 : s.recoveryNanosTotal() / 1e9 / n;
    }

    @Override
    public double getRecentFailureRate() {
        return s.recentFailureRate();
    }

    @Override
    public long getChaosFaults() {
        return s.chaosFaults();
    }

    @Override
    public long getChaosDelays() {
        return s.chaosDelays();
    }

    @Override
    public double getAgentOverheadSeconds() {
        return s.agentNanos() / 1e9;
    }
}
