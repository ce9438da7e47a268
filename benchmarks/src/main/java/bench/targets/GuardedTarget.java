package bench.targets;

/** Matched by a policy with a circuit breaker and a bulkhead as well as retry. */
public class GuardedTarget {
    public int compute(int v) {
        return v * 31 + 7;
    }
}
