package com.acme.legacy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus endpoint under clients that misbehave, scraped over real sockets from the
 * application's JVM: a client that stalls mid-request, many scrapes at once, requests for other
 * paths and methods, and the start-up line when every interface is bound. Clients get generous
 * timeouts: what is asserted is that scrapes succeed, not how fast.
 */
class PrometheusScrapeTest extends BlackBoxTest {
    /** A client's patience: long beside the server's own read timeout, so only a blocked server fails a test. */
    static final int CLIENT_TIMEOUT_MILLIS = 60_000;
    static final String SAMPLE = "tenacious_calls_total{policy=\"inventory\",outcome=\"first_try_success\"} 0";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aClientThatStallsMidRequestDoesNotHoldUpOtherScrapes(Jdk jdk) throws Exception {
        int port = freePort();
        AppJvm.Running app = start(jdk, "127.0.0.1", port);
        try (Socket stalled = new Socket("127.0.0.1", port)) {
            stalled.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            for (int i = 0; i < 5; i++) {
                Response r = scrape(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(200, r.status, "scrape " + i + " while a client stalls: " + r);
                assertTrue(r.body.contains(SAMPLE), r::toString);
            }
            assertEquals(200, viaHttpUrlConnection(port), "a real HTTP client too");
        } finally {
            app.stop();
        }
    }

    @Test
    void aClientThatStallsIsDisconnected() throws Exception {
        int port = freePort();
        AppJvm.Running app = start(Jdk.current().findFirst().orElseThrow(), "127.0.0.1", port);
        try (Socket stalled = new Socket("127.0.0.1", port)) {
            stalled.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            stalled.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            String answer;
            try {
                answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a stalled connection open for " + CLIENT_TIMEOUT_MILLIS + " ms");
            }
            assertFalse(answer.contains(" 200 "), "nothing is served for half a request: " + answer);
        } finally {
            app.stop();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void manyConcurrentScrapesAreAllServed(Jdk jdk) throws Exception {
        int port = freePort();
        AppJvm.Running app = start(jdk, "127.0.0.1", port);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Response>> scrapes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                scrapes.add(clients.submit(() -> scrape(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")));
            }
            for (Future<Response> f : scrapes) {
                Response r = f.get();
                assertEquals(200, r.status, r::toString);
                assertTrue(r.body.contains(SAMPLE), r::toString);
            }
        } finally {
            clients.shutdownNow();
            app.stop();
        }
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() throws Exception {
        int port = freePort();
        AppJvm.Running app = start(Jdk.current().findFirst().orElseThrow(), "127.0.0.1", port);
        try {
            Response get = scrape(port, "GET /metrics?name[]=x HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, get.status, get::toString);
            assertTrue(get.headers.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8"), get::toString);
            assertTrue(get.headers.contains("\r\nConnection: close"), get::toString);
            Response head = scrape(port, "HEAD /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, head.status, head::toString);
            assertEquals("", head.body, "HEAD has no body");
            assertEquals(404, scrape(port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
            assertEquals(404, scrape(port, "GET /metrics/other HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
            assertEquals(404, scrape(port, "GET /metricsfoo HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
            Response post = scrape(port, "POST /metrics HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals(405, post.status, post::toString);
            assertTrue(post.headers.contains("\r\nAllow: GET, HEAD"), post::toString);
            assertEquals(400, scrape(port, "nonsense\r\n\r\n").status);
        } finally {
            app.stop();
        }
    }

    @Test
    void anOversizedRequestIsRefused() throws Exception {
        int port = freePort();
        AppJvm.Running app = start(Jdk.current().findFirst().orElseThrow(), "127.0.0.1", port);
        try {
            String huge = "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(64 * 1024) + "\r\n\r\n";
            Response r = scrape(port, huge);
            assertEquals(431, r.status, r::toString);
            assertEquals(200, scrape(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").status, "and serves on");
        } finally {
            app.stop();
        }
    }

    @Test
    void theStartUpLineWarnsWhenEveryInterfaceIsBound() throws Exception {
        Jdk jdk = Jdk.current().findFirst().orElseThrow();
        for (String host : new String[] {"0.0.0.0", "'::'"}) {
            int port = freePort();
            AppJvm.Running app = start(jdk, host, port);
            try {
                assertEquals(200, scrape(port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").status);
                String shown = host.equals("0.0.0.0") ? "0.0.0.0" : "[::]";
                app.awaitErr("[tenacious] WARN Prometheus metrics on http://" + shown + ":" + port
                        + "/metrics: every network interface is bound");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void theDefaultHostBindsLoopbackOnlyAndSaysSoWithoutAWarning() throws Exception {
        int port = freePort();
        AppJvm.Running app = start(Jdk.current().findFirst().orElseThrow(), null, port);
        AppJvm.Result r = app.stop();
        assertTrue(r.stderr.contains("[tenacious] Prometheus metrics on http://127.0.0.1:" + port + "/metrics\n"), r::toString);
        assertFalse(r.stderr.contains("WARN Prometheus"), r::toString);
    }

    /** The application with a Prometheus endpoint on {@code host:port} (the default host when null), once it serves. */
    private AppJvm.Running start(Jdk jdk, String host, int port) throws Exception {
        Path policy = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0, metrics: { jmx: false, prometheus: { port: " + port
                        + (host != null ? ", host: " + host : "") + " } } }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                ""));
        AppJvm.Running app = AppJvm.start(jdk, policy, "sleep", server.baseUrl(), "600000");
        app.awaitErr("Prometheus metrics on http://");
        return app;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int viaHttpUrlConnection(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
        c.setConnectTimeout(CLIENT_TIMEOUT_MILLIS);
        c.setReadTimeout(CLIENT_TIMEOUT_MILLIS);
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** Sends {@code request} as is on a fresh connection and reads the answer to the end of the stream. */
    static Response scrape(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a server may reset after answering a request it did not read to the end; keep what came
            }
            return new Response(all.toString(StandardCharsets.UTF_8));
        }
    }

    static final class Response {
        final int status;
        final String headers;
        final String body;

        Response(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            headers = end < 0 ? raw : raw.substring(0, end);
            body = end < 0 ? "" : raw.substring(end + 4);
            int status;
            try {
                status = Integer.parseInt(headers.split(" ", 3)[1]);
            } catch (RuntimeException e) {
                status = -1;
            }
            this.status = status;
        }

        @Override
        public String toString() {
            return headers + (body.length() > 200 ? "\r\n\r\n" + body.substring(0, 200) + "..." : "\r\n\r\n" + body);
        }
    }
}
