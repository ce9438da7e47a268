package dev.tenacious.runtime;

/**
 * What one HTTP request or JDBC statement made inside a woven application method saw, as the library's
 * {@link Preset} reads it when the call ends: the request's method, whether it carried an
 * {@code Idempotency-Key}, whether its body could be sent again, the response's status and
 * {@code Retry-After}, or the statement's SQLState. The policy of the woven method decides with these
 * when the method throws ({@link AttemptEvidence}). A reusable slot of the thread's ring: no allocation.
 */
public final class Exchange {
    /** Nothing was read (a library's own internal call). */
    static final int NONE = 0;
    static final int HTTP = 1;
    static final int SQL = 2;

    int kind;
    String method;
    boolean idempotencyKey;
    boolean replayable;
    String host;
    /** The remote port (the scheme's default when the URL gives none), or -1 if unknown. */
    int port;
    int status;
    long retryAfterNanos;
    String sqlState;
    /** The identity of the object the record is about (a connection asked twice is recorded once). */
    int source;

    void clear() {
        kind = NONE;
        method = null;
        idempotencyKey = false;
        replayable = true;
        host = null;
        port = -1;
        status = -1;
        retryAfterNanos = -1;
        sqlState = null;
        source = 0;
    }

    /**
     * An HTTP request and what came back.
     *
     * @param method          GET, POST...; null if unknown
     * @param idempotencyKey  the request carried an {@code Idempotency-Key} header
     * @param replayable      its body (if any) could be sent again
     * @param host            the remote host, lower case; null if unknown
     * @param status          the response status, or -1 when none came (an I/O failure)
     * @param retryAfterNanos the response's {@code Retry-After}, or -1
     */
    public void http(String method, boolean idempotencyKey, boolean replayable, String host, int status,
                     long retryAfterNanos) {
        http(method, idempotencyKey, replayable, host, -1, status, retryAfterNanos);
    }

    /** As {@link #http(String, boolean, boolean, String, int, long)}, with the remote port (-1 if unknown). */
    public void http(String method, boolean idempotencyKey, boolean replayable, String host, int port, int status,
                     long retryAfterNanos) {
        this.kind = HTTP;
        this.port = port;
        this.method = method;
        this.idempotencyKey = idempotencyKey;
        this.replayable = replayable;
        this.host = host;
        this.status = status;
        this.retryAfterNanos = retryAfterNanos;
    }

    /** A JDBC statement that failed with this SQLState (null if the exception had none). */
    public void sql(String sqlState) {
        this.kind = SQL;
        this.sqlState = sqlState;
    }

    // ---- read by a CallListener (discovery), during its call ----

    public boolean isHttp() {
        return kind == HTTP;
    }

    public boolean isSql() {
        return kind == SQL;
    }

    /** The request's method, or null. */
    public String method() {
        return method;
    }

    public boolean idempotencyKey() {
        return idempotencyKey;
    }

    public boolean replayable() {
        return replayable;
    }

    /** The remote host, lower case, or null. */
    public String host() {
        return host;
    }

    /** The remote port, or -1. */
    public int port() {
        return port;
    }

    /** The response status, or -1 when none came. */
    public int status() {
        return status;
    }

    /** The failed statement's SQLState, or null. */
    public String sqlState() {
        return sqlState;
    }

    @Override
    public String toString() {
        return kind == HTTP ? method + " " + host + " -> " + status : kind == SQL ? "SQLState " + sqlState : "none";
    }
}
