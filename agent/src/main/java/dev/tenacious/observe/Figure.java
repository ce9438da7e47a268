package dev.tenacious.observe;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.PolicyState;

/**
 * The figures of a policy's MBean that are not one decision's count: calls, rates, latencies,
 * recovery, the breaker's state. Each is read live from {@link PolicyState}, which computes the
 * derived ones once for every surface.
 */
enum Figure {
    CALLS("Calls", long.class, "Logical calls made (retries not included)") {
        @Override
        Object read(PolicyState s) {
            return s.calls();
        }
    },
    FIRST_TRY_SUCCESSES("FirstTrySuccesses", long.class, "Calls that succeeded first time") {
        @Override
        Object read(PolicyState s) {
            return s.firstTrySuccesses();
        }
    },
    FAILED_CALLS("FailedCalls", long.class, "Calls whose caller got an exception or a fallback") {
        @Override
        Object read(PolicyState s) {
            return s.failedCalls();
        }
    },
    SUCCESS_RATE("SuccessRate", double.class, "Success rate seen by callers after retries (0..1)") {
        @Override
        Object read(PolicyState s) {
            return s.successRate();
        }
    },
    ATTEMPTS("Attempts", long.class, "Attempts, retries included") {
        @Override
        Object read(PolicyState s) {
            return s.attempts();
        }
    },
    INNER_CALLS("InnerCalls", long.class, "HTTP requests and JDBC statements made inside the woven methods (their attempts included)") {
        @Override
        Object read(PolicyState s) {
            return s.innerCalls();
        }
    },
    ATTEMPTS_PER_CALL("AttemptsPerCall", String.class, "Calls by attempts made, 1=N 2=N ... 9+=N") {
        @Override
        Object read(PolicyState s) {
            StringBuilder b = new StringBuilder();
            for (int n = 1; n <= PolicyState.MAX_COUNTED_ATTEMPTS; n++) {
                b.append(n == 1 ? "" : " ").append(n).append(n == PolicyState.MAX_COUNTED_ATTEMPTS ? "+=" : "=")
                        .append(s.callsEndedAfter(n));
            }
            return b.toString();
        }
    },
    BREAKER_STATE("BreakerState", String.class, "CLOSED, OPEN, HALF_OPEN, or NONE without a policy-scope breaker") {
        @Override
        Object read(PolicyState s) {
            CircuitBreaker b = s.breaker();
            return b == null ? "NONE" : b.state().name();
        }
    },
    BREAKER_TRANSITIONS("BreakerTransitions", long.class, "State changes of the policy-scope breaker") {
        @Override
        Object read(PolicyState s) {
            CircuitBreaker b = s.breaker();
            return b == null ? 0L : b.transitions();
        }
    },
    CALL_SAMPLES("CallLatencySamples", long.class, "Calls timed for the call latencies (one in 64 per thread, or all with maxDuration or a slow-call breaker)") {
        @Override
        Object read(PolicyState s) {
            return s.callLatency().count();
        }
    },
    CALL_P50("CallLatencyP50Millis", double.class, "Median of whole calls, retries and backoff included (sampled)") {
        @Override
        Object read(PolicyState s) {
            return s.callLatency().quantileSeconds(0.5) * 1000;
        }
    },
    CALL_P99("CallLatencyP99Millis", double.class, "99th percentile of whole calls (sampled)") {
        @Override
        Object read(PolicyState s) {
            return s.callLatency().quantileSeconds(0.99) * 1000;
        }
    },
    ATTEMPT_SAMPLES("AttemptLatencySamples", long.class, "Attempts timed for the attempt latencies") {
        @Override
        Object read(PolicyState s) {
            return s.attemptLatency().count();
        }
    },
    ATTEMPT_P50("AttemptLatencyP50Millis", double.class, "Median of single attempts (sampled)") {
        @Override
        Object read(PolicyState s) {
            return s.attemptLatency().quantileSeconds(0.5) * 1000;
        }
    },
    ATTEMPT_P99("AttemptLatencyP99Millis", double.class, "99th percentile of single attempts (sampled)") {
        @Override
        Object read(PolicyState s) {
            return s.attemptLatency().quantileSeconds(0.99) * 1000;
        }
    },
    BACKOFF("BackoffSeconds", double.class, "Time callers spent waiting between attempts") {
        @Override
        Object read(PolicyState s) {
            return s.backoffNanos() / 1e9;
        }
    },
    RECOVERIES("Recoveries", long.class, "Outages that ended with a success") {
        @Override
        Object read(PolicyState s) {
            return s.recoveries();
        }
    },
    LAST_RECOVERY("LastRecoverySeconds", double.class, "Time from the first failure of the last outage to the next success") {
        @Override
        Object read(PolicyState s) {
            return s.lastRecoveryNanos() / 1e9;
        }
    },
    MEAN_RECOVERY("MeanRecoverySeconds", double.class, "Mean recovery time") {
        @Override
        Object read(PolicyState s) {
            long n = s.recoveries();
            return n == 0 ? 0.0 : s.recoveryNanosTotal() / 1e9 / n;
        }
    },
    RECENT_FAILURE_RATE("RecentFailureRate", double.class, "Share of failed attempts over the last 10 s (adaptive backoff)") {
        @Override
        Object read(PolicyState s) {
            return s.recentFailureRate();
        }
    },
    AGENT_OVERHEAD("AgentOverheadSeconds", double.class,
            "Time in the agent's own code on calls that left the happy path, backoff sleeps excluded") {
        @Override
        Object read(PolicyState s) {
            return s.agentNanos() / 1e9;
        }
    };

    final String jmxName;
    /** long, double or String. */
    final Class<?> type;
    final String description;

    Figure(String jmxName, Class<?> type, String description) {
        this.jmxName = jmxName;
        this.type = type;
        this.description = description;
    }

    abstract Object read(PolicyState s);
}
