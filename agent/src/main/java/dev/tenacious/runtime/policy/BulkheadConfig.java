package dev.tenacious.runtime.policy;

/** A policy's {@code bulkhead}: at most {@code maxConcurrent} calls at once; a call waits up to {@code maxWait} for a place. */
public final class BulkheadConfig extends KeyedConfig {
    private final int maxConcurrent;
    private final long maxWaitNanos;

    public BulkheadConfig(int maxConcurrent, long maxWaitNanos) {
        this.maxConcurrent = maxConcurrent;
        this.maxWaitNanos = maxWaitNanos;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public long maxWaitNanos() {
        return maxWaitNanos;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("maxConcurrent", maxConcurrent).put("maxWait", Durations.format(maxWaitNanos));
    }


    @Override
    public String toString() {
        return "bulkhead " + maxConcurrent + (maxWaitNanos > 0 ? " (wait up to " + Durations.format(maxWaitNanos) + ")" : "");
    }
}
