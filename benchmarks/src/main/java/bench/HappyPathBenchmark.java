package bench;

import bench.targets.BreakerTarget;
import bench.targets.BulkheadTarget;
import bench.targets.GuardedTarget;
import bench.targets.PlainTarget;
import bench.targets.WovenTarget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * A call that succeeds first time: the same tiny method unwoven, woven by the agent (retry policy with
 * the default budget; retry with a count-window breaker and a bulkhead; and with each of them alone, to
 * tell their costs apart), and wrapped in Resilience4j Retry + CircuitBreaker, in one JVM with the agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HappyPathBenchmark {
    private final PlainTarget plain = new PlainTarget();
    private final WovenTarget woven = new WovenTarget();
    private final GuardedTarget guarded = new GuardedTarget();
    private final BreakerTarget breakerOnly = new BreakerTarget();
    private final BulkheadTarget bulkheadOnly = new BulkheadTarget();
    private Runnable resilience4j;
    private int x;
    private int sink;

    @Setup
    public void setUp() {
        Retry retry = Retry.of("bench", RetryConfig.ofDefaults());
        CircuitBreaker breaker = CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
        Runnable call = () -> sink = plain.compute(x++);
        resilience4j = Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, call));
    }

    @Benchmark
    public int unwoven() {
        return plain.compute(x++);
    }

    @Benchmark
    public int woven() {
        return woven.compute(x++);
    }

    @Benchmark
    public int wovenWithBreakerAndBulkhead() {
        return guarded.compute(x++);
    }

    @Benchmark
    public int wovenWithBreaker() {
        return breakerOnly.compute(x++);
    }

    @Benchmark
    public int wovenWithBulkhead() {
        return bulkheadOnly.compute(x++);
    }

    @Benchmark
    public int resilience4jRetryAndBreaker() {
        resilience4j.run();
        return sink;
    }
}
