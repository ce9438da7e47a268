package com.acme.legacy.client;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Methods of several return types over the same HTTP call, to show what a fallback returns for each. */
public class StockClient {
    private final InventoryClient http;

    public StockClient(String baseUrl) {
        this.http = new InventoryClient(baseUrl);
    }

    public int count(String path) throws IOException {
        return http.fetch(path).length();
    }

    public boolean available(String path) throws IOException {
        return !http.fetch(path).isEmpty();
    }

    public List<String> lines(String path) throws IOException {
        return Arrays.asList(http.fetch(path).split("\n"));
    }

    public Optional<String> find(String path) throws IOException {
        return Optional.of(http.fetch(path));
    }

    public String text(String path) throws IOException {
        return http.fetch(path);
    }

    public void touch(String path) throws IOException {
        http.fetch(path);
    }
}
