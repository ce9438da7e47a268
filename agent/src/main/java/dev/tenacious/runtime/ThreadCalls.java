package dev.tenacious.runtime;

/**
 * The woven calls in progress on one thread, innermost last, and what the HTTP requests and JDBC
 * statements inside them saw. It answers, at no cost beyond one thread-local read per call, the two
 * questions a failing call asks: is it nested inside another woven call (only the outermost retries),
 * and what did its inner calls get back (a 503 or a 400 behind the application's own exception).
 *
 * <p>Each depth has a reusable {@link Frame}, so a call allocates nothing; the frame is the token the
 * woven code carries from entry to exit. A frame is popped by resetting the depth to its index, so an
 * outer call's exit also clears inner frames whose exit never ran (a {@code StackOverflowError} thrown
 * at the very call of the exit). Frames left below every live call are found only when a failing call
 * would be called nested; {@link #base} then marks them as stale.
 *
 * <p>The inner calls' records are a ring of the last {@link #RECORDS} exchanges on the thread, with a
 * running count: a call notes the count when each attempt starts, and sees the records made since.
 */
final class ThreadCalls {
    /** Deeper woven calls run untouched (a recursion through woven methods). */
    static final int MAX_DEPTH = 32;
    /** Exchanges remembered per thread (a power of two): an attempt that made more sees its last ones. */
    static final int RECORDS = 16;

    private static final ThreadLocal<ThreadCalls> CURRENT = new ThreadLocal<ThreadCalls>() {
        @Override
        protected ThreadCalls initialValue() {
            return new ThreadCalls(Thread.currentThread().getId());
        }
    };
    /**
     * A cache in front of the thread-local, indexed by thread id (ids are never reused): three loads
     * and a compare instead of a thread-local map lookup on every woven call. A slot holds whichever
     * thread last missed there; the thread-local stays the one place a thread's record lives.
     */
    private static final ThreadCalls[] CACHE = new ThreadCalls[1024];

    /** The thread's id: its cache slot is valid when this matches (written once, before publication). */
    private final long threadId;
    /** The thread's cell in the policies' striped call counters. */
    final int stripe;
    private final Frame[] frames = new Frame[MAX_DEPTH];
    /** Frames in use: indexes {@code base} to {@code depth - 1}. */
    int depth;
    /** Frames below this index were left by calls whose exit never ran: they nest nothing. */
    int base;
    private final Exchange[] ring = new Exchange[RECORDS];
    /** Exchanges recorded on this thread so far; the latest is at {@code (recorded - 1) % RECORDS}. */
    int recorded;

    private ThreadCalls(long threadId) {
        this.threadId = threadId;
        this.stripe = dev.tenacious.runtime.limits.StripedCounter.stripeOf(threadId);
    }

    static ThreadCalls current() {
        long id = Thread.currentThread().getId();
        int slot = (int) id & (CACHE.length - 1);
        ThreadCalls c = CACHE[slot];
        if (c == null || c.threadId != id) {
            c = CURRENT.get();
            CACHE[slot] = c; // racy but safe: a reader checks the final threadId before using it
        }
        return c;
    }

    /**
     * A frame for a call of {@code site} starting on this thread, its records marked from now, or null
     * when calls are nested too deep.
     */
    Frame push(int site) {
        Frame f = push();
        if (f != null) {
            f.site = site;
            f.mark = recorded;
        }
        return f;
    }

    /** A frame for a call starting on this thread, or null when calls are nested too deep. */
    Frame push() {
        int d = depth;
        if (d >= MAX_DEPTH) {
            return null;
        }
        Frame f = frames[d];
        if (f == null) {
            f = new Frame(this, d);
            frames[d] = f;
        }
        depth = d + 1;
        return f;
    }

    /** The frame at depth {@code i} (a frame in use). */
    Frame frameAt(int i) {
        return frames[i];
    }

    /** The innermost call in progress, or null. */
    Frame innermost() {
        int d = depth;
        return d > base ? frames[d - 1] : null;
    }

    /** The outermost call in progress, or null. */
    Frame outermost() {
        return depth > base ? frames[base] : null;
    }

    /** The next slot of the ring, cleared, for the caller to fill; counted as recorded. */
    Exchange nextRecord() {
        int i = recorded & (RECORDS - 1);
        Exchange x = ring[i];
        if (x == null) {
            x = new Exchange();
            ring[i] = x;
        }
        x.clear();
        recorded++;
        return x;
    }

    /** The record made {@code back} records before the latest (0: the latest), if it is still in the ring. */
    Exchange recordBack(int back) {
        return back < RECORDS && back < recorded ? ring[(recorded - 1 - back) & (RECORDS - 1)] : null;
    }
}
