package bench.targets;

/** Matched by a policy with a count-window circuit breaker as well as retry (no bulkhead). */
public class BreakerTarget {
    public int compute(int v) {
        return v * 31 + 7;
    }
}
