package bench;

import bench.targets.FlakyFailure;
import bench.targets.FlakyTarget;
import bench.targets.GuardedFlakyTarget;
import bench.targets.PlainFlaky;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
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
import org.springframework.retry.RetryCallback;
import org.springframework.retry.backoff.NoBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A call that fails once, then succeeds on its first retry, with zero backoff: a plain try/catch loop
 * (no library), Resilience4j Retry, Resilience4j Retry + CircuitBreaker, Failsafe RetryPolicy, Spring
 * Retry's RetryTemplate, and the agent (a retry policy; and retry with a breaker and a bulkhead), in one
 * JVM with the agent. The failure is thrown with its stack trace filled, or stackless; the call is made
 * {@code depth} frames deep (the benchmark recurses first), because filling a stack trace, and anything
 * that reads the stack, costs in proportion to it.
 *
 * <p>Every operation is checked: the body ran exactly twice (one failure, one success) and the call
 * returned the second run's value; otherwise the benchmark fails. A library that silently stopped
 * retrying (an open breaker, an exhausted budget, a nesting check that misfired) would end the run with
 * the exception or the check's error instead of a figure. The teardown also checks the totals of each
 * iteration: body runs = 2 x operations, failures thrown = operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FailurePathBenchmark {
    /** Frames on the stack where the retrying call is made, that frame included. */
    @Param({"20", "200"})
    public int depth;

    @Param({"filled", "stackless"})
    public String exception;

    private final PlainFlaky plain = new PlainFlaky();
    private final FlakyTarget woven = new FlakyTarget();
    private final GuardedFlakyTarget guarded = new GuardedFlakyTarget();

    private Supplier<Integer> resilience4jRetry;
    private Supplier<Integer> resilience4jRetryAndBreaker;
    private FailsafeExecutor<Integer> failsafe;
    private CheckedSupplier<Integer> failsafeCall;
    private RetryTemplate springRetry;
    private RetryCallback<Integer, RuntimeException> springCall;

    /** Frames the benchmark method adds by recursion before the call; computed on the first operation. */
    private int extraFrames = -1;
    /** The stack depth seen where the call was made, measured once. */
    private int measuredDepth;
    private long operations;
    private long bodyRunsBefore;

    @Setup(Level.Trial)
    public void setUp() {
        boolean stackless = exception.equals("stackless");
        if (!stackless && !exception.equals("filled")) {
            throw new IllegalArgumentException("exception: filled or stackless, not " + exception);
        }
        plain.stackless = stackless;
        woven.stackless = stackless;
        guarded.stackless = stackless;

        Retry retry = Retry.of("bench", RetryConfig.custom()
                .maxAttempts(2).waitDuration(Duration.ZERO).retryExceptions(FlakyFailure.class).build());
        // the fail-once operation fails every other attempt: a 50% failure rate must not open the breaker
        CircuitBreaker breaker = CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(100)
                .failureRateThreshold(60).build());
        Supplier<Integer> call = plain::call;
        resilience4jRetry = Retry.decorateSupplier(retry, call);
        resilience4jRetryAndBreaker = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call));

        // Failsafe's delay defaults to zero (withDelay refuses a zero one)
        failsafe = Failsafe.with(RetryPolicy.<Integer>builder().handle(FlakyFailure.class).withMaxAttempts(2).build());
        failsafeCall = plain::call;

        springRetry = new RetryTemplate();
        springRetry.setRetryPolicy(new SimpleRetryPolicy(2, Collections.singletonMap(FlakyFailure.class, true)));
        springRetry.setBackOffPolicy(new NoBackOffPolicy());
        springCall = context -> plain.call();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        operations = 0;
        bodyRunsBefore = totalRuns;
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        long runs = totalRuns - bodyRunsBefore;
        if (operations == 0 || runs != 2 * operations) {
            throw new IllegalStateException(operations + " operations ran the body " + runs + " times, not twice each");
        }
    }

    @TearDown(Level.Trial)
    public void checkDepth() {
        if (measuredDepth != depth) {
            throw new IllegalStateException("the call was made " + measuredDepth + " frames deep, not " + depth);
        }
    }

    // ---- the rows ----

    @Benchmark
    public int plainLoop() {
        return run(PLAIN_LOOP);
    }

    @Benchmark
    public int resilience4jRetry() {
        return run(R4J_RETRY);
    }

    @Benchmark
    public int resilience4jRetryAndBreaker() {
        return run(R4J_RETRY_BREAKER);
    }

    @Benchmark
    public int failsafeRetryPolicy() {
        return run(FAILSAFE);
    }

    @Benchmark
    public int springRetryTemplate() {
        return run(SPRING);
    }

    @Benchmark
    public int tenaciousRetry() {
        return run(TENACIOUS);
    }

    @Benchmark
    public int tenaciousWithBreakerAndBulkhead() {
        return run(TENACIOUS_GUARDED);
    }

    // ---- the machinery ----

    private static final int PLAIN_LOOP = 0;
    private static final int R4J_RETRY = 1;
    private static final int R4J_RETRY_BREAKER = 2;
    private static final int FAILSAFE = 3;
    private static final int SPRING = 4;
    private static final int TENACIOUS = 5;
    private static final int TENACIOUS_GUARDED = 6;

    private long totalRuns;

    private int run(int kind) {
        if (extraFrames < 0) {
            // this frame is at the stack's length; descend(k) adds k + 1 frames, the last one makes the call
            extraFrames = depth - new Throwable().getStackTrace().length - 1;
            if (extraFrames < 0) {
                throw new IllegalStateException("depth " + depth + " is below the harness's own stack");
            }
            measuredDepth = -1;
        }
        int result = descend(extraFrames, kind);
        operations++;
        return result;
    }

    private int descend(int frames, int kind) {
        if (frames > 0) {
            return descend(frames - 1, kind);
        }
        if (measuredDepth < 0) {
            measuredDepth = new Throwable().getStackTrace().length;
        }
        int result;
        int runs;
        switch (kind) {
            case PLAIN_LOOP:
                plain.runs = 0;
                result = plainLoop(plain);
                runs = plain.runs;
                break;
            case R4J_RETRY:
                plain.runs = 0;
                result = resilience4jRetry.get();
                runs = plain.runs;
                break;
            case R4J_RETRY_BREAKER:
                plain.runs = 0;
                result = resilience4jRetryAndBreaker.get();
                runs = plain.runs;
                break;
            case FAILSAFE:
                plain.runs = 0;
                result = failsafe.get(failsafeCall);
                runs = plain.runs;
                break;
            case SPRING:
                plain.runs = 0;
                result = springRetry.execute(springCall);
                runs = plain.runs;
                break;
            case TENACIOUS:
                woven.runs = 0;
                result = woven.call();
                runs = woven.runs;
                break;
            case TENACIOUS_GUARDED:
                guarded.runs = 0;
                result = guarded.call();
                runs = guarded.runs;
                break;
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
        if (runs != 2 || result != 2) {
            throw new IllegalStateException("the operation ran " + runs + " times and returned " + result
                    + "; one failure then one success expected");
        }
        totalRuns += runs;
        return result;
    }

    /** What an application without a library writes: try, catch the transient failure, try once more. */
    private static int plainLoop(PlainFlaky target) {
        for (int attempt = 1; ; attempt++) {
            try {
                return target.call();
            } catch (FlakyFailure e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }
}
