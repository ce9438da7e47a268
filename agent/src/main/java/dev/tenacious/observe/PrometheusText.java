package dev.tenacious.observe;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.LatencyHistogram;
import dev.tenacious.runtime.decision.PolicyState;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders every policy's figures in the Prometheus text exposition format (version 0.0.4). Each
 * {@link Decision} is a sample of the family it names: in {@code tenacious_calls_total} by outcome,
 * in {@code tenacious_call_endings_total} by reason, or a family of its own.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    public static String render(List<PolicyState> states) {
        StringBuilder b = new StringBuilder();
        family(b, Decision.CALLS, "counter", "Logical calls by outcome as the caller saw it.");
        for (PolicyState s : states) {
            String p = label(s.name());
            sample(b, Decision.CALLS, p + ",outcome=\"first_try_success\"", s.firstTrySuccesses());
            decisions(b, Decision.CALLS, "outcome", p, s);
            sample(b, Decision.CALLS, p + ",outcome=\"failed\"", s.failedAfterAttempts());
        }
        family(b, Decision.ENDINGS, "counter", "Why calls that failed stopped retrying.");
        for (PolicyState s : states) {
            decisions(b, Decision.ENDINGS, "reason", label(s.name()), s);
        }
        Set<String> own = new LinkedHashSet<String>();
        for (Decision d : Decision.values()) {
            if (d.metricLabel == null && own.add(d.metric)) {
                family(b, d.metric, "counter", d.help);
                for (PolicyState s : states) {
                    sample(b, d.metric, label(s.name()), s.count(d));
                }
            }
        }
        family(b, "tenacious_attempts_total", "counter", "Attempts, retries included.");
        for (PolicyState s : states) {
            sample(b, "tenacious_attempts_total", label(s.name()), s.attempts());
        }
        family(b, "tenacious_inner_calls_total", "counter",
                "HTTP requests and JDBC statements made inside the woven methods, their attempts included.");
        for (PolicyState s : states) {
            sample(b, "tenacious_inner_calls_total", label(s.name()), s.innerCalls());
        }
        family(b, "tenacious_success_ratio", "gauge", "Share of calls that succeeded, after retries.");
        for (PolicyState s : states) {
            sample(b, "tenacious_success_ratio", label(s.name()), s.successRate());
        }
        family(b, "tenacious_backoff_seconds_total", "counter", "Time callers spent waiting between attempts.");
        for (PolicyState s : states) {
            sample(b, "tenacious_backoff_seconds_total", label(s.name()), s.backoffNanos() / 1e9);
        }
        family(b, "tenacious_recent_failure_ratio", "gauge", "Share of failed attempts over the last 10 s.");
        for (PolicyState s : states) {
            sample(b, "tenacious_recent_failure_ratio", label(s.name()), s.recentFailureRate());
        }
        family(b, "tenacious_agent_seconds_total", "counter",
                "Time in the agent's own code on calls off the happy path, backoff excluded.");
        for (PolicyState s : states) {
            sample(b, "tenacious_agent_seconds_total", label(s.name()), s.agentNanos() / 1e9);
        }
        family(b, "tenacious_calls_by_attempts_total", "counter", "Calls by the number of attempts they made.");
        for (PolicyState s : states) {
            for (int n = 1; n <= PolicyState.MAX_COUNTED_ATTEMPTS; n++) {
                sample(b, "tenacious_calls_by_attempts_total", label(s.name()) + ",attempts=\"" + n
                        + (n == PolicyState.MAX_COUNTED_ATTEMPTS ? "+" : "") + "\"", s.callsEndedAfter(n));
            }
        }
        family(b, "tenacious_breaker_state", "gauge", "1 for the breaker's current state.");
        for (PolicyState s : states) {
            breakerStates(b, label(s.name()), s.breaker());
            for (Map.Entry<String, CircuitBreaker> e : s.keyedBreakers().entrySet()) {
                breakerStates(b, label(s.name()) + ",method=\"" + escape(e.getKey()) + "\"", e.getValue());
            }
        }
        family(b, "tenacious_breaker_transitions_total", "counter", "Breaker state changes.");
        for (PolicyState s : states) {
            CircuitBreaker br = s.breaker();
            if (br != null) {
                sample(b, "tenacious_breaker_transitions_total", label(s.name()), br.transitions());
            }
        }
        latency(b, states, "tenacious_call_duration_seconds", "Whole calls, retries and backoff included (sampled).", true);
        latency(b, states, "tenacious_attempt_duration_seconds", "Single attempts (sampled).", false);
        family(b, "tenacious_recovery_seconds", "summary", "From the first failure of an outage to the next success.");
        for (PolicyState s : states) {
            String p = label(s.name());
            sample(b, "tenacious_recovery_seconds_sum", p, s.recoveryNanosTotal() / 1e9);
            sample(b, "tenacious_recovery_seconds_count", p, s.recoveries());
        }
        family(b, "tenacious_last_recovery_seconds", "gauge", "Recovery time of the last outage.");
        for (PolicyState s : states) {
            sample(b, "tenacious_last_recovery_seconds", label(s.name()), s.lastRecoveryNanos() / 1e9);
        }
        return b.toString();
    }

    /** The samples of the decisions that belong to a shared family, labelled by their name there. */
    private static void decisions(StringBuilder b, String family, String labelName, String policy, PolicyState s) {
        for (Decision d : Decision.values()) {
            if (d.metric.equals(family) && d.metricLabel != null) {
                sample(b, family, policy + "," + labelName + "=\"" + d.metricLabel + "\"", s.count(d));
            }
        }
    }

    private static void breakerStates(StringBuilder b, String labels, CircuitBreaker br) {
        if (br == null) {
            return;
        }
        for (CircuitBreaker.State st : CircuitBreaker.State.values()) {
            sample(b, "tenacious_breaker_state", labels + ",state=\"" + st.name().toLowerCase(Locale.ROOT) + "\"",
                    br.state() == st ? 1 : 0);
        }
    }

    private static void latency(StringBuilder b, List<PolicyState> states, String name, String help, boolean calls) {
        family(b, name, "summary", help);
        for (PolicyState s : states) {
            LatencyHistogram h = calls ? s.callLatency() : s.attemptLatency();
            String p = label(s.name());
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                sample(b, name, p + ",quantile=\"" + q + "\"", h.quantileSeconds(q));
            }
            sample(b, name + "_count", p, h.count());
        }
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        b.append(name).append('{').append(labels).append("} ");
        if (Double.isNaN(value)) {
            b.append("NaN");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            b.append((long) value);
        } else {
            b.append(String.format(Locale.ROOT, "%.6g", value));
        }
        b.append('\n');
    }

    private static String label(String policy) {
        return "policy=\"" + escape(policy) + "\"";
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
