package com.acme.legacy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Legacy code calling the JDK HttpClient directly, for the {@code jdk-http} preset's tests. Prints, per
 * call, {@code RESULT <call> OK <status> <body>} or {@code RESULT <call> CAUGHT <class> <message>}.
 *
 * <pre>
 *   HttpScenarios send  URL METHOD [KEY|-] [string|stream]  one request; KEY is sent as Idempotency-Key
 *                                                       (with -Dscenarios.figures=true, then the policy http's JMX figures)
 *   HttpScenarios async URL                                 sendAsync, then join (prints the completing thread)
 *   HttpScenarios gets  URL CALLS PAUSE                     CALLS GETs, PAUSE ms apart
 *   HttpScenarios hosts URL URL2 CALLS                      CALLS GETs to URL, then CALLS to URL2 (calls 101...)
 *   HttpScenarios bare  URL [MILLIS]                        GET without any timeout (or the request's own)
 * </pre>
 */
public final class HttpScenarios {
    private HttpScenarios() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(args[1]);
        switch (args[0]) {
            case "send": {
                String key = args.length > 3 && !args[3].equals("-") ? args[3] : null;
                String body = args.length > 4 ? args[4] : null;
                HttpRequest.Builder b = HttpRequest.newBuilder(uri);
                if (key != null) {
                    b.header("Idempotency-Key", key);
                }
                HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                        : body.equals("stream") ? HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream("order".getBytes(StandardCharsets.UTF_8)))
                        : HttpRequest.BodyPublishers.ofString("order");
                HttpRequest request = b.method(args[2], publisher).build();
                Scenarios.report(1, () -> describe(client.send(request, HttpResponse.BodyHandlers.ofString())));
                break;
            }
            case "async": {
                HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                CompletableFuture<HttpResponse<String>> f = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                CompletableFuture<String> done = f.thenApply(r -> describe(r) + " completedOn=" + Thread.currentThread().getName());
                System.out.println("RESULT 0 OK returned done=" + f.isDone());
                Scenarios.report(1, done::join);
                break;
            }
            case "gets": {
                int calls = Integer.parseInt(args[2]);
                long pause = Long.parseLong(args[3]);
                for (int i = 1; i <= calls; i++) {
                    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                    Scenarios.report(i, () -> describe(client.send(request, HttpResponse.BodyHandlers.ofString())));
                    Thread.sleep(pause);
                }
                break;
            }
            case "hosts": { // CALLS GETs to URL, then CALLS GETs to URL2 (reported as 101...)
                URI other = URI.create(args[2]);
                int calls = Integer.parseInt(args[3]);
                for (int i = 1; i <= calls; i++) {
                    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                    Scenarios.report(i, () -> describe(client.send(request, HttpResponse.BodyHandlers.ofString())));
                }
                for (int i = 1; i <= calls; i++) {
                    HttpRequest request = HttpRequest.newBuilder(other).GET().build();
                    Scenarios.report(100 + i, () -> describe(client.send(request, HttpResponse.BodyHandlers.ofString())));
                }
                break;
            }
            case "bare": { // no timeout anywhere, or the request's own: bare URL [MILLIS]
                long start = System.nanoTime();
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("X-Trace", "t-1").GET();
                if (args.length > 2) {
                    b.timeout(java.time.Duration.ofMillis(Long.parseLong(args[2])));
                }
                HttpRequest request = b.build();
                Scenarios.report(1, () -> describe(client.send(request, HttpResponse.BodyHandlers.ofString())));
                System.out.println("RESULT 2 OK tookMillis=" + (System.nanoTime() - start) / 1_000_000);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        if (args[0].equals("send") && Boolean.getBoolean("scenarios.figures")) { // they are registered 2 s after start
            JdbcScenarios.printFigures("http");
        }
        System.out.flush();
    }

    static String describe(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }
}
