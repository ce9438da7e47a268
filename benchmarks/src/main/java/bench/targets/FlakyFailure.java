package bench.targets;

/**
 * The failure every failure-path benchmark throws once per operation: with its stack trace filled (as
 * most application exceptions are), or stackless (the cost of the retry machinery alone).
 */
public class FlakyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlakyFailure(boolean filled) {
        super("fails once", null, false, filled);
    }
}
