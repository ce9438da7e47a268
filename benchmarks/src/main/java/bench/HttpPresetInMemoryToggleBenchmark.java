package bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The in-memory GET of {@link HttpPresetInMemoryBenchmark}, its preset's policy switched on and off at
 * every iteration as {@link HttpPresetToggleBenchmark} does over loopback: in one JVM, neighbouring
 * iterations differ only by the preset's work beyond reading the request's host, and the machine's
 * drift from one minute to the next falls on both.
 */
public class HttpPresetInMemoryToggleBenchmark extends HttpPresetInMemoryBenchmark {
    private int iteration;

    @Setup(Level.Iteration)
    public void toggle() throws Exception {
        HttpPresetToggleBenchmark.flip(++iteration);
    }
}
