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
