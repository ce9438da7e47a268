package dev.tenacious.runtime.decision;

import dev.tenacious.log.Log;

import java.util.Arrays;

/**
 * Where every decision is recorded: counted in its policy's state, then handed to each listener (the
 * debug log always; discovery and tracing as they are added). The listener list is replaced as a
 * whole, so recording reads one volatile array and takes no lock.
 */
public final class Decisions {
    private static volatile DecisionListener[] listeners = {DebugLog.INSTANCE};

    private Decisions() {
    }

    public static void record(Decision decision, PolicyState policy, String method, int attempt, Throwable failure,
                              long delayNanos, String detail) {
        policy.record(decision);
        for (DecisionListener l : listeners) {
            try {
                l.decided(decision, policy, method, attempt, failure, delayNanos, detail);
            } catch (Throwable e) {
                Log.warnOnce("listener:" + l.getClass().getName(), "decision listener " + l + " failed; it is skipped this once: " + e);
            }
        }
    }

    public static void record(Decision decision, PolicyState policy, String method, int attempt, Throwable failure) {
        record(decision, policy, method, attempt, failure, 0, null);
    }

    public static synchronized void addListener(DecisionListener listener) {
        DecisionListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    public static synchronized void removeListener(DecisionListener listener) {
        DecisionListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                DecisionListener[] next = new DecisionListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next;
                return;
            }
        }
    }

    /** One debug line per decision, when {@code settings.log} is {@code debug}. */
    enum DebugLog implements DecisionListener {
        INSTANCE;

        @Override
        public void decided(Decision d, PolicyState policy, String method, int attempt, Throwable failure, long delayNanos,
                            String detail) {
            if (!Log.isDebug()) {
                return;
            }
            if (d == Decision.RETRY) {
                Log.debug(policy.name() + ": attempt " + attempt + " of " + method + " failed with " + failure
                        + "; retrying in " + dev.tenacious.runtime.policy.Durations.format(delayNanos));
            } else if (d == Decision.RECOVERED) {
                Log.debug(policy.name() + ": " + method + " succeeded on attempt " + attempt);
            } else {
                Log.debug(policy.name() + ": " + method + " attempt " + attempt + ": " + d.text
                        + (detail != null ? ": " + detail : "") + (failure != null ? ": " + failure : ""));
            }
        }
    }
}
