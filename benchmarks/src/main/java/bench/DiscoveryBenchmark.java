package bench;

import bench.targets.HttpTarget;
import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An application method making HTTP calls over loopback, through HttpURLConnection, to a JDK
 * HttpServer in the same JVM. Run in JVMs without the agent, with a policy weaving the method in
 * observe mode, and with {@code discover}: what discovery costs the application's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiscoveryBenchmark {
    private static final byte[] BODY = "{\"sku\":\"sku-1\",\"quantity\":12}".getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private URL url;
    private final HttpTarget target = new HttpTarget();

    @Setup
    public void start() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/inventory/item", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        url = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/inventory/item");
    }

    @TearDown
    public void stop() {
        server.stop(0);
    }

    @Benchmark
    public int httpCall() throws Exception {
        return target.fetch(url);
    }
}
