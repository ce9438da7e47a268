package bench.targets;

/** The same method, matched by no policy: the baseline. */
public class PlainTarget {
    public int compute(int v) {
        return v * 31 + 7;
    }
}
