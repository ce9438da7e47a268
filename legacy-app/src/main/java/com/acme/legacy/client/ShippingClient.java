package com.acme.legacy.client;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.pool.PoolStats;
import org.apache.http.util.EntityUtils;

import java.io.Closeable;
import java.io.IOException;

/**
 * A client over Apache HttpClient 4.5 with a small connection pool, as many Java 8 code bases have
 * one: an error status becomes an IOException, and each response is closed, which returns its
 * connection to the pool.
 */
public class ShippingClient implements Closeable {
    private final String baseUrl;
    private final PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
    private final CloseableHttpClient http;

    public ShippingClient(String baseUrl, int connections) {
        this.baseUrl = baseUrl;
        pool.setMaxTotal(connections);
        pool.setDefaultMaxPerRoute(connections);
        http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
    }

    /** GETs the tracking page of {@code path}. */
    public String track(String path) throws IOException {
        try (CloseableHttpResponse response = http.execute(new HttpGet(baseUrl + path))) {
            int status = response.getStatusLine().getStatusCode();
            String body = EntityUtils.toString(response.getEntity());
            if (status >= 400) {
                throw new IOException("HTTP " + status + " from " + path);
            }
            return body;
        }
    }

    /** Connections the pool holds: leased ones were never given back. */
    public String poolStats() {
        PoolStats stats = pool.getTotalStats();
        return "leased=" + stats.getLeased() + " available=" + stats.getAvailable();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
