package dev.tenacious.runtime;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;

import java.util.Collections;
import java.util.List;

/**
 * Everything the agent knows about one library's calls (an HTTP client's send, a JDBC statement's
 * execute): which methods to weave, which remote host a call goes to, which results are failures,
 * which failures its own rules decide, when a call must not be retried at all, and how a retry is
 * made. One subclass per preset, each in its own package under {@code dev.tenacious.presets}, which
 * lists them all. Implementations reach the library's types by reflection, since the runtime lives
 * on the bootstrap class path, where those types are not visible. The call methods get the woven
 * method's receiver and its first two arguments.
 */
public abstract class Preset {
    /** How a failed call is tried again. */
    public enum Reissue {
        /** The woven method's body runs again with the same arguments. */
        RERUN_BODY,
        /** The call object is single-use: every retry is a new call, made by {@link #invokeAgain}. */
        NEW_CALL
    }

    private final String name;

    protected Preset(String name) {
        this.name = name;
    }

    /** The name a policy file uses ({@code preset: jdbc}). */
    public final String name() {
        return name;
    }

    /** The methods the preset weaves, as match rules written at {@code where} (the policy's match entry). */
    public List<MatchRule> targets(String where) {
        return Collections.emptyList();
    }

    /** The oldest Java feature version the library runs on (8 unless the preset says otherwise). */
    public int minimumJava() {
        return 8;
    }

    /** Whether the policy's {@code http} block (hosts, statuses, idempotency, timeouts) applies to its calls. */
    public boolean readsHttp() {
        return false;
    }

    public Reissue reissue() {
        return Reissue.RERUN_BODY;
    }

    /** The remote host of the call, lower case, or null if it has none (JDBC). */
    public String host(Object self, Object a0, Object a1) {
        return null;
    }

    /**
     * The remote port of the call (the scheme's default when its URL gives none), or -1 if it has none
     * or it cannot be read: discovery names a dependency by host and port.
     */
    public int port(Object self, Object a0, Object a1) {
        return -1;
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

    /**
     * {@link #vetoOnFailure(Object, Throwable)} with the call's first two arguments, for presets whose
     * rule depends on them (a Spring transaction's rollback rules are those of the invoked method).
     */
    public String vetoOnFailure(Object self, Object a0, Object a1, Throwable failure) {
        return vetoOnFailure(self, failure);
    }

    /**
     * Prepares a call before its body runs, whether it is the outermost preset call on its thread or
     * runs untouched inside another one (a JDBC statement inside a transaction that {@code spring-tx}
     * guards): the {@code jdbc} preset applies the policy's query timeout here. Called on every call of
     * a woven method, so it must be cheap when there is nothing to do, and must not throw.
     *
     * @param policy the policy the call runs under (for an inner call: the site's first policy)
     */
    public void prepare(Object self, Object a0, Object a1, Policy policy) {
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
     * Makes the call again, as a new call: for {@link Reissue#NEW_CALL} presets and for asynchronous
     * retries. The caller marks the thread, so the woven method this reaches runs untouched.
     */
    public Object invokeAgain(Object self, Object a0, Object a1) throws Throwable {
        throw new UnsupportedOperationException(name + " cannot make a call again");
    }

    /** As {@link #invokeAgain(Object, Object, Object)}, for a preset that applies the policy's timeouts to the new call. */
    public Object invokeAgain(Object self, Object a0, Object a1, HttpConfig http) throws Throwable {
        return invokeAgain(self, a0, a1);
    }

    /**
     * The first argument with the policy's {@code http.timeouts} applied where the application set
     * none (a copy of an immutable request); the argument itself if there is nothing to change.
     */
    public Object withTimeouts(Object self, Object a0, Object a1, HttpConfig http) throws Exception {
        return a0;
    }

    /**
     * The application's callback, when this call answers through one later (OkHttp's
     * {@code enqueue(Callback)}): its retries then run asynchronously, and the callback hears only the
     * final outcome. Null for a call that returns its result.
     */
    public Object callbackOf(Object self, Object a0, Object a1) {
        return null;
    }

    /**
     * What the library gets instead of the application's callback: an object of the callback's type
     * that hands each attempt's outcome to {@code relay}.
     */
    public Object standIn(Object callback, CallbackRelay relay) throws Exception {
        throw new UnsupportedOperationException(name + " has no callbacks");
    }

    /** Hands the final outcome of a callback call to the application's callback (its own exceptions propagate). */
    public void deliver(Object callback, Object self, Object response, Throwable failure) {
        throw new UnsupportedOperationException(name + " has no callbacks");
    }

    /**
     * Whether the application canceled the call (no more attempts are made then), rather than the
     * call's own timeout after {@code lastFailure}.
     */
    public boolean canceled(Object self, Throwable lastFailure) {
        return false;
    }

    /**
     * How the library's own retries stack with a policy of {@code maxAttempts}: a sentence naming the
     * most requests one call can send, for the start-up line and {@code plan}; null when the library
     * makes no retries of its own.
     */
    public String stacking(int maxAttempts) {
        return null;
    }

    /**
     * Reads what a call saw, when it ran inside a woven application method (whose policy decides with
     * it): {@link Exchange#http} for a request and its response, {@link Exchange#sql} for a failed
     * statement; nothing for a call that has nothing to tell.
     *
     * @param returned what the call returned (null if it threw)
     * @param thrown   what it threw, or null
     */
    public void observe(Object self, Object a0, Object a1, Object returned, Throwable thrown, Exchange into) {
    }

    /**
     * Whether the same receiver may be asked twice for one exchange (a connection's status, then its
     * body), and should be recorded once.
     */
    public boolean recordsOncePerReceiver() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
