package dev.tenacious.runtime;

/**
 * Marks a thread that is inside a preset call, so the library's own nested calls (HttpClient.send
 * calling sendAsync, a pool's statement wrapper calling the driver's statement) run untouched and are
 * counted once. Library calls are slow beside a thread-local read, unlike the application methods,
 * whose nesting is found from the stack only when a call fails ({@link NestedCalls}).
 *
 * <p>The thread's slot also holds a {@link PresetCall} that synchronous preset calls reuse: only one
 * can be in progress per thread (inner ones run untouched), so a statement that succeeds first time
 * allocates nothing.
 */
final class CallDepth {
    /** One per thread. */
    static final class Slot {
        boolean inside;
        final PresetCall reusable = new PresetCall();
    }

    private static final ThreadLocal<Slot> SLOT = new ThreadLocal<Slot>() {
        @Override
        protected Slot initialValue() {
            return new Slot();
        }
    };

    private CallDepth() {
    }

    /** Marks the thread and returns its slot; null if it was already inside a preset call (do not leave then). */
    static Slot enter() {
        Slot slot = SLOT.get();
        if (slot.inside) {
            return null;
        }
        slot.inside = true;
        return slot;
    }

    static void leave(Slot slot) {
        slot.inside = false;
    }
}
