package dev.tenacious.runtime.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripedCounterTest {
    @Test
    void countsExactlyOnOneThread() {
        StripedCounter c = new StripedCounter();
        for (int i = 0; i < 10_000; i++) {
            c.increment();
        }
        assertEquals(10_000, c.sum());
    }

    @Test
    void losesAtMostAFewCountsUnderContention() throws Exception {
        StripedCounter c = new StripedCounter();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    c.increment();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long sum = c.sum();
        assertTrue(sum <= 800_000);
        assertTrue(sum >= 800_000 * 0.95, "an undercount only where two threads share a cell: " + sum);
    }
}
