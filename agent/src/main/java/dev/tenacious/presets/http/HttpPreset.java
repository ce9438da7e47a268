package dev.tenacious.presets.http;

import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.Exchange;
import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.policy.HttpConfig;

import java.net.URI;
import java.util.Locale;

/**
 * What the HTTP presets share: they read the policy's {@code http} block, refuse to retry a request
 * that must not be sent twice (a POST or PATCH without an {@code Idempotency-Key}, a body that cannot
 * be replayed), read statuses and {@code Retry-After}, and tell a woven method around them what their
 * request saw. Each preset reads its library's request and response through the methods below.
 */
public abstract class HttpPreset extends Preset {
    protected static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /**
     * The argument lists of the header lookups made on every call, built once: {@code Reflect.call}'s
     * variable arguments would otherwise allocate one per call. Never written.
     */
    protected static final Object[] IDEMPOTENCY_KEY_ARGS = {IDEMPOTENCY_KEY};
    protected static final Object[] RETRY_AFTER_ARGS = {"Retry-After"};

    protected HttpPreset(String name) {
        super(name);
    }

    @Override
    public final boolean readsHttp() {
        return true;
    }

    /** The request's method (GET, POST...), or null if unknown. */
    protected abstract String method(Object self, Object a0, Object a1) throws Exception;

    /** Whether the request carries an {@code Idempotency-Key} header. */
    protected abstract boolean hasIdempotencyKey(Object self, Object a0, Object a1) throws Exception;

    /** Why the request's body cannot be sent a second time (it is read from a stream once), or null. */
    protected String unrepeatableBody(Object self, Object a0, Object a1) throws Exception {
        return null;
    }

    /** The response's status, by the library's API (-1 if it is not such a response). */
    protected abstract int statusOf(Object response) throws Exception;

    /** The response's first {@code Retry-After} header value, or null. */
    protected abstract String retryAfterOf(Object response) throws Exception;

    @Override
    public final String vetoAtEntry(Object self, Object a0, Object a1, HttpConfig http) {
        try {
            String veto = http.idempotencyVeto(method(self, a0, a1), hasIdempotencyKey(self, a0, a1));
            return veto != null ? veto : unrepeatableBody(self, a0, a1);
        } catch (Exception e) {
            return "the request could not be read: " + e;
        }
    }

    @Override
    public final int status(Object response) {
        try {
            return statusOf(response);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public final long retryAfterNanos(Object response, long nowMillis) {
        try {
            String value = retryAfterOf(response);
            return value == null ? -1 : RetryAfter.parseNanos(value, nowMillis);
        } catch (Exception e) {
            return -1;
        }
    }

    /** The request, and the response's status and {@code Retry-After} (none after an I/O failure). */
    @Override
    public void observe(Object self, Object a0, Object a1, Object returned, Throwable thrown, Exchange into) {
        int status = returned == null ? -1 : status(returned);
        record(into, self, a0, a1, status, status >= 400 ? retryAfterNanos(returned, System.currentTimeMillis()) : -1);
    }

    /** Fills {@code into} with the request's facts and what came back. */
    protected final void record(Exchange into, Object self, Object a0, Object a1, int status, long retryAfterNanos) {
        String method = null;
        boolean key = false;
        boolean replayable = true;
        try {
            method = method(self, a0, a1);
            key = hasIdempotencyKey(self, a0, a1);
            replayable = unrepeatableBody(self, a0, a1) == null;
        } catch (Exception e) {
            // recorded with what could be read
        }
        into.http(method, key, replayable, host(self, a0, a1), port(self, a0, a1), status, retryAfterNanos);
    }

    /**
     * The host of a request sent to an explicit target ({@code getHostName()} of {@code hostType}), or else
     * of the URI the request carries ({@code uriMethod} of {@code requestType}): how both Apache clients
     * address a request. Null when neither can be read.
     */
    protected static String hostOf(Object target, String hostType, Object request, String requestType, String uriMethod) {
        try {
            if (target != null) {
                return lower((String) Reflect.call(target, hostType, "getHostName"));
            }
            Object uri = Reflect.call(request, requestType, uriMethod);
            return uri instanceof URI ? lower(((URI) uri).getHost()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The port the same way as {@link #hostOf}, the scheme's default where none is given; -1 if unknown. */
    protected static int portOf(Object target, String hostType, Object request, String requestType, String uriMethod) {
        try {
            if (target != null) {
                return portOrDefault(Reflect.callInt(target, hostType, "getPort"),
                        (String) Reflect.call(target, hostType, "getSchemeName"));
            }
            Object uri = Reflect.call(request, requestType, uriMethod);
            return uri instanceof URI ? portOrDefault(((URI) uri).getPort(), ((URI) uri).getScheme()) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@code port}, or the scheme's default when it is -1 (80 for http, 443 for https); -1 if neither is known. */
    protected static int portOrDefault(int port, String scheme) {
        if (port > 0) {
            return port;
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return 443;
        }
        return "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    protected static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }
}
