package dev.tenacious.runtime;

/** Formats nanosecond durations the way the policy file writes them. */
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
}
