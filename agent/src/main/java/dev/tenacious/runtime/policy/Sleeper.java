package dev.tenacious.runtime.policy;

/** Waits between attempts; tests inject one that records instead of sleeping. */
public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;

    Sleeper THREAD = new Sleeper() {
        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos <= 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return;
            }
            long millis = nanos / 1_000_000L;
            Thread.sleep(millis, (int) (nanos % 1_000_000L));
        }
    };
}
