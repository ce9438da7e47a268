package com.acme.legacy.orders;

import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Retryer;

/**
 * Orders over an OpenFeign interface with Feign's default client ({@code Client.Default}, that is
 * {@code HttpURLConnection}). An error status becomes a {@code FeignException} (a RuntimeException; with a
 * {@code Retry-After} header a {@code RetryableException}). The application's methods wrap the Feign proxy,
 * as a service class does: they are what a policy weaves. Feign's own retryer is off unless asked for
 * ({@code ownRetries}: Feign's default {@code Retryer.Default}, 5 attempts of a {@code RetryableException}).
 */
public class FeignOrders implements Orders {
    /** The remote API as Feign sees it; paths are single segments (no leading '/'). */
    public interface OrdersApi {
        @RequestLine("GET /{path}")
        String get(@Param("path") String path);

        @RequestLine("POST /{path}")
        @Headers("Content-Type: text/plain")
        String submit(@Param("path") String path, String body);

        @RequestLine("POST /{path}")
        @Headers({"Content-Type: text/plain", "Idempotency-Key: {key}"})
        String submitWithKey(@Param("path") String path, @Param("key") String key, String body);
    }

    private final OrdersApi api;

    public FeignOrders(String baseUrl, boolean ownRetries) {
        api = Feign.builder().retryer(ownRetries ? new Retryer.Default() : Retryer.NEVER_RETRY)
                .target(OrdersApi.class, baseUrl);
    }

    @Override
    public String get(String path) {
        return api.get(segment(path));
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) {
        return idempotencyKey == null ? api.submit(segment(path), body) : api.submitWithKey(segment(path), idempotencyKey, body);
    }

    private static String segment(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
