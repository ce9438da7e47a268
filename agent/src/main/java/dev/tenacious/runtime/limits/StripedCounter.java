package dev.tenacious.runtime.limits;

/**
 * Counts calls on the happy path for about a nanosecond: each thread adds to a cell picked by its
 * thread id (ids are handed out in sequence, so up to 64 threads created together get a cell each),
 * each cell on its own cache line, with a plain (not atomic) increment. Two threads whose ids are 64
 * apart share a cell, and if they increment at the same instant one count can be lost: the budget
 * then allows marginally fewer retries, never more. {@link java.util.concurrent.atomic.LongAdder} is exact but
 * costs about 6 ns even uncontended, which is more than the agent's whole happy-path budget.
 */
public final class StripedCounter {
    private static final int STRIPES = 64;
    private static final int PAD = 16; // 16 longs = 128 bytes: no two cells share a cache line (or an adjacent-line prefetch)

    private final long[] cells = new long[STRIPES * PAD];

    /** @return this thread's cell after the increment: its low bits pick a sample of the thread's calls */
    public long increment() {
        return ++cells[stripeOf(Thread.currentThread().getId())];
    }

    /**
     * The same, for a caller that knows its thread's stripe ({@link #stripeOf}, computed once per thread).
     */
    public long increment(int stripe) {
        return ++cells[stripe];
    }

    /** The index of a thread's cell, by its id. */
    public static int stripeOf(long threadId) {
        return ((int) threadId & (STRIPES - 1)) * PAD;
    }

    /** The total; concurrent increments may or may not be included. */
    public long sum() {
        long sum = 0;
        for (int i = 0; i < STRIPES; i++) {
            sum += cells[i * PAD];
        }
        return sum;
    }
}
