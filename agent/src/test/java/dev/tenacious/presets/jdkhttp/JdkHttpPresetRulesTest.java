package dev.tenacious.presets.jdkhttp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tenacious.presets.http.HttpRulesTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the jdk-http preset reads the JDK client's responses. */
class JdkHttpPresetRulesTest {
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
