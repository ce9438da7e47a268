package dev.tenacious.presets;

import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.presets.jdkhttp.JdkHttpPreset;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetRulesTest {
    static final long NOW = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

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
    void sqlStateDecidesBeforeTheExceptionType() {
        JdbcPreset jdbc = new JdbcPreset();
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("could not serialize", "40001")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("deadlock detected", "40P01")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLNonTransientConnectionException("refused", "08001")),
                "class 08 is retried although the type says non-transient");
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLTimeoutException("lock timeout", "HYT00")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLNonTransientConnectionException("broken", "90067")),
                "JDBC's connection exception type stands for class 08");
        assertEquals(Classification.PERMANENT, jdbc.classify(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertEquals(Classification.PERMANENT, jdbc.classify(new SQLTransactionRollbackException("syntax", "42601")),
                "class 42 is never retried, whatever the type");
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("the database system is starting up", "57P03")),
                "a restarting server answers so before it accepts connections again");
        assertNull(jdbc.classify(new SQLException("other", "XX000")), "no rule: the policy's lists decide");
        assertNull(jdbc.classify(new IOException("not SQL")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new RuntimeException(new SQLException("wrapped", "40001"))),
                "found through the cause chain");
    }

    @Test
    void postAndPatchNeedAKeyOrThePolicysConsent() {
        HttpConfig strict = HttpConfig.DEFAULT;
        HttpConfig lenient = new HttpConfig(List.of(), HttpConfig.DEFAULT_STATUSES, true, 0, 0);
        assertNotNull(HttpPreset.idempotencyVeto("POST", false, strict));
        assertNotNull(HttpPreset.idempotencyVeto("patch", false, strict));
        assertNull(HttpPreset.idempotencyVeto("POST", true, strict));
        assertNull(HttpPreset.idempotencyVeto("POST", false, lenient));
        for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
            assertNull(HttpPreset.idempotencyVeto(method, false, strict), method);
        }
        assertTrue(HttpPreset.idempotencyVeto("POST", false, strict).contains("Idempotency-Key"));
    }

    /** A JDK response as the client hands it over, with a streamed body. */
    static java.net.http.HttpResponse<java.io.InputStream> response(int status, String retryAfter, java.io.InputStream body) {
        return new java.net.http.HttpResponse<java.io.InputStream>() {
            public int statusCode() {
                return status;
            }

            public java.net.http.HttpRequest request() {
                return null;
            }

            public java.util.Optional<java.net.http.HttpResponse<java.io.InputStream>> previousResponse() {
                return java.util.Optional.empty();
            }

            public java.net.http.HttpHeaders headers() {
                return java.net.http.HttpHeaders.of(retryAfter == null ? java.util.Map.of()
                        : java.util.Map.of("Retry-After", List.of(retryAfter)), (n, v) -> true);
            }

            public java.io.InputStream body() {
                return body;
            }

            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return java.util.Optional.empty();
            }

            public java.net.URI uri() {
                return java.net.URI.create("http://vendor.example/x");
            }

            public java.net.http.HttpClient.Version version() {
                return java.net.http.HttpClient.Version.HTTP_1_1;
            }
        };
    }

    @Test
    void aRetriedJdkResponseHasItsStreamedBodyClosedAndItsRetryAfterRead() {
        boolean[] closed = {false};
        java.io.InputStream body = new java.io.ByteArrayInputStream(new byte[100]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        JdkHttpPreset jdk = new JdkHttpPreset();
        java.net.http.HttpResponse<java.io.InputStream> r = response(503, "2", body);
        assertEquals(503, jdk.status(r));
        assertEquals(2_000_000_000L, jdk.retryAfterNanos(r, NOW));
        assertEquals(-1, jdk.retryAfterNanos(response(503, null, body), NOW));
        jdk.discard(r);
        assertTrue(closed[0], "the body stream was closed, so its connection is released");
        assertEquals(-1, jdk.status("not a response"));
    }
}
