package com.acme.legacy.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.CompletableFuture;

/**
 * A client that one web application deployment after another loads anew, each copy in its own class
 * loader: its method returns a future that fails on a 5xx answer. Uses JDK classes only and starts no
 * thread, so nothing but the agent could keep an undeployed copy alive.
 */
public class RedeployedQuote {
    public CompletableFuture<String> quote(String url) {
        CompletableFuture<String> result = new CompletableFuture<String>();
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            try {
                int status = c.getResponseCode();
                if (status >= 500) {
                    result.completeExceptionally(new IOException("HTTP " + status));
                } else {
                    try (InputStream in = c.getInputStream()) {
                        while (in.read() >= 0) {
                            // drained, so the connection can be kept alive
                        }
                    }
                    result.complete("quoted by " + getClass().getSimpleName());
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
        return result;
    }
}
