package dev.tenacious.runtime.limits;

import dev.tenacious.runtime.policy.BulkheadConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bulkhead's places: never more than maxConcurrent taken, none lost, a wait that ends either way. */
class BulkheadTest {
    @Test
    void refusesTheCallBeyondMaxConcurrentAndAdmitsItOnceAPlaceIsGivenBack() {
        Bulkhead b = new Bulkhead(new BulkheadConfig(2, 0));
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire(), "both places taken");
        b.release();
        assertTrue(b.tryAcquire());
        b.release();
        b.release();
        assertEquals(2, b.available());
    }

    @Test
    void manyThreadsNeverHoldMoreThanMaxConcurrentAndLoseNoPlace() throws Exception {
        int max = 3;
        Bulkhead b = new Bulkhead(new BulkheadConfig(max, 0));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[8];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50_000; i++) {
                    if (!b.tryAcquire()) {
                        refused.incrementAndGet();
                        continue;
                    }
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.yield();
                    inside.decrementAndGet();
                    b.release();
                }
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(most.get() <= max, "at most " + max + " inside at once, saw " + most.get());
        assertEquals(max, b.available(), "every place given back");
    }

    @Test
    void aCallWaitsUpToMaxWaitAndGetsThePlaceGivenBackMeanwhile() throws Exception {
        Bulkhead b = new Bulkhead(new BulkheadConfig(1, TimeUnit.SECONDS.toNanos(30)));
        assertTrue(b.tryAcquire());
        AtomicBoolean got = new AtomicBoolean();
        Thread waiter = new Thread(() -> got.set(b.tryAcquire()));
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
            Thread.yield();
        }
        b.release();
        waiter.join();
        assertTrue(got.get(), "the waiter took the place given back");
        assertEquals(0, b.available());
    }

    @Test
    void aWaitEndsWithARefusalAfterMaxWaitOrWhenInterrupted() throws Exception {
        Bulkhead b = new Bulkhead(new BulkheadConfig(1, TimeUnit.MILLISECONDS.toNanos(20)));
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire(), "no place within maxWait");
        b.release();
        assertEquals(1, b.available());

        Bulkhead full = new Bulkhead(new BulkheadConfig(1, TimeUnit.SECONDS.toNanos(30)));
        assertTrue(full.tryAcquire());
        Thread.currentThread().interrupt();
        assertFalse(full.tryAcquire(), "an interrupted wait is a refusal");
        assertTrue(Thread.interrupted(), "and the thread keeps its interrupt flag");
        assertEquals(0, full.available(), "the holder's place untouched");
    }
}
