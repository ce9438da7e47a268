package com.acme.bank;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many times each service method's body ran, by the key a request gives: what the tests read to count attempts. */
@Component
public class Counters {
    private final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    public int increment(String key) {
        return runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        runs.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
