package bench.targets;

/** Matched by the benchmark policy: its method is woven. */
public class WovenTarget {
    public int compute(int v) {
        return v * 31 + 7;
    }
}
