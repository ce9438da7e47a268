package dev.tenacious.runtime.policy;

/** Monotonic time source; tests inject a fake one so that deadlines are checked without sleeping. */
public interface Clock {
    long nanoTime();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    };
}
