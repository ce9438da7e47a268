package dev.tenacious.runtime.policy;

/**
 * A policy's {@code chaos} block: before a share {@code rate} of attempts, wait {@code delay} and/or
 * throw a new {@code throw} type instead of making the real call. Inert unless {@code settings.chaos}.
 */
public final class ChaosConfig implements Keys.Section {
    private final double rate;
    private final String throwType;
    private final long delayNanos;

    public ChaosConfig(double rate, String throwType, long delayNanos) {
        this.rate = rate;
        this.throwType = throwType;
        this.delayNanos = delayNanos;
    }

    public double rate() {
        return rate;
    }

    /** Null: delay only. */
    public String throwType() {
        return throwType;
    }

    public long delayNanos() {
        return delayNanos;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("rate", Durations.percent(rate)).put("throw", throwType != null ? throwType : Keys.OFF)
                .put("delay", Durations.format(delayNanos));
    }

    @Override
    public String toString() {
        return "chaos " + Durations.percent(rate) + " of attempts: "
                + (delayNanos > 0 ? "delay " + Durations.format(delayNanos) + (throwType != null ? " then " : "") : "")
                + (throwType != null ? "throw " + throwType : "");
    }
}
