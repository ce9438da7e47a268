package com.acme.legacy.orders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Orders over {@link HttpURLConnection}, the oldest legacy style: the body is read with
 * {@code getInputStream()}, which itself throws an {@link IOException} ("Server returned HTTP response
 * code: 503 for URL ...") for any error status. The exception says nothing a policy can classify by type.
 */
public class UrlConnectionOrders implements Orders {
    private final String baseUrl;

    public UrlConnectionOrders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) throws IOException {
        HttpURLConnection c = open(path);
        try (InputStream in = c.getInputStream()) {
            return read(in);
        }
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) throws IOException {
        HttpURLConnection c = open(path);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "text/plain; charset=utf-8");
        if (idempotencyKey != null) {
            c.setRequestProperty("Idempotency-Key", idempotencyKey);
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = c.getInputStream()) {
            return read(in);
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        return c;
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
