package com.acme.legacy.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An asynchronous client method of the application's own, in Java 8 style: a future of the quote,
 * computed on the application's thread pool over {@link InventoryClient}, failed on an error status.
 */
public class QuoteService {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "quotes");
        t.setDaemon(true);
        return t;
    });
    private final InventoryClient http;

    public QuoteService(String baseUrl) {
        this.http = new InventoryClient(baseUrl);
    }

    public CompletableFuture<String> quoteAsync(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.fetch(path);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, POOL);
    }
}
