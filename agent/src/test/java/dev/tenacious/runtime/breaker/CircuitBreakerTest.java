package dev.tenacious.runtime.breaker;

import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Clock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The breaker's state machine with a fake clock, one promise per test. */
class CircuitBreakerTest {
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.WARN); // the breaker logs each transition at info
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.INFO);
    }

    static final long S = 1_000_000_000L;

    static CircuitBreakerConfig count(int size, int minimum, double rate, long openFor, int probes) {
        return CircuitBreakerConfig.builder().windowSize(size).minimumCalls(minimum).failureRate(rate).openForNanos(openFor)
                .halfOpenCalls(probes).build();
    }

    static Clock at(long now) {
        return () -> now;
    }

    static void attempt(CircuitBreaker b, long now, boolean failure) {
        CircuitBreaker.Phase p = b.tryAcquire(now);
        assertNotNull(p, "admitted");
        b.record(p, failure, 0, at(now));
    }

    @Test
    void staysClosedUntilMinimumCallsEvenIfAllFail() {
        CircuitBreaker b = new CircuitBreaker("t", count(10, 5, 0.5, 30 * S, 2), 0);
        for (int i = 0; i < 4; i++) {
            attempt(b, 0, true);
        }
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
        attempt(b, 0, true);
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }

    @Test
    void opensWhenTheFailureRateReachesTheThresholdOverTheCountWindow() {
        CircuitBreaker b = new CircuitBreaker("t", count(4, 4, 0.5, 30 * S, 2), 0);
        attempt(b, 0, false);
        attempt(b, 0, false);
        attempt(b, 0, false);
        attempt(b, 0, true); // 1 of 4
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
        attempt(b, 0, true); // window now ok, ok, fail, fail: 50%
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }

    @Test
    void oldOutcomesLeaveTheCountWindow() {
        CircuitBreaker b = new CircuitBreaker("t", count(4, 4, 0.75, 30 * S, 2), 0);
        attempt(b, 0, true);
        attempt(b, 0, true);
        for (int i = 0; i < 4; i++) {
            attempt(b, 0, false); // pushes both failures out
        }
        attempt(b, 0, true);
        attempt(b, 0, true); // 2 of 4 < 75%
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
        attempt(b, 0, true); // 3 of 4
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }

    @Test
    void anOpenBreakerRefusesUntilOpenForHasPassedThenAdmitsExactlyTheProbes() {
        CircuitBreaker b = new CircuitBreaker("t", count(2, 2, 0.5, 10 * S, 3), 0);
        attempt(b, 0, true);
        attempt(b, 0, true);
        assertNull(b.tryAcquire(9 * S));
        assertEquals(1, b.rejected());
        CircuitBreaker.Phase p1 = b.tryAcquire(10 * S);
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        assertNotNull(b.tryAcquire(10 * S));
        assertNotNull(b.tryAcquire(10 * S));
        assertNull(b.tryAcquire(10 * S), "a fourth call while three probes are out is refused");
    }

    @Test
    void successfulProbesCloseTheBreakerAndFailingOnesOpenItAgain() {
        CircuitBreaker b = new CircuitBreaker("t", count(2, 2, 0.5, 10 * S, 2), 0);
        attempt(b, 0, true);
        attempt(b, 0, true);
        attempt(b, 10 * S, false);
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        attempt(b, 10 * S, false);
        assertEquals(CircuitBreaker.State.CLOSED, b.state());

        attempt(b, 11 * S, true);
        attempt(b, 11 * S, true);
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        attempt(b, 21 * S, true);
        attempt(b, 21 * S, false); // 1 of 2 probes failed: 50% >= 50%
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        assertNull(b.tryAcquire(22 * S), "opened again at 21 s, for another 10 s");
    }

    @Test
    void anOutcomeFromAnEarlierPhaseIsNotCountedInTheNextOne() {
        CircuitBreaker b = new CircuitBreaker("t", count(2, 2, 0.5, 10 * S, 1), 0);
        CircuitBreaker.Phase slowClosedCall = b.tryAcquire(0);
        attempt(b, 0, true);
        attempt(b, 0, true);
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        CircuitBreaker.Phase probe = b.tryAcquire(10 * S);
        b.record(slowClosedCall, false, 0, at(10 * S)); // admitted while closed: must not close the breaker
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        b.record(probe, false, 0, at(10 * S));
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
    }

    @Test
    void slowCallsOpenTheBreakerAtTheSlowRate() {
        CircuitBreakerConfig c = CircuitBreakerConfig.builder().windowSize(4).minimumCalls(4).failureRate(0.9)
                .slowCall(2 * S, 0.5).openForNanos(10 * S).halfOpenCalls(1).build();
        CircuitBreaker b = new CircuitBreaker("t", c, 0);
        for (int i = 0; i < 2; i++) {
            b.record(b.tryAcquire(0), false, 1 * S, at(0));
        }
        b.record(b.tryAcquire(0), false, 3 * S, at(0));
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
        b.record(b.tryAcquire(0), false, 2 * S, at(0)); // 2 of 4 at or over 2 s
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }

    @Test
    void theTimeWindowForgetsAttemptsOlderThanItsSize() {
        CircuitBreakerConfig c = CircuitBreakerConfig.builder().timeWindow(true).windowSize(10).minimumCalls(3)
                .failureRate(0.5).openForNanos(10 * S).halfOpenCalls(1).build();
        CircuitBreaker b = new CircuitBreaker("t", c, 0);
        attempt(b, 0, true);
        attempt(b, 1 * S, true);
        attempt(b, 12 * S, false); // the two failures are more than 10 s old
        attempt(b, 12 * S, true);
        assertEquals(CircuitBreaker.State.CLOSED, b.state(), "2 calls in the window, minimum 3");
        attempt(b, 13 * S, true);
        assertEquals(CircuitBreaker.State.OPEN, b.state(), "2 failures of 3 in the last 10 s");
    }

    @Test
    void halfOpenAdmitsExactlyTheProbesAndCountsEveryCallOnceUnderContention() throws Exception {
        for (int round = 0; round < 20; round++) {
            int probes = 3;
            CircuitBreaker b = new CircuitBreaker("t", count(2, 2, 0.5, 1, probes), 0);
            attempt(b, 0, true);
            attempt(b, 0, true);
            int threads = 8;
            int callsEach = 1000;
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < callsEach; i++) {
                        if (b.tryAcquire(5) != null) { // probes are admitted and never report back here
                            admitted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                });
                workers[t].start();
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertEquals(probes, admitted.get(), "HALF_OPEN admits exactly halfOpenCalls probes");
            assertEquals(threads * callsEach, admitted.get() + refused.get(), "every call counted once");
            assertEquals(refused.get(), b.rejected());
            assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        }
    }

    @Test
    void halfOpenAdmitsExactlyTheProbesWhileTheyReportBackUnderContention() throws Exception {
        for (boolean probesFail : new boolean[] {false, true}) {
            for (int round = 0; round < 20; round++) {
                int probes = 3;
                CircuitBreaker b = new CircuitBreaker("t", count(4, 2, 0.5, 10 * S, probes), 0);
                attempt(b, 0, true);
                attempt(b, 0, true);
                AtomicInteger halfOpenAdmitted = new AtomicInteger();
                AtomicInteger closedAdmitted = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                Thread[] workers = new Thread[4];
                for (int t = 0; t < workers.length; t++) {
                    workers[t] = new Thread(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        for (int i = 0; i < 2000; i++) {
                            CircuitBreaker.Phase p = b.tryAcquire(10 * S);
                            if (p == null) {
                                continue;
                            }
                            boolean probe = p.state == CircuitBreaker.State.HALF_OPEN;
                            (probe ? halfOpenAdmitted : closedAdmitted).incrementAndGet();
                            b.record(p, probe && probesFail, 0, at(10 * S));
                        }
                    });
                    workers[t].start();
                }
                start.countDown();
                for (Thread w : workers) {
                    w.join();
                }
                assertEquals(probes, halfOpenAdmitted.get(), "exactly halfOpenCalls probes, however many threads ask");
                if (probesFail) {
                    assertEquals(CircuitBreaker.State.OPEN, b.state());
                    assertEquals(0, closedAdmitted.get());
                    assertEquals(4 * 2000 - probes, b.rejected(), "every other call refused");
                } else {
                    assertEquals(CircuitBreaker.State.CLOSED, b.state());
                    assertEquals(4 * 2000 - probes, closedAdmitted.get() + b.rejected(), "after the probes: closed, or refused while they ran");
                }
                assertEquals(3, b.transitions(), "closed -> open -> half-open -> " + (probesFail ? "open" : "closed"));
            }
        }
    }
}
