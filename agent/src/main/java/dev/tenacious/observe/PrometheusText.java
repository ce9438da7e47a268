package dev.tenacious.observe;

import dev.tenacious.runtime.CircuitBreaker;
import dev.tenacious.runtime.LatencyHistogram;
import dev.tenacious.runtime.PolicyState;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders every policy's figures in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
    private PrometheusText() {
    }

    public static String render(List<PolicyState> states) {
        StringBuilder b = new StringBuilder();
        family(b, "tenacious_calls_total", "counter", "Logical calls by outcome as the caller saw it.");
        for (PolicyState s : states) {
            String p = label(s.name());
            sample(b, "tenacious_calls_total", p + ",outcome=\"first_try_success\"", s.firstTrySuccesses());
            sample(b, "tenacious_calls_total", p + ",outcome=\"success_after_retry\"", s.recovered());
            sample(b, "tenacious_calls_total", p + ",outcome=\"failed\"", Math.max(0, s.failedFirst() - s.recovered()));
            sample(b, "tenacious_calls_total", p + ",outcome=\"rejected_open\"", s.rejectedOpen());
            sample(b, "tenacious_calls_total", p + ",outcome=\"rejected_full\"", s.rejectedFull());
        }
        family(b, "tenacious_call_endings_total", "counter", "Why calls that failed stopped retrying.");
        for (PolicyState s : states) {
            String p = label(s.name());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"exhausted\"", s.exhausted());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"aborted\"", s.aborted());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"unclassified\"", s.unclassified());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"not_retryable\"", s.vetoed());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"budget\"", s.budgetRejected());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"deadline\"", s.deadlineReached());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"breaker\"", s.breakerRefused());
            sample(b, "tenacious_call_endings_total", p + ",reason=\"interrupted\"", s.interrupted());
        }
        simple(b, states, "tenacious_retries_total", "counter", "Retries (attempts after the first).", Kind.RETRIES);
        simple(b, states, "tenacious_attempts_total", "counter", "Attempts, retries included.", Kind.ATTEMPTS);
        simple(b, states, "tenacious_fallbacks_total", "counter", "Fallback results or exceptions handed to callers.", Kind.FALLBACKS);
        simple(b, states, "tenacious_would_retry_total", "counter", "Retries observe mode would have made.", Kind.WOULD_RETRY);
        simple(b, states, "tenacious_chaos_faults_total", "counter", "Exceptions injected by chaos rehearsals, not real failures.", Kind.CHAOS_FAULTS);
        simple(b, states, "tenacious_chaos_delays_total", "counter", "Delays injected by chaos rehearsals.", Kind.CHAOS_DELAYS);
        simple(b, states, "tenacious_success_ratio", "gauge", "Share of calls that succeeded, after retries.", Kind.SUCCESS);
        simple(b, states, "tenacious_backoff_seconds_total", "counter", "Time callers spent waiting between attempts.", Kind.BACKOFF);
        simple(b, states, "tenacious_recent_failure_ratio", "gauge", "Share of failed attempts over the last 10 s.", Kind.RECENT);
        simple(b, states, "tenacious_agent_seconds_total", "counter",
                "Time in the agent's own code on calls off the happy path, backoff excluded.", Kind.AGENT);
        family(b, "tenacious_calls_by_attempts_total", "counter", "Calls by the number of attempts they made.");
        for (PolicyState s : states) {
            String p = label(s.name());
            long after = 0;
            for (int n = 2; n <= 9; n++) {
                after += s.callsEndedAfter(n);
            }
            sample(b, "tenacious_calls_by_attempts_total", p + ",attempts=\"1\"",
                    s.firstTrySuccesses() + Math.max(0, s.failedFirst() - after));
            for (int n = 2; n <= 9; n++) {
                sample(b, "tenacious_calls_by_attempts_total", p + ",attempts=\"" + n + (n == 9 ? "+" : "") + "\"",
                        s.callsEndedAfter(n));
            }
        }
        family(b, "tenacious_breaker_state", "gauge", "1 for the breaker's current state.");
        for (PolicyState s : states) {
            breakerStates(b, label(s.name()), s.breaker());
            for (Map.Entry<String, CircuitBreaker> e : s.methodBreakers().entrySet()) {
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
        simple(b, states, "tenacious_last_recovery_seconds", "gauge", "Recovery time of the last outage.", Kind.LAST_RECOVERY);
        return b.toString();
    }

    private enum Kind { RETRIES, ATTEMPTS, FALLBACKS, WOULD_RETRY, CHAOS_FAULTS, CHAOS_DELAYS, SUCCESS, BACKOFF, RECENT, AGENT, LAST_RECOVERY }

    private static void simple(StringBuilder b, List<PolicyState> states, String name, String type, String help, Kind kind) {
        family(b, name, type, help);
        for (PolicyState s : states) {
            double v;
            switch (kind) {
                case RETRIES:
                    v = s.retries();
                    break;
                case ATTEMPTS:
                    v = s.calls() + s.retries();
                    break;
                case FALLBACKS:
                    v = s.fallbacks();
                    break;
                case WOULD_RETRY:
                    v = s.wouldRetry();
                    break;
                case CHAOS_FAULTS:
                    v = s.chaosFaults();
                    break;
                case CHAOS_DELAYS:
                    v = s.chaosDelays();
                    break;
                case SUCCESS:
                    v = s.successRate();
                    break;
                case BACKOFF:
                    v = s.backoffNanos() / 1e9;
                    break;
                case RECENT:
                    v = s.recentFailureRate();
                    break;
                case AGENT:
                    v = s.agentNanos() / 1e9;
                    break;
                default:
                    v = s.lastRecoveryNanos() / 1e9;
            }
            sample(b, name, label(s.name()), v);
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
