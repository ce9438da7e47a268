package com.acme.samples;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A method returning a future, woven in the asynchronous shape: its future fails with an IOException
 * on the first {@code failures} attempts; each retry is a new call made by the runtime's scheduler.
 */
public class Quotes {
    public static volatile int attempts;
    public static volatile int failures;

    public CompletableFuture<String> quote(String item, int quantity) {
        int attempt = ++attempts;
        if (attempt <= failures) {
            CompletableFuture<String> failed = new CompletableFuture<String>();
            failed.completeExceptionally(new IOException("attempt " + attempt));
            return failed;
        }
        return CompletableFuture.completedFuture(quantity + " " + item + " on attempt " + attempt);
    }
}
