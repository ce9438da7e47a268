package bench;

import com.sun.net.httpserver.HttpServer;
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
    private java.util.concurrent.ExecutorService serverThreads;
    private HttpClientsUnderTest clients;

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
        clients = new HttpClientsUnderTest("http://127.0.0.1:" + server.getAddress().getPort() + "/item");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        clients.close();
        server.stop(0);
        serverThreads.shutdown();
    }

    @Benchmark
    public int get() throws Exception {
        return clients.get(client);
    }
}
