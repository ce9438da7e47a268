package dev.tenacious.runtime.policy;

/** Formats durations and rates the way the policy file writes them. */
public final class Durations {
    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos == 0) {
            return "0ms";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return (nanos / 1000) / 1000.0 + "ms";
    }

    /** {@code 0.5} as {@code 50%}. */
    public static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
