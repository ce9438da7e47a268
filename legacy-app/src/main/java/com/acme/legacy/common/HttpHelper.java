package com.acme.legacy.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** The kind of shared helper every legacy code base has: the innermost application frame of every call through it. */
public final class HttpHelper {
    private HttpHelper() {
    }

    public static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = c.getInputStream()) {
            while (in.read() >= 0) {
                // drained
            }
            return "HTTP " + c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
