package dev.tenacious.runtime.decision;

import dev.tenacious.log.Log;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one background thread: a daemon with no context class loader (so it pins none), which
 * advances the retry budgets' windows each second and runs the agent's delayed checks.
 */
public final class Ticker {
    private final ScheduledExecutorService scheduler;
    private final PolicyStates states;

    public Ticker(PolicyStates states) {
        this.states = states;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "tenacious-ticker");
                t.setDaemon(true);
                t.setContextClassLoader(null);
                return t;
            }
        });
        scheduler.scheduleAtFixedRate(new Runnable() {
            @Override
            public void run() {
                tick();
            }
        }, 1, 1, TimeUnit.SECONDS);
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

    /** Runs {@code task} every {@code periodNanos}, on the ticker thread; errors are logged, never thrown. */
    public void every(String name, Runnable task, long periodNanos) {
        scheduler.scheduleAtFixedRate(guarded(name, task), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once after {@code delaySeconds}, on the ticker thread; errors are logged, never thrown. */
    public void schedule(String name, Runnable task, long delaySeconds) {
        scheduler.schedule(guarded(name, task), delaySeconds, TimeUnit.SECONDS);
    }

    /** The task, with its errors logged once instead of ending its schedule. */
    private static Runnable guarded(final String name, final Runnable task) {
        return new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (Throwable e) {
                    Log.warnOnce(name, name + " failed: " + e);
                }
            }
        };
    }
}
