package com.acme.legacy.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A legacy HTTP client over HttpURLConnection, as found in many old code bases: no retries, errors
 * turned into IOExceptions with the status in the message.
 */
public class InventoryClient {
    private final String baseUrl;

    public InventoryClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** GETs {@code path}; 400 is a {@link BadRequestException}, 422 an IllegalStateException, other errors an IOException. */
    public String fetch(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10000);
        try {
            int status = c.getResponseCode();
            if (status == 400) {
                throw new BadRequestException("HTTP 400 from " + path);
            }
            if (status == 422) {
                throw new IllegalStateException("HTTP 422 from " + path + ": the inventory rejected the item");
            }
            if (status >= 400) {
                throw new IOException("HTTP " + status + " from " + path);
            }
            return read(c.getInputStream());
        } finally {
            c.disconnect();
        }
    }

    /** Reassigns its parameter before calling: each retry must still start from the caller's argument. */
    public String fetchVersioned(String path) throws IOException {
        path = path + "/v1";
        return fetch(path);
    }

    /** {@link #fetch}, its failures wrapped in the application's own unchecked exception (the cause is set). */
    public String fetchWrapped(String path) {
        try {
            return fetch(path);
        } catch (IOException e) {
            throw new InventoryUnavailable("inventory unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #fetch}, its failures wrapped the way code older than Java 1.4 did: an exception that keeps
     * its own cause and overrides {@code getCause()} (as {@code InvocationTargetException} still does).
     */
    public String fetchWrappedTheOldWay(String path) {
        try {
            return fetch(path);
        } catch (IOException e) {
            throw new OldStyleWrapper("inventory unavailable", e);
        }
    }

    /** A wrapper that never sets {@code Throwable}'s cause: only its {@code getCause()} tells it. */
    public static final class OldStyleWrapper extends RuntimeException {
        private final Throwable detail;

        OldStyleWrapper(String message, Throwable detail) {
            super(message + ": " + detail.getMessage());
            this.detail = detail;
        }

        @Override
        public Throwable getCause() {
            return detail;
        }
    }

    static String read(InputStream in) throws IOException {
        try (InputStream s = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = s.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
