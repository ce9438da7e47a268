package dev.tenacious.discover;

import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.RetryConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The settings the starter file suggests from what was seen, each with the reason said beside it:
 * enough attempts that the methods' observed transient failure rate leaves about one call in a
 * thousand failing ({@link #TARGET_FAILING}), a retry budget large enough for the retries that rate needs, the
 * statuses to retry, and timeouts above the p99 where none was set.
 */
final class Suggested {
    /**
     * The share of calls left failing that {@link #maxAttempts} aims at: one in 1000. Below what an
     * operator would accept (one in 200), since a method's failure rate is an average over calls that
     * fail unevenly (some items, paths or hours more than others): its worst calls need more attempts.
     */
    static final double TARGET_FAILING = 0.001;
    static final int MAX_ATTEMPTS = 8;
    /** A method needs this many calls before its own failure rate decides the attempts. */
    static final int MIN_CALLS = 10;
    static final long MIN_TIMEOUT_NANOS = 1_000_000_000L;

    private Suggested() {
    }

    /** At this transient failure rate a dependency is down, not flaky: retries only add load. */
    static final double DOWN = 0.9;
    static final double MAX_RATIO = 2.0;

    /**
     * Attempts in all for a transient failure rate {@code p}; 0 when the default (3) is kept: nothing
     * failed, or so much that the dependency was down.
     */
    static int maxAttempts(double p) {
        if (p <= 0 || p >= DOWN) {
            return 0;
        }
        int n = (int) Math.ceil(Math.log(TARGET_FAILING) / Math.log(p));
        return Math.max(2, Math.min(MAX_ATTEMPTS, n));
    }

    /** About one call in how many still fails after {@code attempts} at rate {@code p}. */
    static long oneIn(double p, int attempts) {
        return Math.max(1, Math.round(1 / Math.pow(p, attempts)));
    }

    /**
     * The budget ratio for rate {@code p}: half as much again as the retries per call that rate needs
     * ({@code p / (1 - p)}), in tenths, at most {@link #MAX_RATIO}; 0 when the default (0.2) is enough
     * or the dependency was down.
     */
    static double budgetRatio(double p) {
        if (p <= 0 || p >= DOWN) {
            return 0;
        }
        double ratio = Math.ceil(retriesPerCall(p) * 1.5 * 10) / 10;
        return ratio <= BudgetConfig.DEFAULT_RATIO ? 0 : Math.min(MAX_RATIO, ratio);
    }

    /** The retries per call a failure rate needs, about: {@code p / (1 - p)}. */
    static double retriesPerCall(double p) {
        return p / (1 - p);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.1f", r);
    }

    /** The statuses to retry: the default list, and 408 if it was seen. */
    static List<Integer> statuses(Figures f) {
        TreeSet<Integer> s = new TreeSet<Integer>(HttpConfig.DEFAULT_STATUSES);
        if (f.statuses.containsKey("408")) {
            s.add(408);
        }
        return new ArrayList<Integer>(s);
    }

    /** The retried statuses that were seen, with counts: {@code 503 x 51, 502 x 3}. */
    static String retriedSeen(Figures f, List<Integer> statuses) {
        java.util.Map<String, Long> seen = new java.util.TreeMap<String, Long>();
        for (Integer s : statuses) {
            Long n = f.statuses.get(String.valueOf(s));
            if (n != null) {
                seen.put(String.valueOf(s), n);
            }
        }
        return seen.isEmpty() ? "" : Text.counts(seen, 8);
    }

    /** A timeout comfortably above the p99: three times it, at least a second, rounded up to 1, 2 or 5. */
    static String timeout(Figures f) {
        long p99 = f.p99();
        return Text.niceDuration(Math.max(MIN_TIMEOUT_NANOS, 3 * Math.max(0, p99)));
    }

    static int defaultAttempts() {
        return RetryConfig.DEFAULT_MAX_ATTEMPTS;
    }
}
