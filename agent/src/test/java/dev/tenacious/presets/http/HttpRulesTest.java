package dev.tenacious.presets.http;

import dev.tenacious.runtime.policy.HttpConfig;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every HTTP preset shares: Retry-After and the idempotency rule. */
public class HttpRulesTest {
    public static final long NOW = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

    @Test
    void retryAfterReadsDeltaSecondsAndAllThreeHttpDateForms() {
        assertEquals(120_000_000_000L, RetryAfter.parseNanos("120", NOW));
        assertEquals(0, RetryAfter.parseNanos("0", NOW));
        assertEquals(5_000_000_000L, RetryAfter.parseNanos("Sat, 28 Nov 2026 12:00:05 GMT", NOW));
        assertEquals(5_000_000_000L, RetryAfter.parseNanos("Saturday, 28-Nov-26 12:00:05 GMT", NOW));
        assertEquals(5_000_000_000L, RetryAfter.parseNanos("Sat Nov 28 12:00:05 2026", NOW));
        assertEquals(0, RetryAfter.parseNanos("Sat, 28 Nov 2026 11:00:00 GMT", NOW), "a date in the past: no wait");
        String rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 11, 28, 12, 1, 0, 0, ZoneOffset.UTC));
        assertEquals(60_000_000_000L, RetryAfter.parseNanos(rfc1123, NOW));
        assertEquals(-1, RetryAfter.parseNanos("soon", NOW));
        assertEquals(-1, RetryAfter.parseNanos("-5", NOW));
        assertEquals(-1, RetryAfter.parseNanos("", NOW));
        assertEquals(-1, RetryAfter.parseNanos(null, NOW));
    }

    @Test
    void postAndPatchNeedAKeyOrThePolicysConsent() {
        HttpConfig strict = HttpConfig.DEFAULT;
        HttpConfig lenient = new HttpConfig(List.of(), HttpConfig.DEFAULT_STATUSES, true, 0, 0);
        assertNotNull(strict.idempotencyVeto("POST", false));
        assertNotNull(strict.idempotencyVeto("patch", false));
        assertNull(strict.idempotencyVeto("POST", true));
        assertNull(lenient.idempotencyVeto("POST", false));
        for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
            assertNull(strict.idempotencyVeto(method, false), method);
        }
        assertTrue(strict.idempotencyVeto("POST", false).contains("Idempotency-Key"));
    }
}
