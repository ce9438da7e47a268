package com.acme.legacy;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Legacy code calling Apache HttpClient 5 (classic) directly, for the {@code apache-http5} preset's
 * tests. Prints {@code RESULT <call> OK <status> <body>} or {@code RESULT <call> CAUGHT ...}.
 *
 * <pre>
 *   ApacheScenarios get   URL [own-retries|timeout-MILLIS]  one GET (the client's own retries off unless asked;
 *                                                     timeout-MILLIS: the client's own response timeout)
 *   ApacheScenarios post  URL [KEY|-] [string|stream] one POST; KEY is sent as Idempotency-Key
 *   ApacheScenarios pool  URL CALLS                   CALLS GETs through a pool of 2 connections
 * </pre>
 */
public final class ApacheScenarios {
    private ApacheScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        switch (args[0]) {
            case "get": {
                boolean ownRetries = args.length > 2 && args[2].equals("own-retries");
                HttpClientBuilder b = HttpClients.custom();
                if (!ownRetries) {
                    b.disableAutomaticRetries();
                }
                if (args.length > 2 && args[2].startsWith("timeout-")) { // the application's own response timeout
                    b.setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.ofMilliseconds(Long.parseLong(args[2].substring(8)))).build());
                }
                try (CloseableHttpClient client = b.build()) {
                    Scenarios.report(1, () -> client.execute(new HttpGet(url), ApacheScenarios::describe));
                }
                break;
            }
            case "post": {
                String key = args.length > 2 && !args[2].equals("-") ? args[2] : null;
                boolean stream = args.length > 3 && args[3].equals("stream");
                HttpPost post = new HttpPost(url);
                if (key != null) {
                    post.setHeader("Idempotency-Key", key);
                }
                post.setEntity(stream
                        ? new InputStreamEntity(new ByteArrayInputStream("order".getBytes(StandardCharsets.UTF_8)), ContentType.TEXT_PLAIN)
                        : new StringEntity("order", ContentType.TEXT_PLAIN));
                try (CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().build()) {
                    Scenarios.report(1, () -> client.execute(post, ApacheScenarios::describe));
                }
                break;
            }
            case "pool": {
                int calls = Integer.parseInt(args[2]);
                PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
                pool.setMaxTotal(2);
                pool.setDefaultMaxPerRoute(2);
                RequestConfig config = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(3)).build();
                try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool)
                        .setDefaultRequestConfig(config).disableAutomaticRetries().build()) {
                    for (int i = 1; i <= calls; i++) {
                        Scenarios.report(i, () -> client.execute(new HttpGet(url), ApacheScenarios::describe));
                    }
                    System.out.println("RESULT 0 OK leased=" + pool.getTotalStats().getLeased()
                            + " available=" + pool.getTotalStats().getAvailable());
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.out.flush();
    }

    static String describe(ClassicHttpResponse r) throws java.io.IOException, org.apache.hc.core5.http.ParseException {
        return r.getCode() + " " + (r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity()));
    }
}
