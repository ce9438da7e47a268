package dev.tenacious.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The line {@code status} prints for one policy, from its MBean's attributes. Latencies come with the
 * number of calls they were read from (they are sampled, and a percentile of three calls says little),
 * and every duration is rounded to a few digits with its unit.
 */
final class StatusLine {
    /** The attributes the line reads, in one JMX request. */
    static final String[] ATTRIBUTES = {"Calls", "SuccessRate", "Retries", "AttemptsPerCall", "BreakerState",
            "CallLatencyP50Millis", "CallLatencyP99Millis", "CallLatencySamples", "Recoveries", "LastRecoverySeconds",
            "MeanRecoverySeconds", "RejectedOpen", "RejectedFull", "RejectedBudget"};

    private StatusLine() {
    }

    /** @param a attribute name to value; an attribute the target's agent lacks (an older version) is absent */
    static String of(String policy, Map<String, Object> a) {
        StringBuilder b = new StringBuilder("policy ").append(policy).append(": ")
                .append(count(a.get("Calls"), "call", "calls"))
                .append(", success rate ").append(percent(a.get("SuccessRate")))
                .append(", ").append(count(a.get("Retries"), "retry", "retries"))
                .append(", attempts per call ").append(a.get("AttemptsPerCall"))
                .append(", breaker ").append(a.get("BreakerState"))
                .append(", ").append(latency(a))
                .append(", ").append(recoveries(a))
                .append(", refused: ").append(a.get("RejectedOpen")).append(" open, ").append(a.get("RejectedFull"))
                .append(" full, ").append(a.get("RejectedBudget")).append(" budget");
        return b.toString();
    }

    private static String latency(Map<String, Object> a) {
        Object samples = a.get("CallLatencySamples");
        if (samples instanceof Number && ((Number) samples).longValue() == 0) {
            return "no sampled calls yet";
        }
        String percentiles = "call p50/p99 " + duration(millis(a.get("CallLatencyP50Millis")) / 1000)
                + "/" + duration(millis(a.get("CallLatencyP99Millis")) / 1000);
        return samples instanceof Number ? percentiles + " of " + count(samples, "sampled call", "sampled calls") : percentiles;
    }

    private static String recoveries(Map<String, Object> a) {
        Object n = a.get("Recoveries");
        if (n instanceof Number && ((Number) n).longValue() == 0) {
            return "no recoveries";
        }
        return count(n, "recovery", "recoveries") + " (last " + duration(seconds(a.get("LastRecoverySeconds")))
                + ", mean " + duration(seconds(a.get("MeanRecoverySeconds"))) + ")";
    }

    /**
     * A duration to about three significant digits, with its unit: {@code 850us}, {@code 4.9ms},
     * {@code 487ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}; {@code -} when unknown.
     */
    static String duration(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "-";
        }
        if (seconds < 0.001) {
            return Math.round(seconds * 1e6) + "us";
        }
        if (seconds < 0.09995) {
            return String.format(Locale.ROOT, "%.1fms", seconds * 1000);
        }
        if (seconds < 0.9995) {
            return Math.round(seconds * 1000) + "ms";
        }
        if (seconds < 59.95) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        long m = Math.round(seconds / 60);
        return String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
    }

    private static String count(Object n, String one, String many) {
        return n + " " + (n instanceof Number && ((Number) n).longValue() == 1 ? one : many);
    }

    private static String percent(Object rate) {
        return rate instanceof Number ? String.format(Locale.ROOT, "%.2f%%", ((Number) rate).doubleValue() * 100) : "-";
    }

    private static double millis(Object v) {
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    private static double seconds(Object v) {
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }
}
