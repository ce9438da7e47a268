package com.acme.legacy.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Orders over {@link HttpURLConnection} that check the status themselves and throw the application's
 * own unchecked {@link OrderServiceException} for any non-2xx answer (and for a connection failure,
 * wrapped): no {@code IOException} reaches the caller, so a policy's {@code retryOn} cannot tell a 503 from a 400.
 */
public class StatusCheckingOrders implements Orders {
    private final String baseUrl;

    public StatusCheckingOrders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            return answer(c, path);
        } catch (IOException e) {
            throw new OrderServiceException("order service unreachable for " + path, e);
        }
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
            if (idempotencyKey != null) {
                c.setRequestProperty("Idempotency-Key", idempotencyKey);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            return answer(c, path);
        } catch (IOException e) {
            throw new OrderServiceException("order service unreachable for " + path, e);
        }
    }

    private static String answer(HttpURLConnection c, String path) throws IOException {
        int status = c.getResponseCode();
        if (status < 200 || status > 299) {
            InputStream error = c.getErrorStream();
            if (error != null) {
                error.close();
            }
            throw new OrderServiceException("order service answered " + status + " for " + path);
        }
        try (InputStream in = c.getInputStream()) {
            return UrlConnectionOrders.read(in);
        }
    }
}
