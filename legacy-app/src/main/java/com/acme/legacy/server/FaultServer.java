package com.acme.legacy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 whose paths follow fault {@link Script}s, and which counts what reached
 * it: requests per path and per method, with the arrival time of each, so tests can assert attempts
 * and the waits between them from the dependency's side.
 */
public final class FaultServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    /** Per path, the client sockets (remote address and port) its requests came on, in arrival order. */
    private final Map<String, List<String>> sockets = new ConcurrentHashMap<>();
    /** Per path and header name (lower case), the header's value in each request (null where absent). */
    private final Map<String, List<String>> headers = new ConcurrentHashMap<>();
    private static final String[] RECORDED_HEADERS = {"idempotency-key", "content-type"};

    public FaultServer() throws IOException {
        // without TCP_NODELAY the JDK server's small responses meet the client's delayed ACK: ~40 ms per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "fault-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets the script of a path (exact match on the request path, without the query). */
    public FaultServer script(String path, Script script) {
        scripts.put(path, script);
        return this;
    }

    /** Requests that reached {@code path}, all methods. */
    public int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** Requests that reached {@code path} with {@code method}. */
    public int count(String method, String path) {
        AtomicInteger n = counts.get(method + " " + path);
        return n == null ? 0 : n.get();
    }

    /** All paths that were requested, for tests that assert nothing else was called. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (String k : counts.keySet()) {
            if (!k.contains(" ")) {
                paths.add(k);
            }
        }
        Collections.sort(paths);
        return paths;
    }

    /** Arrival times (System.nanoTime) of the requests to {@code path}. */
    public List<Long> arrivals(String path) {
        List<Long> a = arrivals.get(path);
        if (a == null) {
            return Collections.emptyList();
        }
        synchronized (a) {
            return new ArrayList<>(a);
        }
    }

    /**
     * How many connections the requests to {@code path} came on (distinct client sockets): a client that
     * gives its connections back to its pool reuses them; one that leaks them opens new ones.
     */
    public int connections(String path) {
        List<String> s = sockets.get(path);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return new java.util.HashSet<>(s).size();
        }
    }

    /** How many connections all requests came on. */
    public int connections() {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (List<String> s : sockets.values()) {
            synchronized (s) {
                all.addAll(s);
            }
        }
        return all.size();
    }

    /** The value of header {@code name} (Idempotency-Key or Content-Type) in each request to {@code path}, null where absent. */
    public List<String> headers(String path, String name) {
        List<String> h = headers.get(path + " " + name.toLowerCase(java.util.Locale.ROOT));
        if (h == null) {
            return Collections.emptyList();
        }
        synchronized (h) {
            return new ArrayList<>(h);
        }
    }

    public int total() {
        int sum = 0;
        for (String p : paths()) {
            sum += count(p);
        }
        return sum;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
        List<Long> a = arrivals.computeIfAbsent(path, k -> Collections.synchronizedList(new ArrayList<>()));
        a.add(System.nanoTime());
        sockets.computeIfAbsent(path, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(String.valueOf(exchange.getRemoteAddress()));
        for (String name : RECORDED_HEADERS) {
            headers.computeIfAbsent(path + " " + name, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(exchange.getRequestHeaders().getFirst(name));
        }
        drain(exchange.getRequestBody());
        Script script = scripts.getOrDefault(path, Script.alwaysOk());
        Step step = script.next(exchange.getRequestURI().getRawQuery());
        switch (step.kind) {
            case RESET:
                exchange.close(); // no status line: the client's read fails
                return;
            case DELAY_THEN_RESPOND:
                try {
                    Thread.sleep(step.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                break;
            default:
                break;
        }
        String retryAfter = step.retryAfterNow();
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        String text = step.body != null ? step.body : step.status == 200 ? "ok " + path : "status " + step.status;
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(step.status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void drain(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // discard: only the request's arrival counts
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
