package dev.tenacious.runtime;

/**
 * Marks a thread that is inside a preset call, so the library's own nested calls (HttpClient.send
 * calling sendAsync, a pool's statement wrapper calling the driver's statement) run untouched and are
 * counted once. Library calls are slow beside a thread-local read, unlike the application methods,
 * whose nesting is found from the stack only when a call fails ({@link NestedCalls}).
 */
final class CallDepth {
    private static final ThreadLocal<boolean[]> INSIDE = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private CallDepth() {
    }

    /** Marks the thread; false if it was already inside a preset call (the caller must then not leave). */
    static boolean enter() {
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return false;
        }
        inside[0] = true;
        return true;
    }

    static void leave() {
        INSIDE.get()[0] = false;
    }
}
