package dev.tenacious.runtime.decision;

import dev.tenacious.log.Log;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background threads: daemons with no context class loader (so they pin none). One
 * advances the retry budgets' and failure rates' windows each second, and nothing else runs there;
 * every other task (reload, JMX registration, summaries, delayed checks) gets a thread of its own, so
 * a task that is slow or stuck (a policy file on a stalled mount) holds up none of the others.
 */
public final class Ticker {
    private final ScheduledExecutorService windows;
    private final PolicyStates states;

    public Ticker(PolicyStates states) {
        this.states = states;
        this.windows = daemon("tenacious-ticker");
        windows.scheduleAtFixedRate(new Runnable() {
            @Override
            public void run() {
                tick();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private static ScheduledExecutorService daemon(final String name) {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
    }

    void tick() {
        try {
            for (PolicyState s : states.all()) {
                s.tick();
            }
        } catch (Throwable e) {
            Log.warnOnce("ticker", "budget window update failed: " + e);
        }
    }

    /** Runs {@code task} every {@code periodNanos} on a thread of its own; errors are logged, never thrown. */
    public void every(String name, Runnable task, long periodNanos) {
        daemon("tenacious-" + name).scheduleAtFixedRate(guarded(name, task), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once after {@code delaySeconds} on a thread of its own; errors are logged, never thrown. */
    public void schedule(String name, Runnable task, long delaySeconds) {
        final ScheduledExecutorService once = daemon("tenacious-" + name);
        once.schedule(guarded(name, task), delaySeconds, TimeUnit.SECONDS);
        once.shutdown(); // the scheduled run still happens; the thread ends after it
    }

    /**
     * The task, with its errors logged instead of ending its schedule: each failure that differs from
     * the task's previous one (a failure repeated every second is said once, a new one again).
     */
    static Runnable guarded(final String name, final Runnable task) {
        return new Runnable() {
            private String lastFailure;

            @Override
            public void run() {
                try {
                    task.run();
                    lastFailure = null;
                } catch (Throwable e) {
                    String failure = String.valueOf(e);
                    if (!failure.equals(lastFailure)) {
                        Log.warn(name + " failed: " + failure);
                    }
                    lastFailure = failure;
                }
            }
        };
    }
}
