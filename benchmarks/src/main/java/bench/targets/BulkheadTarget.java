package bench.targets;

/** Matched by a policy with a bulkhead as well as retry (no breaker). */
public class BulkheadTarget {
    public int compute(int v) {
        return v * 31 + 7;
    }
}
