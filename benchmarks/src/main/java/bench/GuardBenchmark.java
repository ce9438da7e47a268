package bench;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.limits.Bulkhead;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the breaker and the bulkhead themselves cost a call that succeeds first time, apart from the
 * woven protocol around them: the breaker's admission and its recording of the success (count window),
 * the bulkhead's place taken and given back, both, and for scale one uncontended atomic
 * compare-and-set and one clock read. The runtime's classes come from the agent jar, whose
 * runtime the agent defines in the bootstrap loader (the fork's policy weaves nothing), so {@code -Dvs=} compares
 * two builds' components.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardBenchmark {
    private final AtomicInteger counter = new AtomicInteger();
    private final Clock clock = System::nanoTime;
    private CircuitBreaker breaker;
    private Bulkhead bulkhead;

    @Setup
    public void setUp() {
        breaker = new CircuitBreaker("bench", CircuitBreakerConfig.builder().windowSize(100).build(), System.nanoTime());
        bulkhead = new Bulkhead(new BulkheadConfig(10, 0));
    }

    @Benchmark
    public int compareAndSet() {
        int v = counter.get();
        counter.compareAndSet(v, v + 1);
        return v;
    }

    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    @Benchmark
    public Object breakerAdmitAndRecordSuccess() {
        CircuitBreaker.Phase p = breaker.tryAcquire(clock);
        breaker.record(p, false, 0, clock);
        return p;
    }

    @Benchmark
    public boolean bulkheadTakeAndGiveBack() {
        boolean taken = bulkhead.tryAcquire();
        if (taken) {
            bulkhead.release();
        }
        return taken;
    }

    @Benchmark
    public Object both() {
        if (!bulkhead.tryAcquire()) {
            return null;
        }
        CircuitBreaker.Phase p = breaker.tryAcquire(clock);
        breaker.record(p, false, 0, clock);
        bulkhead.release();
        return p;
    }
}
