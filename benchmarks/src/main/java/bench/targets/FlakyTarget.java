package bench.targets;

/**
 * Matched by the failure benchmark's retry policy (zero backoff, budget off): its method is woven.
 * The operation fails on its first run and succeeds on its second: the benchmark resets {@link #runs}
 * before each operation and checks it after.
 */
public class FlakyTarget {
    /** Runs of the body since the benchmark last reset it. */
    public int runs;
    /** Whether the failure is stackless (else its stack trace is filled, as most exceptions' are). */
    public boolean stackless;

    public int call() {
        if (++runs == 1) {
            throw new FlakyFailure(!stackless);
        }
        return runs;
    }
}
