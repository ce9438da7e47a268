package dev.tenacious.runtime;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sums the per-thread call counts of every {@link CallContext}. Counts of threads that died are folded
 * into {@code retired} so that thread-per-request applications do not grow the list forever.
 */
public final class CallTally {
    private final ConcurrentLinkedQueue<CallContext> contexts = new ConcurrentLinkedQueue<CallContext>();
    private long[] retired = new long[8];

    void register(CallContext context) {
        contexts.add(context);
    }

    /** Logical calls ever made under the policy in {@code slot}, across all threads. */
    public synchronized long total(int slot) {
        long sum = slot < retired.length ? retired[slot] : 0;
        for (CallContext c : contexts) {
            sum += c.calls(slot);
        }
        return sum;
    }

    /** Folds the counts of dead threads into {@code retired}; called by the ticker. */
    public synchronized void sweep() {
        for (Iterator<CallContext> it = contexts.iterator(); it.hasNext(); ) {
            CallContext c = it.next();
            if (!c.isAlive()) {
                long[] counts = c.calls;
                if (counts.length > retired.length) {
                    long[] bigger = new long[counts.length];
                    System.arraycopy(retired, 0, bigger, 0, retired.length);
                    retired = bigger;
                }
                for (int i = 0; i < counts.length; i++) {
                    retired[i] += counts[i];
                }
                it.remove();
            }
        }
    }
}
