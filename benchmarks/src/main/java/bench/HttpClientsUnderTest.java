package bench;

import bench.targets.UrlConnectionClient;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.net.URI;

/**
 * The HTTP clients the presets weave (and an application method over HttpURLConnection, which a plain
 * pattern weaves), each sending the same GET and reading the body to the end, as the HTTP benchmarks
 * call them.
 */
final class HttpClientsUnderTest implements AutoCloseable {
    private final String url;
    private final UrlConnectionClient urlConnection = new UrlConnectionClient();
    private final CloseableHttpClient apache4 = HttpClients.createDefault();
    private final org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5 =
            org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
    private final okhttp3.OkHttpClient okhttp = new okhttp3.OkHttpClient();
    private final okhttp3.Request okRequest;
    private java.net.http.HttpClient jdk;
    private java.net.http.HttpRequest jdkRequest;

    HttpClientsUnderTest(String url) {
        this.url = url;
        okRequest = new okhttp3.Request.Builder().url(url).build();
    }

    /** One GET through {@code client}; the body's length (or bytes read). */
    int get(String client) throws Exception {
        switch (client) {
            case "url-connection-method":
                return urlConnection.get(url);
            case "jdk-http":
                if (jdk == null) { // built on first use: the in-memory benchmark never reaches it
                    jdk = java.net.http.HttpClient.newHttpClient();
                    jdkRequest = java.net.http.HttpRequest.newBuilder(URI.create(url)).build();
                }
                return jdk.send(jdkRequest, java.net.http.HttpResponse.BodyHandlers.ofString()).body().length();
            case "apache-http4":
                try (CloseableHttpResponse r = apache4.execute(new HttpGet(url))) {
                    return EntityUtils.toString(r.getEntity()).length();
                }
            case "apache-http5":
                return apache5.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url),
                        r -> org.apache.hc.core5.http.io.entity.EntityUtils.toString(r.getEntity()).length());
            case "okhttp":
                try (okhttp3.Response r = okhttp.newCall(okRequest).execute()) {
                    return r.body().string().length();
                }
            default:
                throw new IllegalArgumentException(client);
        }
    }

    @Override
    public void close() throws Exception {
        apache4.close();
        apache5.close();
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
    }
}
