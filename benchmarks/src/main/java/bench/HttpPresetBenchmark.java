package bench;

import bench.targets.UrlConnectionClient;
import com.sun.net.httpserver.HttpServer;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP GET over loopback that succeeds first time, through each client a preset weaves (and an
 * application method over HttpURLConnection, which a plain pattern weaves): run in JVMs without the
 * agent, then with a policy that names the presets, so the difference is what the agent costs a real
 * request. The server is the JDK's HttpServer in the same JVM, answering 200 with 2 bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpPresetBenchmark {
    @Param({"url-connection-method", "jdk-http", "apache-http4", "apache-http5", "okhttp"})
    public String client;

    private HttpServer server;
    private String url;
    private UrlConnectionClient urlConnection;
    private java.net.http.HttpClient jdk;
    private java.net.http.HttpRequest jdkRequest;
    private CloseableHttpClient apache4;
    private org.apache.hc.client5.http.impl.classic.CloseableHttpClient apache5;
    private okhttp3.OkHttpClient okhttp;
    private okhttp3.Request okRequest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // without it the server's responses wait for the client's delayed ACK (40 ms a request on Linux)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        serverThreads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http-server");
            t.setDaemon(true); // the fork exits when JMH is done with it
            return t;
        });
        server.setExecutor(serverThreads);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/item";
        urlConnection = new UrlConnectionClient();
        jdk = java.net.http.HttpClient.newHttpClient();
        jdkRequest = java.net.http.HttpRequest.newBuilder(URI.create(url)).build();
        apache4 = HttpClients.createDefault();
        apache5 = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
        okhttp = new okhttp3.OkHttpClient();
        okRequest = new okhttp3.Request.Builder().url(url).build();
    }

    private java.util.concurrent.ExecutorService serverThreads;

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        apache4.close();
        apache5.close();
        okhttp.dispatcher().executorService().shutdown();
        okhttp.connectionPool().evictAll();
        server.stop(0);
        serverThreads.shutdown();
    }

    @Benchmark
    public int get() throws Exception {
        switch (client) {
            case "url-connection-method":
                return urlConnection.get(url);
            case "jdk-http":
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
}
