package dev.tenacious.runtime.limits;

/**
 * A fixed set of counters kept the way {@link StripedCounter} keeps one: each thread adds to its own
 * row of cells, picked by its thread id, with plain (not atomic) writes, and a reader sums a counter
 * over the rows. A row holds every counter of the set side by side, padded to whole cache lines, so a
 * call that counts several things (a failure, a retry, a recovery) touches one line of its own and no
 * line another thread writes. The same caveat as {@link StripedCounter}: two threads whose ids are 64
 * apart share a row, and a count is lost only if both add to the same counter at the same instant.
 */
public final class StripedCounters {
    private static final int STRIPES = 64;
    /** Longs per row: the counters, rounded up to whole 128-byte pairs of cache lines. */
    private final int row;
    private final int size;
    private final long[] cells;

    public StripedCounters(int size) {
        this.size = size;
        this.row = (size + 15) / 16 * 16;
        this.cells = new long[STRIPES * row];
    }

    /** Adds one to counter {@code i} (0 to size - 1) on the calling thread's row. */
    public void increment(int i) {
        add(i, 1);
    }

    /** Adds {@code n} to counter {@code i} on the calling thread's row. */
    public void add(int i, long n) {
        cells[((int) Thread.currentThread().getId() & (STRIPES - 1)) * row + i] += n;
    }

    /** Counter {@code i}'s total; concurrent additions may or may not be included. */
    public long sum(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("counter " + i + " of " + size);
        }
        long sum = 0;
        for (int s = 0; s < STRIPES; s++) {
            sum += cells[s * row + i];
        }
        return sum;
    }
}
