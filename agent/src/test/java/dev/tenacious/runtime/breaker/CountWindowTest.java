package dev.tenacious.runtime.breaker;

import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The count window, whose successes in a window of successes touch no shared state: the last N
 * attempts are still exactly what it counts, alone and under contention.
 */
class CountWindowTest {
    static Window.CountWindow window(int size, int minimum, double rate) {
        return new Window.CountWindow(CircuitBreakerConfig.builder().windowSize(size).minimumCalls(minimum)
                .failureRate(rate).slowCall(1, 0.5).build());
    }

    static void successes(Window w, int n) {
        for (int i = 0; i < n; i++) {
            assertFalse(w.record(false, false, 0), "a success never opens the breaker");
        }
    }

    @Test
    void aFailureAfterManySuccessesLeavesAfterExactlyNMoreAttempts() {
        Window.CountWindow w = window(4, 4, 0.5);
        successes(w, 10); // the window filled with successes: the last six turned nothing
        assertFalse(w.record(true, false, 0), "1 of 4");
        successes(w, 3); // window: fail, ok, ok, ok
        assertFalse(w.record(true, false, 0), "the first failure was the oldest of the last four: still 1 of 4");
        assertEquals(1, w.totalsAndRecount()[1]);
    }

    @Test
    void aFailureStillInTheLastNAttemptsCounts() {
        Window.CountWindow w = window(4, 4, 0.5);
        successes(w, 10);
        assertFalse(w.record(true, false, 0));
        successes(w, 2); // window: ok, fail, ok, ok
        assertTrue(w.record(true, false, 0), "window: fail, ok, ok, fail: 2 of 4");
    }

    @Test
    void slowCallsKeepTheWindowTurningUntilTheyLeaveIt() {
        Window.CountWindow w = window(3, 3, 0.9); // slow rate 50%
        successes(w, 5);
        assertFalse(w.record(false, true, 0), "1 slow of 3");
        successes(w, 1);
        assertTrue(w.record(false, true, 0), "window: slow, ok, slow: 2 of 3");
        successes(w, 3);
        int[] t = w.totalsAndRecount();
        assertEquals(0, t[2], "both slow calls left within three later attempts");
        assertEquals(0, t[3], "a window of successes again");
    }

    @Test
    void beforeItIsFullEverySuccessIsCountedTowardsMinimumCalls() {
        Window.CountWindow w = window(10, 4, 0.5);
        successes(w, 2);
        assertFalse(w.record(true, false, 0), "1 of 3 calls, under the minimum of 4");
        assertTrue(w.record(true, false, 0), "2 of 4: 50%, the two successes counted towards the minimum");
    }

    @Test
    void totalsStayExactUnderContention() throws Exception {
        int size = 16;
        Window.CountWindow w = window(size, Integer.MAX_VALUE, 0.5);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    int r = random.nextInt(100);
                    // mostly successes, so the window keeps passing from settled to unsettled and back
                    w.record(r < 2, r == 2 || r == 3, 0);
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        int[] t = w.totalsAndRecount();
        assertArrayEquals(Arrays.copyOfRange(t, 4, 8), Arrays.copyOfRange(t, 0, 4),
                "filled, failures, slow calls and unsettled slots as kept equal the slots' recount");
        successes(w, size);
        assertArrayEquals(new int[] {size, 0, 0, 0, size, 0, 0, 0}, w.totalsAndRecount(), "N successes settle the window");
    }
}
