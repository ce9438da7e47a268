package dev.tenacious.runtime;

import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call under a breaker and a bulkhead of one place, driven through the woven protocol: whichever way
 * the call ends (first-time success, retried success, exhausted, permanent or unclassified failure,
 * refused by the bulkhead or the open breaker) its place is given back exactly once.
 */
class GuardedCallTest {
    private Binding binding;

    @BeforeAll
    static void quiet() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.ERROR); // breaker transitions and retries log at info
    }

    @AfterAll
    static void loud() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.INFO);
    }

    @BeforeEach
    void publish() {
        RetryConfig retry = RetryConfig.builder().maxAttempts(3).backoffType(BackoffType.FIXED).initialNanos(0)
                .jitter(Jitter.NONE).budget(BudgetConfig.OFF).build();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.builder().windowSize(10).minimumCalls(10).failureRate(0.75)
                .openForNanos(3_600_000_000_000L).halfOpenCalls(1).build();
        PolicyConfig config = PolicyConfig.builder("p").retry(retry).circuitBreaker(breaker)
                .bulkhead(new BulkheadConfig(1, 0)).build();
        Policy p = Policy.of(config, new PolicyStates().forName("p"), false, false);
        binding = Binding.of(p, "T.m()", "int", null, System.nanoTime(), Collections.<String>emptyList());
        Dispatcher.publish(new Binding[] {binding}, Collections.<String>emptyList());
    }

    @AfterEach
    void forget() {
        Dispatcher.publish(new Binding[0], Collections.<String>emptyList());
    }

    /** What the caller of a woven method gets, and how many times its body ran. */
    static final class Result {
        Throwable thrown;
        int runs;
    }

    /** One woven call whose attempts end as listed (null: returns; the last entry repeats). */
    static Result call(Throwable... attempts) {
        Result r = new Result();
        Object token = Dispatcher.enter(0);
        long start = Dispatcher.start(0, token);
        boolean skip = Dispatcher.skips(token);
        Object state = null;
        while (true) {
            Throwable thrown = null;
            if (!skip) {
                thrown = attempts[Math.min(r.runs, attempts.length - 1)];
                r.runs++;
            }
            Object next = Dispatcher.exit(0, token, start, state, thrown);
            if (next == null) {
                r.thrown = thrown;
                return r;
            }
            if (next instanceof Outcome) {
                r.thrown = ((Outcome) next).thrown;
                return r;
            }
            state = next;
            skip = false;
        }
    }

    void assertPlaceGivenBack() {
        assertEquals(1, binding.bulkhead.available(), "the bulkhead's one place is free again");
    }

    @Test
    void everyWayACallEndsGivesItsPlaceBack() {
        IOException transientFailure = new IOException("transient");
        List<Throwable[]> calls = Arrays.asList(
                new Throwable[] {null},                                    // first-time success
                new Throwable[] {transientFailure, null},                  // retried, then success
                new Throwable[] {transientFailure},                        // exhausted after 3 attempts
                new Throwable[] {new FileNotFoundException("permanent")},  // never retried
                new Throwable[] {new IllegalStateException("unclassified")});
        for (Throwable[] attempts : calls) {
            Result r = call(attempts);
            assertSame(attempts[attempts.length - 1], r.thrown);
            assertPlaceGivenBack();
        }
    }

    @Test
    void aCallRefusedByAFullBulkheadTakesNoPlaceAndLeavesTheHoldersPlaceHeld() {
        Object holder = Dispatcher.enter(0);
        assertFalse(Dispatcher.skips(holder));
        assertEquals(0, binding.bulkhead.available());
        Result refused = call(new Throwable[] {null});
        assertEquals(0, refused.runs, "refused: the body never ran");
        assertInstanceOf(BulkheadFullException.class, refused.thrown);
        assertEquals(0, binding.bulkhead.available(), "the holder still has its place");
        assertNull(Dispatcher.exit(0, holder, 0L, null, null));
        assertPlaceGivenBack();
    }

    @Test
    void aCallRefusedByTheOpenBreakerGivesItsBulkheadPlaceBack() {
        for (int i = 0; i < 4; i++) {
            call(new IOException("down")); // 3 attempts each: the last 10 attempts all failed
        }
        assertEquals(CircuitBreaker.State.OPEN, binding.breaker.state());
        assertPlaceGivenBack();
        Result refused = call(new Throwable[] {null});
        assertEquals(0, refused.runs);
        assertInstanceOf(CircuitOpenException.class, refused.thrown);
        assertPlaceGivenBack();
    }

    @Test
    void manyThreadsNeverHoldMoreThanThePlaceAndLeakNone() throws Exception {
        int[] inside = new int[1];
        int[] most = new int[1];
        Object lock = new Object();
        Thread[] workers = new Thread[4];
        int[] admitted = new int[workers.length];
        for (int t = 0; t < workers.length; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Object token = Dispatcher.enter(0);
                    long start = Dispatcher.start(0, token);
                    if (!Dispatcher.skips(token)) {
                        synchronized (lock) {
                            most[0] = Math.max(most[0], ++inside[0]);
                        }
                        admitted[id]++;
                        synchronized (lock) {
                            inside[0]--;
                        }
                    }
                    Dispatcher.exit(0, token, start, null, null);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(1, most[0], "never two calls inside a bulkhead of one");
        assertTrue(Arrays.stream(admitted).sum() > 0);
        assertPlaceGivenBack();
    }
}
