package bench;

import bench.inmemory.CannedSockets;
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

import java.util.concurrent.TimeUnit;

/**
 * The GET of {@link HttpPresetBenchmark} through the same clients, over sockets that answer in memory
 * ({@link CannedSockets}): the whole request runs on the benchmark's thread, so run without the agent and
 * with it, the difference is the preset's own work per call, resolved to nanoseconds, which a loopback
 * request's scheduling noise hides. The JDK's {@code HttpClient} is not here: it opens NIO channels,
 * which no socket factory reaches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpPresetInMemoryBenchmark {
    @Param({"url-connection-method", "apache-http4", "apache-http5", "okhttp"})
    public String client;

    private HttpClientsUnderTest clients;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CannedSockets.install();
        clients = new HttpClientsUnderTest("http://127.0.0.1:8080/item");
        if (clients.get(client) != 2) {
            throw new IllegalStateException("the canned response did not come back through " + client);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        clients.close();
    }

    @Benchmark
    public int get() throws Exception {
        return clients.get(client);
    }
}
