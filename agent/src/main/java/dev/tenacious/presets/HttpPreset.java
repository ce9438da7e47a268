package dev.tenacious.presets;

import dev.tenacious.runtime.HttpConfig;
import dev.tenacious.runtime.Preset;

import java.util.Locale;

/** What the two HTTP presets share: the idempotency rule and reading the host. */
abstract class HttpPreset extends Preset {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    HttpPreset(String name) {
        super(name);
    }

    /** POST and PATCH are not idempotent: retried only with an Idempotency-Key header or retryNonIdempotent. */
    static String idempotencyVeto(String method, boolean hasIdempotencyKey, HttpConfig http) {
        if (method == null || http.retryNonIdempotent() || hasIdempotencyKey) {
            return null;
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("POST") || m.equals("PATCH")) {
            return m + " without an " + IDEMPOTENCY_KEY + " header (set http.retryNonIdempotent to retry it anyway)";
        }
        return null;
    }

    static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }
}
