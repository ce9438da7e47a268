package dev.tenacious.observe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint driven in-process over real sockets, with short server-side timeouts so that the slow cases are quick. */
class PrometheusEndpointTest {
    static final int CLIENT_TIMEOUT_MILLIS = 60_000;
    static final String GET = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";

    private final AtomicInteger renders = new AtomicInteger();
    private PrometheusEndpoint endpoint;

    private PrometheusEndpoint open() throws IOException {
        endpoint = PrometheusEndpoint.open("127.0.0.1", 0, () -> "metric_total{n=\"" + renders.incrementAndGet() + "\"} 1\n", 200, 500);
        return endpoint;
    }

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void getOfMetricsAnswersTheRenderedTextInTheExpositionFormat() throws Exception {
        String r = exchange(open().port(), GET);
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        assertTrue(r.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), r);
        assertTrue(r.contains("\r\nConnection: close\r\n"), r);
        assertTrue(r.contains("\r\nContent-Length: " + "metric_total{n=\"1\"} 1\n".length() + "\r\n"), r);
        assertTrue(r.endsWith("\r\n\r\nmetric_total{n=\"1\"} 1\n"), r);
        assertTrue(exchange(endpoint.port(), GET).endsWith("metric_total{n=\"2\"} 1\n"), "rendered afresh for each scrape");
    }

    @Test
    void aBareLfRequestAndAQueryStringAreAccepted() throws Exception {
        assertTrue(exchange(open().port(), "GET /metrics?x=1 HTTP/1.0\n\n").startsWith("HTTP/1.1 200 OK\r\n"));
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        int port = open().port();
        assertTrue(exchange(port, "GET /other HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
        assertTrue(exchange(port, "GET /metrics/x HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 "));
        String post = exchange(port, "POST /metrics HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
        assertTrue(post.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), post);
        assertTrue(post.contains("\r\nAllow: GET, HEAD\r\n"), post);
        String head = exchange(port, "HEAD /metrics HTTP/1.1\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.endsWith("\r\n\r\n"), "no body for HEAD: " + head);
        assertTrue(exchange(port, "garbage\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertEquals(1, renders.get(), "only the HEAD rendered");
    }

    @Test
    void aRequestOverTheCapIsRefusedWith431() throws Exception {
        String big = "GET /metrics HTTP/1.1\r\nX: " + "y".repeat(PrometheusEndpoint.MAX_REQUEST_BYTES) + "\r\n\r\n";
        assertTrue(exchange(open().port(), big).startsWith("HTTP/1.1 431 "));
    }

    @Test
    void aClientThatStallsIsAnswered408AndDisconnected() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", open().port())) {
            stalled.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            stalled.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readAll(stalled).startsWith("HTTP/1.1 408 "));
        }
    }

    @Test
    void aClientSendingAByteAtATimeIsCutOffAtTheRequestDeadline() throws Exception {
        try (Socket trickle = new Socket("127.0.0.1", open().port())) {
            trickle.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            String answer = null;
            // each byte arrives within the 200 ms read timeout, but the whole request never does
            for (int i = 0; i < 10_000 && answer == null; i++) {
                try {
                    trickle.getOutputStream().write('x');
                    Thread.sleep(50);
                    if (trickle.getInputStream().available() > 0) {
                        answer = readAll(trickle);
                    }
                } catch (IOException closed) {
                    answer = readAll(trickle);
                }
            }
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 408 "), String.valueOf(answer));
        }
    }

    @Test
    void scrapesAreServedWhileEveryOtherWorkerIsHeldByAStalledClient() throws Exception {
        int port = open().port();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < PrometheusEndpoint.WORKERS - 1; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("GET /me".getBytes(StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(exchange(port, GET).startsWith("HTTP/1.1 200 OK\r\n"));
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void manyConcurrentScrapesAreAllServed() throws Exception {
        int port = open().port();
        ExecutorService clients = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> exchange(port, GET)));
            }
            for (Future<String> f : answers) {
                assertTrue(f.get().startsWith("HTTP/1.1 200 OK\r\n"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aRenderingFailureIsA500AndTheEndpointServesOn() throws Exception {
        AtomicInteger n = new AtomicInteger();
        endpoint = PrometheusEndpoint.open("127.0.0.1", 0, () -> {
            if (n.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return "ok 1\n";
        }, 200, 500);
        assertTrue(exchange(endpoint.port(), GET).startsWith("HTTP/1.1 500 "));
        assertTrue(exchange(endpoint.port(), GET).endsWith("ok 1\n"));
    }

    @Test
    void itsThreadsAreDaemonsWithoutAContextClassLoader() throws Exception {
        exchange(open().port(), GET);
        int seen = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("tenacious-metrics")) {
                seen++;
                assertTrue(t.isDaemon(), t.getName());
                assertNull(t.getContextClassLoader(), t.getName());
            }
        }
        assertTrue(seen >= 1);
    }

    @Test
    void aPortInUseIsReportedAndNothingIsServed() throws Exception {
        int port = open().port();
        assertNull(PrometheusEndpoint.start("127.0.0.1", port, new dev.tenacious.runtime.decision.PolicyStates()));
    }

    @Test
    void closingStopsServing() throws Exception {
        int port = open().port();
        assertTrue(exchange(port, GET).contains("metric_total"));
        int rendered = renders.get();
        endpoint.close();
        // The port is free once closed: the connection is refused, unless something else took the port in
        // the meantime (another process on a shared machine, or Linux connecting the client socket to itself
        // when it picks the closed port as the ephemeral one). Whatever answers then, it is not the endpoint.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String answer = readAll(s);
            assertFalse(answer.contains("metric_total"), answer);
        } catch (IOException refusedOrSilent) {
            // refused, or something that does not answer a scrape
        } catch (AssertionError noEndOfAnswer) {
            assertFalse(noEndOfAnswer.getMessage().contains("metric_total"), noEndOfAnswer.getMessage());
        }
        assertEquals(rendered, renders.get(), "rendered after close");
    }

    @Test
    void ipv6LiteralsAreBracketedInTheUrl() {
        assertEquals("[::]", PrometheusEndpoint.urlHost("::"));
        assertEquals("[::1]", PrometheusEndpoint.urlHost("[::1]"));
        assertEquals("0.0.0.0", PrometheusEndpoint.urlHost("0.0.0.0"));
        assertFalse(PrometheusEndpoint.urlHost("localhost").contains("["));
    }

    static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s);
        }
    }

    static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                all.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no end of the answer within " + CLIENT_TIMEOUT_MILLIS + " ms: " + all);
        } catch (IOException reset) {
            // keep what arrived before a reset
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
