package com.acme.legacy.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** An asynchronous client method of the application's own: a future of the quote, failed on an error status. */
public class QuoteService {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public QuoteService(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public CompletableFuture<String> quoteAsync(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() >= 400) {
                throw new CompletionException(new IOException("HTTP " + r.statusCode() + " from " + path));
            }
            return r.body();
        });
    }
}
