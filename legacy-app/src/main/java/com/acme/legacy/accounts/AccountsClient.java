package com.acme.legacy.accounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A legacy client that carries secrets the way old code does: a user and password in its base URL, a
 * token in the query string and in an Authorization header, a PIN in a POST body. Discovery's file
 * must show none of them. {@code balance} is overloaded, so the file needs {@code params}; every
 * method hands its connection to {@code answer}, whose callers are the methods to retry.
 */
public class AccountsClient {
    private final String baseUrl;
    private final String token;

    /** @param baseUrl such as {@code http://user:password@127.0.0.1:8080} */
    public AccountsClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public String balance(String account) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + "/accounts/" + account + "?token=" + token).openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setReadTimeout(5000);
        return answer(c);
    }

    public String balance(String account, int currency) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + "/accounts/" + account + "/currency/" + currency
                + "?token=" + token).openConnection();
        c.setReadTimeout(5000);
        return answer(c);
    }

    /** A POST without an Idempotency-Key: never to be retried. */
    public String transfer(String from, String to, int cents, String pin) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + "/accounts/transfer?token=" + token).openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setReadTimeout(5000);
        try (OutputStream out = c.getOutputStream()) {
            out.write(("from=" + from + "&to=" + to + "&cents=" + cents + "&pin=" + pin).getBytes(StandardCharsets.UTF_8));
        }
        return answer(c);
    }

    /** Reads the answer of a connection: the innermost application frame of every call, which cannot be re-run by itself. */
    static String answer(HttpURLConnection c) throws IOException {
        try {
            int status = c.getResponseCode();
            if (status >= 400) {
                throw new IOException("HTTP " + status);
            }
            try (InputStream in = c.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                return new String(out.toByteArray(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }
}
