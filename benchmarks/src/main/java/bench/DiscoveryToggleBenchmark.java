package bench;

import bench.targets.HttpTarget;
import com.sun.net.httpserver.HttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@link DiscoveryBenchmark}'s call in one JVM whose policy file weaves the method in observe mode and
 * turns discovery on: discovery's listener is switched off and on at every iteration (on in the odd
 * ones), so each pair of iterations compares observe mode alone with observe mode and discovery under
 * the same load of a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiscoveryToggleBenchmark {
    private static final byte[] BODY = "{\"sku\":\"sku-1\",\"quantity\":12}".getBytes(StandardCharsets.UTF_8);
    private HttpServer server;
    private URL url;
    private final HttpTarget target = new HttpTarget();
    private Object discovery;
    private Method listen;
    private int iteration;

    @Setup(Level.Trial)
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
        // the runtime is in the bootstrap loader (discovery, in the agent's own loader, is its listener)
        Class<?> dispatcher = Class.forName("dev.tenacious.runtime.Dispatcher", true, null);
        discovery = dispatcher.getMethod("listener").invoke(null);
        if (discovery == null) {
            throw new IllegalStateException("run with a policy file that turns settings.discover on");
        }
        Class<?> listener = Class.forName("dev.tenacious.runtime.CallListener", true, null);
        listen = dispatcher.getMethod("listen", listener);
    }

    /** Odd iterations (warm-up ones included) with discovery listening, even ones without. */
    @Setup(Level.Iteration)
    public void toggle() throws Exception {
        iteration++;
        listen.invoke(null, iteration % 2 == 1 ? discovery : null);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        listen.invoke(null, discovery);
        server.stop(0);
    }

    @Benchmark
    public int httpCall() throws Exception {
        return target.fetch(url);
    }
}
