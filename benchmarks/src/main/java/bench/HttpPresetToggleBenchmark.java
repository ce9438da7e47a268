package bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * The same GET as {@link HttpPresetBenchmark}, in one JVM with the agent, its preset's policy switched
 * on and off at every iteration by editing the policy file (the agent's hot reload): while off, the
 * policy names another host (its match is the same, so nothing is re-woven), and the woven call reads
 * its request's host, finds no policy for it and returns, so each pair of neighbouring
 * iterations tells what the preset's own work costs a request, on the same machine in the same second.
 * Odd iterations (warm-up ones included) run with the policy, even ones without. The runner picks
 * the clients (the {@code client} parameter without the application-method row).
 */
public class HttpPresetToggleBenchmark extends HttpPresetBenchmark {
    /** The policy file the agent was started with ({@code -Dtenacious.bench.policy}). */
    static final String PROPERTY = "tenacious.bench.policy";
    static final String ON = String.join("\n", "settings: { log: warn, summaryEvery: 0 }", "policies:",
            "  - name: http",
            "    match: [{ preset: jdk-http }, { preset: apache-http4 }, { preset: apache-http5 }, { preset: okhttp }]", "");
    /** The same match (nothing is re-woven), for another host: the call finds no policy for its host. */
    static final String OFF = String.join("\n", "settings: { log: warn, summaryEvery: 0 }", "policies:",
            "  - name: http",
            "    match: [{ preset: jdk-http }, { preset: apache-http4 }, { preset: apache-http5 }, { preset: okhttp }]",
            "    http: { hosts: [elsewhere.example] }", "");

    private int iteration;

    @Setup(Level.Iteration)
    public void toggle() throws Exception {
        flip(++iteration);
    }

    /** Writes the policy for this iteration (odd: on, even: off) and waits for the agent to reload it. */
    static void flip(int iteration) throws Exception {
        Path file = Paths.get(System.getProperty(PROPERTY));
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.write(next, (iteration % 2 == 1 ? ON : OFF).getBytes(StandardCharsets.UTF_8));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(2_500); // the agent reads the file once a second, and again 150 ms after a change
    }
}
