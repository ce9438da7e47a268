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

    /** POST and PATCH are not idempotent: retried only with an Idempotency-Key header or retryNonIdempotent. */
    protected static String idempotencyVeto(String method, boolean hasIdempotencyKey, HttpConfig http) {
        if (method == null || http.retryNonIdempotent() || hasIdempotencyKey) {
            return null;
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("POST") || m.equals("PATCH")) {
            return m + " without an " + IDEMPOTENCY_KEY + " header (set http.retryNonIdempotent to retry it anyway)";
        }
        return null;
    }

    protected static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }
}
