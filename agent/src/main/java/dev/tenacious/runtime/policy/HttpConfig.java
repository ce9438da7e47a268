package dev.tenacious.runtime.policy;

import dev.tenacious.matching.Glob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A policy's {@code http} block: which hosts the policy applies to, which statuses are retried,
 * whether non-idempotent requests may be, and the timeouts applied where the application set none.
 * Read by the HTTP presets. Immutable.
 */
public final class HttpConfig extends KeyedConfig {
    public static final List<Integer> DEFAULT_STATUSES = Collections.unmodifiableList(Arrays.asList(429, 502, 503, 504));
    public static final HttpConfig DEFAULT = new HttpConfig(Collections.<Glob>emptyList(), DEFAULT_STATUSES, false, 0, 0);

    /** Empty: every host. */
    private final List<Glob> hosts;
    private final boolean[] retriedStatus = new boolean[600];
    private final List<Integer> statuses;
    private final boolean retryNonIdempotent;
    /** 0: none to apply. */
    private final long connectTimeoutNanos;
    private final long requestTimeoutNanos;

    public HttpConfig(List<Glob> hosts, List<Integer> statuses, boolean retryNonIdempotent, long connectTimeoutNanos,
                      long requestTimeoutNanos) {
        this.hosts = Collections.unmodifiableList(new ArrayList<Glob>(hosts));
        this.statuses = Collections.unmodifiableList(new ArrayList<Integer>(statuses));
        for (int s : statuses) {
            if (s >= 0 && s < retriedStatus.length) {
                retriedStatus[s] = true;
            }
        }
        this.retryNonIdempotent = retryNonIdempotent;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.requestTimeoutNanos = requestTimeoutNanos;
    }

    public boolean appliesTo(String host) {
        if (hosts.isEmpty()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        for (Glob g : hosts) {
            if (g.matches(host)) {
                return true;
            }
        }
        return false;
    }

    public boolean retries(int status) {
        return status >= 0 && status < retriedStatus.length && retriedStatus[status];
    }

    public boolean retryNonIdempotent() {
        return retryNonIdempotent;
    }

    /**
     * Why a request of this method may not be sent again: POST and PATCH are not idempotent, and are
     * retried only with an {@code Idempotency-Key} header or {@code retryNonIdempotent}; else null.
     */
    public String idempotencyVeto(String method, boolean hasIdempotencyKey) {
        if (method == null || retryNonIdempotent || hasIdempotencyKey) {
            return null;
        }
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (m.equals("POST") || m.equals("PATCH")) {
            return m + " without an Idempotency-Key header (set http.retryNonIdempotent to retry it anyway)";
        }
        return null;
    }

    public long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    public long requestTimeoutNanos() {
        return requestTimeoutNanos;
    }

    /** Whether there is a timeout to apply to requests that have none. */
    public boolean hasTimeouts() {
        return connectTimeoutNanos > 0 || requestTimeoutNanos > 0;
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("hosts", hosts.isEmpty() ? "*" : hosts.toString()).put("statuses", statuses)
                .put("retryNonIdempotent", retryNonIdempotent)
                .put("timeouts.connect", connectTimeoutNanos > 0 ? Durations.format(connectTimeoutNanos) : Keys.OFF)
                .put("timeouts.request", requestTimeoutNanos > 0 ? Durations.format(requestTimeoutNanos) : Keys.OFF);
    }


    @Override
    public String toString() {
        return "hosts " + (hosts.isEmpty() ? "*" : hosts.toString()) + ", statuses " + statuses
                + (retryNonIdempotent ? ", non-idempotent retried" : "")
                + (connectTimeoutNanos > 0 ? ", connect timeout " + Durations.format(connectTimeoutNanos) : "")
                + (requestTimeoutNanos > 0 ? ", request timeout " + Durations.format(requestTimeoutNanos) : "");
    }
}
