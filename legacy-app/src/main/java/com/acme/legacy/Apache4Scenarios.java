package com.acme.legacy;

import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Legacy code calling Apache HttpClient 4.5 directly, for the {@code apache-http4} preset's tests, in the
 * two styles such code has: {@code library} ({@code execute(request)} returns a {@code CloseableHttpResponse}
 * that the caller reads and closes) and {@code handler} ({@code execute(request, responseHandler)}).
 * Each CALL is one argument, words apart: {@code "STYLE METHOD TARGET [key=KEY] [stream] [timeout=MILLIS]"},
 * TARGET a path after BASE or a whole URL, timeout the request's own RequestConfig socket timeout; call n
 * prints {@code RESULT n OK <status> <body>} or {@code RESULT n CAUGHT ...}.
 *
 * <pre>
 *   Apache4Scenarios calls BASE OPTIONS CALL...   OPTIONS: '-' or, comma-separated,
 *                      own-retries             the client's own DefaultHttpRequestRetryHandler (else disableAutomaticRetries())
 *                      client-timeout-MILLIS   the client's default RequestConfig with that socket timeout
 *                      request-timeout-MILLIS  each request's own RequestConfig with that socket timeout
 *   Apache4Scenarios pool  BASE PATH CALLS STYLE   CALLS GETs through a pool of 2 (STYLE library, handler
 *                                                  or both, alternately); then RESULT 0 OK leased=N available=M
 *   Apache4Scenarios leak  BASE GOOD_PATH LEAKY_PATH CALLS
 *                      one GET of GOOD_PATH through a well-behaved client, then CALLS GETs of LEAKY_PATH through a
 *                      leaky wrapper that never closes its responses, over a pool of 2 whose connection request
 *                      timeout is 500 ms (calls 3 on: ConnectionPoolTimeoutException); then the policy http's JMX figures
 * </pre>
 */
public final class Apache4Scenarios {
    private Apache4Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[1];
        switch (args[0]) {
            case "calls": {
                List<String> options = Arrays.asList(args[2].split(","));
                HttpClientBuilder b = HttpClients.custom();
                if (!options.contains("own-retries")) {
                    b.disableAutomaticRetries();
                }
                Integer requestTimeout = null;
                for (String o : options) {
                    if (o.startsWith("client-timeout-")) {
                        b.setDefaultRequestConfig(RequestConfig.custom()
                                .setSocketTimeout(Integer.parseInt(o.substring("client-timeout-".length()))).build());
                    } else if (o.startsWith("request-timeout-")) {
                        requestTimeout = Integer.parseInt(o.substring("request-timeout-".length()));
                    }
                }
                try (CloseableHttpClient client = b.build()) {
                    for (int i = 3; i < args.length; i++) {
                        String[] call = args[i].trim().split("\\s+");
                        HttpRequestBase request = request(base, call);
                        Integer timeout = requestTimeout;
                        for (String word : call) {
                            if (word.startsWith("timeout=")) {
                                timeout = Integer.parseInt(word.substring("timeout=".length()));
                            }
                        }
                        if (timeout != null) {
                            request.setConfig(RequestConfig.custom().setSocketTimeout(timeout).build());
                        }
                        boolean handler = call[0].equals("handler");
                        Scenarios.report(i - 2, () -> handler ? client.execute(request, Apache4Scenarios::describe) : library(client, request));
                    }
                }
                break;
            }
            case "pool": {
                int calls = Integer.parseInt(args[3]);
                String style = args.length > 4 ? args[4] : "library";
                PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
                pool.setMaxTotal(2);
                pool.setDefaultMaxPerRoute(2);
                RequestConfig config = RequestConfig.custom().setConnectionRequestTimeout(3000).build();
                try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool)
                        .setDefaultRequestConfig(config).disableAutomaticRetries().build()) {
                    for (int i = 1; i <= calls; i++) {
                        HttpGet get = new HttpGet(base + args[2]);
                        boolean handler = style.equals("handler") || style.equals("both") && i % 2 == 0;
                        Scenarios.report(i, () -> handler ? client.execute(get, Apache4Scenarios::describe) : library(client, get));
                    }
                    System.out.println("RESULT 0 OK leased=" + pool.getTotalStats().getLeased()
                            + " available=" + pool.getTotalStats().getAvailable());
                }
                break;
            }
            case "leak": {
                try (CloseableHttpClient good = HttpClients.custom().disableAutomaticRetries().build()) {
                    HttpGet get = new HttpGet(base + args[2]);
                    Scenarios.report(1, () -> library(good, get));
                }
                int calls = Integer.parseInt(args[4]);
                LeakyWrapper leaky = new LeakyWrapper();
                for (int i = 1; i <= calls; i++) {
                    long start = System.nanoTime();
                    Scenarios.report(100 + i, () -> leaky.status(base + args[3]));
                    System.out.println("ELAPSED " + (100 + i) + " " + (System.nanoTime() - start) / 1_000_000);
                }
                JdbcScenarios.printFigures("http");
                break;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.out.flush();
    }

    /** The legacy bug: reads the status, never closes the response, so each call keeps a pooled connection for good. */
    static final class LeakyWrapper {
        private final CloseableHttpClient http;

        LeakyWrapper() {
            PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
            pool.setMaxTotal(2);
            pool.setDefaultMaxPerRoute(2);
            http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries()
                    .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(500).build()).build();
        }

        String status(String url) throws IOException {
            CloseableHttpResponse response = http.execute(new HttpGet(url));
            return response.getStatusLine().getStatusCode() + " (response never closed)";
        }
    }

    /** "METHOD TARGET [key=KEY] [stream]" after the style word. */
    static HttpRequestBase request(String base, String[] call) {
        String target = call[2].startsWith("http") ? call[2] : base + call[2];
        if (call[1].equals("GET")) {
            return new HttpGet(target);
        }
        HttpPost post = new HttpPost(target);
        boolean stream = false;
        for (int w = 3; w < call.length; w++) {
            if (call[w].startsWith("key=")) {
                post.setHeader("Idempotency-Key", call[w].substring(4));
            } else if (call[w].equals("stream")) {
                stream = true;
            }
        }
        post.setEntity(stream
                ? new InputStreamEntity(new ByteArrayInputStream("order".getBytes(StandardCharsets.UTF_8)), ContentType.TEXT_PLAIN)
                : new StringEntity("order", ContentType.TEXT_PLAIN));
        return post;
    }

    /** The library style: the caller reads the entity and closes the response. */
    static String library(CloseableHttpClient client, HttpRequestBase request) throws IOException {
        try (CloseableHttpResponse response = client.execute(request)) {
            return describe(response);
        }
    }

    static String describe(HttpResponse r) throws IOException {
        return r.getStatusLine().getStatusCode() + " " + (r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity()));
    }
}
