package dev.tenacious.runtime;

import dev.tenacious.observe.Log;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The only class woven code calls. Each woven method carries a constant site id; the policy for a site
 * is read from a table that reload and weaving replace atomically, so parameter edits need no
 * re-weaving and a site whose policy was removed costs one array read.
 *
 * <p>Never harms the host: any error inside the agent is caught here, logged once for its site, and
 * the site is switched off, so the method behaves from then on as if it had never been woven.
 */
public final class Dispatcher {
    private static final RetryPolicy[] NONE = new RetryPolicy[0];
    /**
     * {@code -Dtenacious.internal.failOnPurpose=enter|exit} makes the runtime throw inside the advice,
     * so tests can prove a broken agent leaves the host's behaviour intact. A static final, so the JIT
     * folds the check away when it is unset.
     */
    private static final String FAIL_ON_PURPOSE = System.getProperty("tenacious.internal.failOnPurpose", "");
    private static final boolean FAIL_ON_ENTER = FAIL_ON_PURPOSE.equals("enter");
    private static final boolean FAIL_ON_EXIT = FAIL_ON_PURPOSE.equals("exit");

    private static volatile RetryPolicy[] table = NONE;
    private static final BitSet disabled = new BitSet();
    private static volatile RetryExecutor executor = new RetryExecutor(Sleeper.THREAD, Clock.SYSTEM, null);

    private Dispatcher() {
    }

    /**
     * Called on entry of a woven method (once per call, not per attempt).
     *
     * @return 0 when no policy applies (the exit then does nothing); otherwise the start time if the
     *         policy has a maxDuration, else 1
     */
    public static long enter(int site) {
        RetryPolicy[] t = table;
        if (site >= t.length) {
            return 0;
        }
        RetryPolicy p = t[site];
        if (p == null) {
            return 0;
        }
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            p.state.calls.increment();
            return p.maxDurationNanos > 0 ? executor.nanoTime() | 1L : 1L;
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return 0;
        }
    }

    /**
     * Called on exit of a woven method, whether it returned or threw, after every attempt.
     *
     * @param token what {@link #enter} returned
     * @param state what this method returned after the previous attempt (null after the first)
     * @return non-null to run the method body again; it is passed back as {@code state}
     */
    public static Object exit(int site, long token, Object state, Throwable thrown) {
        if (thrown == null) {
            if (state != null) {
                recovered(site, state);
            }
            return null;
        }
        if (token == 0) {
            return null;
        }
        try {
            if (FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            return executor.onFailure(policyAt(site), site, token, (RetryState) state, thrown);
        } catch (Throwable e) {
            internalError(site, "exit", e);
            return null;
        }
    }

    private static void recovered(int site, Object state) {
        try {
            executor.onRecovered(site, (RetryState) state);
        } catch (Throwable e) {
            internalError(site, "exit", e);
        }
    }

    /** Switches a site off after an error inside the agent; its method then runs as if unwoven. */
    static void internalError(int site, String where, Throwable e) {
        boolean first;
        synchronized (disabled) {
            first = !disabled.get(site);
            disabled.set(site);
            RetryPolicy[] t = table;
            if (site < t.length && t[site] != null) {
                RetryPolicy[] copy = t.clone();
                copy[site] = null;
                table = copy;
            }
        }
        if (first) {
            Log.error("internal error in " + where + " of " + Sites.describe(site)
                    + "; this method now runs as if Tenacious were absent: " + e, e);
        }
    }

    /**
     * Publishes a new site table; sites switched off after an internal error stay off.
     *
     * @param wovenFrames {@code className#methodName} of the sites that have a policy, for nesting
     *                    checks; null when the table only grew by a site announced with {@link #woven}
     */
    public static void publish(RetryPolicy[] newTable, java.util.Collection<String> wovenFrames) {
        if (wovenFrames != null) {
            NestedCalls.replace(wovenFrames);
        }
        synchronized (disabled) {
            RetryPolicy[] copy = Arrays.copyOf(newTable, newTable.length);
            for (int i = disabled.nextSetBit(0); i >= 0 && i < copy.length; i = disabled.nextSetBit(i + 1)) {
                copy[i] = null;
            }
            table = copy;
        }
    }

    public static RetryPolicy policyAt(int site) {
        RetryPolicy[] t = table;
        return site < t.length ? t[site] : null;
    }

    /** Announces a newly woven method that has a policy, for nesting checks. */
    public static void woven(String className, String methodName) {
        NestedCalls.add(NestedCalls.key(className, methodName));
    }

    /** Frame key used by {@link #publish}: {@code className#methodName}. */
    public static String frameKey(String className, String methodName) {
        return NestedCalls.key(className, methodName);
    }
}
