package dev.tenacious.runtime;

/**
 * What a preset knows about the library calls it weaves (an HTTP client's send, a JDBC statement's
 * execute): which remote host a call goes to, which results are failures, which failures its own
 * rules decide, and when a call must not be retried at all. Implementations reach the library's
 * types by reflection, since the runtime lives on the bootstrap class path, where those types are not
 * visible. Every method is called with the woven method's receiver and its first two arguments.
 */
public abstract class Preset {
    private final String name;

    protected Preset(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    /** The remote host of the call, lower case, or null if it has none (JDBC). */
    public String host(Object self, Object a0, Object a1) {
        return null;
    }

    /**
     * Why this call may not be retried whatever happens (a POST without an Idempotency-Key, a body
     * that cannot be sent twice), or null.
     */
    public String vetoAtEntry(Object self, Object a0, Object a1, HttpConfig http) {
        return null;
    }

    /**
     * Why this failure may not be retried, asked when the call has failed (a JDBC connection inside a
     * transaction), or null.
     */
    public String vetoOnFailure(Object self, Throwable failure) {
        return null;
    }

    /** The HTTP status of a result the call returned, or -1 if it has none. */
    public int status(Object result) {
        return -1;
    }

    /** The delay a result asks for (Retry-After), in nanoseconds, or -1. */
    public long retryAfterNanos(Object result, long nowMillis) {
        return -1;
    }

    /** Releases a result that is about to be retried, so its connection goes back to the pool. */
    public void discard(Object result) {
    }

    /**
     * The preset's own rule for a failure: {@link Classification#TRANSIENT}, {@link Classification#PERMANENT},
     * or null when the policy's lists decide.
     */
    public Classification classify(Throwable failure) {
        return null;
    }

    /**
     * Calls the woven method again, for an asynchronous retry (the caller marks the thread so the woven
     * entry lets the call through untouched).
     */
    public Object invokeAgain(Object self, Object a0, Object a1) throws Throwable {
        throw new UnsupportedOperationException(name + " has no asynchronous retry");
    }

    /**
     * The first argument with the policy's {@code http.timeouts} applied where the application set
     * none (a copy of an immutable request); the argument itself if there is nothing to change.
     */
    public Object withTimeouts(Object self, Object a0, Object a1, HttpConfig http) throws Exception {
        return a0;
    }

    @Override
    public String toString() {
        return name;
    }
}
