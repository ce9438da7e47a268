package dev.tenacious.runtime.policy;

/**
 * A retry budget as Finagle's {@code RetryBudget} and Envoy's {@code retry_budget} define it: over a
 * sliding 10 s window, retries may be at most {@code ratio} times the logical calls made plus
 * {@code minPerSecond * 10}, so a full outage cannot multiply the load on a struggling dependency.
 */
public final class BudgetConfig implements Keys.Section {
    public static final double DEFAULT_RATIO = 0.2;
    public static final int DEFAULT_MIN_PER_SECOND = 10;
    public static final int WINDOW_SECONDS = 10;

    public static final BudgetConfig DEFAULT = new BudgetConfig(true, DEFAULT_RATIO, DEFAULT_MIN_PER_SECOND);
    public static final BudgetConfig OFF = new BudgetConfig(false, 0, 0);

    private final boolean enabled;
    private final double ratio;
    private final int minPerSecond;

    public BudgetConfig(boolean enabled, double ratio, int minPerSecond) {
        this.enabled = enabled;
        this.ratio = ratio;
        this.minPerSecond = minPerSecond;
    }

    public boolean enabled() {
        return enabled;
    }

    public double ratio() {
        return ratio;
    }

    public int minPerSecond() {
        return minPerSecond;
    }

    /** Retries allowed in a window in which {@code calls} logical calls were made. */
    public double allowance(long calls) {
        return ratio * calls + (double) minPerSecond * WINDOW_SECONDS;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("ratio", Durations.percent(ratio)).put("minPerSecond", minPerSecond);
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "budget off";
        }
        return "budget " + Math.round(ratio * 100) + "% of calls + " + minPerSecond + "/s";
    }
}
