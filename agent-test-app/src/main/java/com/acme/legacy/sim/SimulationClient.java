package com.acme.legacy.sim;

import com.acme.legacy.client.InventoryClient;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One configuration's clients, in their own JVM (with or without the agent): THREADS threads call
 * the dependency through the woven InventoryClient.fetch, with a short think time, until the
 * schedule ends; then print per-second counts of what the callers saw.
 *
 * <pre>  SimulationClient BASE_URL START_EPOCH_MS SECONDS THREADS RECOVERY_AT_MS</pre>
 */
public final class SimulationClient {
    static final long THINK_MILLIS = 20;

    private SimulationClient() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long start = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        long recoveryAt = start + Long.parseLong(args[4]);
        InventoryClient client = new InventoryClient(base);
        AtomicLongArray calls = new AtomicLongArray(seconds);
        AtomicLongArray ok = new AtomicLongArray(seconds);
        AtomicLongArray latencyMicros = new AtomicLongArray(seconds);
        AtomicLong firstOkAfterRecovery = new AtomicLong(-1);
        long end = start + seconds * 1000L;
        while (System.currentTimeMillis() < start) {
            Thread.sleep(1);
        }
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (true) {
                    long began = System.currentTimeMillis();
                    if (began >= end) {
                        return;
                    }
                    int second = (int) ((began - start) / 1000);
                    boolean success;
                    long t0 = System.nanoTime();
                    try {
                        client.fetch("/dependency");
                        success = true;
                    } catch (Exception e) {
                        success = false;
                    }
                    latencyMicros.addAndGet(second, (System.nanoTime() - t0) / 1000);
                    calls.incrementAndGet(second);
                    if (success) {
                        ok.incrementAndGet(second);
                        long done = System.currentTimeMillis();
                        if (done >= recoveryAt) {
                            firstOkAfterRecovery.compareAndSet(-1, done - recoveryAt);
                        }
                    }
                    try {
                        Thread.sleep(THINK_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        for (int s = 0; s < seconds; s++) {
            System.out.println("SEC " + s + " " + calls.get(s) + " " + ok.get(s) + " " + latencyMicros.get(s));
        }
        System.out.println("MTTR_MS " + firstOkAfterRecovery.get());
    }
}
