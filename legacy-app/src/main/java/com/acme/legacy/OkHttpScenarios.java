package com.acme.legacy;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Legacy code calling OkHttp directly, for the {@code okhttp} preset's tests: compiled against OkHttp 3.14,
 * run with 3.14.9 or 4.12.0 on the class path (legacy-app/target/lib-okhttp3 or lib-okhttp4). Each CALL is
 * one argument, words apart: {@code "STYLE METHOD TARGET [key=KEY] [oneshot]"}, STYLE {@code execute}
 * ({@code newCall(request).execute()}) or {@code enqueue} ({@code newCall(request).enqueue(callback)}; the
 * scenario waits for the callback), TARGET a path after BASE or a whole URL. Call n prints
 * {@code RESULT n OK <code> <body>} or {@code RESULT n CAUGHT <exception class> <message>}; an enqueued call
 * also {@code ASYNC n returnedMillis=R callbackMillis=C thread=T callbacks=N} (when enqueue returned and when
 * the callback ran, from just before enqueue; the callback's thread; how many times it ran, 300 ms after the first).
 *
 * <pre>
 *   OkHttpScenarios calls BASE OPTIONS CALL...   OPTIONS: '-' or, comma-separated,
 *                      no-own-retries       retryOnConnectionFailure(false) (OkHttp's default is true)
 *                      call-timeout-MILLIS  the client's own callTimeout
 *                      app-leaks            execute style: the application never closes the response (a legacy bug)
 *                      leak-check           after the calls: System.gc(), a probe GET of BASE/probe, and the pool again
 * </pre>
 * After the calls: {@code OKHTTP <jar>} and {@code POOL connections=N idle=M} (a connection that is not idle
 * after every call returned is held by a response nobody closed); with leak-check {@code POOL-AFTER-GC ...}, and
 * OkHttp itself logs "A connection to ... was leaked" on stderr (java.util.logging) if one was.
 */
public final class OkHttpScenarios {
    private OkHttpScenarios() {
    }

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("calls")) {
            throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        String base = args[1];
        List<String> options = Arrays.asList(args[2].split(","));
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        if (options.contains("no-own-retries")) {
            b.retryOnConnectionFailure(false);
        }
        for (String o : options) {
            if (o.startsWith("call-timeout-")) {
                b.callTimeout(Long.parseLong(o.substring("call-timeout-".length())), TimeUnit.MILLISECONDS);
            }
        }
        OkHttpClient client = b.build();
        boolean appLeaks = options.contains("app-leaks");
        for (int i = 3; i < args.length; i++) {
            String[] call = args[i].trim().split("\\s+");
            Request request = request(base, call);
            int n = i - 2;
            if (call[0].equals("enqueue")) {
                enqueue(client, request, n);
            } else {
                Scenarios.report(n, () -> appLeaks ? leak(client, request) : execute(client, request));
            }
        }
        System.out.println("OKHTTP " + OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        System.out.println("POOL connections=" + client.connectionPool().connectionCount()
                + " idle=" + client.connectionPool().idleConnectionCount());
        if (options.contains("leak-check")) {
            // a response nobody closed is found when its call is collected and the pool is next cleaned up,
            // which the probe's connection triggers; OkHttp then logs the leak
            for (int gc = 0; gc < 3; gc++) {
                System.gc();
                Thread.sleep(200);
            }
            Scenarios.report(99, () -> execute(client, new Request.Builder().url(base + "/probe").build()));
            Thread.sleep(500);
            System.out.println("POOL-AFTER-GC connections=" + client.connectionPool().connectionCount()
                    + " idle=" + client.connectionPool().idleConnectionCount());
        }
        System.out.flush();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    static String execute(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            return describe(response);
        }
    }

    /** The legacy bug: reads the code, never closes the response. */
    static String leak(OkHttpClient client, Request request) throws IOException {
        Response response = client.newCall(request).execute();
        return response.code() + " (response never closed)";
    }

    static void enqueue(OkHttpClient client, Request request, int n) throws InterruptedException {
        AtomicInteger callbacks = new AtomicInteger();
        AtomicReference<String> outcome = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicLong callbackAt = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                finish("CAUGHT " + e.getClass().getName() + " " + e.getMessage());
            }

            @Override
            public void onResponse(Call call, Response response) {
                String o;
                try (Response r = response) {
                    o = "OK " + describe(r);
                } catch (IOException e) {
                    o = "CAUGHT " + e.getClass().getName() + " " + e.getMessage();
                }
                finish(o);
            }

            private void finish(String o) {
                if (callbacks.incrementAndGet() == 1) {
                    outcome.set(o);
                    thread.set(Thread.currentThread().getName());
                    callbackAt.set(System.nanoTime());
                    done.countDown();
                }
            }
        });
        long returned = System.nanoTime();
        boolean called = done.await(60, TimeUnit.SECONDS);
        Thread.sleep(300); // a second callback would come now
        synchronized (Scenarios.class) {
            System.out.println("RESULT " + n + " " + (called ? outcome.get() : "NO-CALLBACK within 60 s"));
            System.out.println("ASYNC " + n + " returnedMillis=" + (returned - start) / 1_000_000
                    + " callbackMillis=" + (called ? (callbackAt.get() - start) / 1_000_000 : -1)
                    + " thread=" + (called ? thread.get() : "-").replace(' ', '_') + " callbacks=" + callbacks.get());
        }
    }

    /** "METHOD TARGET [key=KEY] [oneshot]" after the style word. */
    static Request request(String base, String[] call) {
        String target = call[2].startsWith("http") ? call[2] : base + call[2];
        Request.Builder b = new Request.Builder().url(target);
        if (call[1].equals("GET")) {
            return b.build();
        }
        boolean oneShot = false;
        for (int w = 3; w < call.length; w++) {
            if (call[w].startsWith("key=")) {
                b.header("Idempotency-Key", call[w].substring(4));
            } else if (call[w].equals("oneshot")) {
                oneShot = true;
            }
        }
        RequestBody body = oneShot ? new OneShotBody("order") : RequestBody.create(MediaType.parse("text/plain"), "order");
        return b.method(call[1], body).build();
    }

    static String describe(Response r) throws IOException {
        return r.code() + " " + (r.body() == null ? "" : r.body().string());
    }

    /** A body that can be written once (a stream being uploaded): OkHttp itself never retries it. */
    static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public MediaType contentType() {
            return MediaType.parse("text/plain");
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }
    }
}
