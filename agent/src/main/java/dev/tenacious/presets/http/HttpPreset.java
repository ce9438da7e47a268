package dev.tenacious.presets.http;

import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.policy.HttpConfig;

import java.util.Locale;

/** What the HTTP presets share: they read the policy's {@code http} block, the idempotency rule, lower-case hosts. */
public abstract class HttpPreset extends Preset {
    protected static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    protected HttpPreset(String name) {
        super(name);
    }

    @Override
    public final boolean readsHttp() {
        return true;
    }

    /** The response's status, by the library's API (null if it is not such a response). */
    protected abstract Object statusOf(Object response) throws Exception;

    /** The response's first {@code Retry-After} header value, or null. */
    protected abstract String retryAfterOf(Object response) throws Exception;

    @Override
    public final int status(Object response) {
        try {
            Object code = statusOf(response);
            return code instanceof Integer ? (Integer) code : -1;
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

    /** POST and PATCH are not idempotent: retried only with an Idempotency-Key header or retryNonIdempotent. */
    protected static String idempotencyVeto(String method, boolean hasIdempotencyKey, HttpConfig http) {
        return http.idempotencyVeto(method, hasIdempotencyKey);
    }

    protected static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }
}
