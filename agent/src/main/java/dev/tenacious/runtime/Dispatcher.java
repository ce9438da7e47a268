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
    private static final CallTally tally = new CallTally();
    private static volatile RetryExecutor executor = new RetryExecutor(Sleeper.THREAD, tally, null);

    private static final ThreadLocal<CallContext> CONTEXT = new ThreadLocal<CallContext>() {
        @Override
        protected CallContext initialValue() {
            CallContext c = new CallContext(Thread.currentThread());
            tally.register(c);
            return c;
        }
    };

    private Dispatcher() {
    }

    /**
     * Called on entry of a woven method.
     *
     * @return the thread's call context, or null when no policy applies (the exit then does nothing)
     */
    public static Object enter(int site) {
        RetryPolicy[] t = table;
        if (site >= t.length) {
            return null;
        }
        RetryPolicy p = t[site];
        if (p == null) {
            return null;
        }
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            CallContext c = CONTEXT.get();
            c.enter(p, site);
            return c;
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return null;
        }
    }

    /**
     * Called on exit of a woven method, whether it returned or threw.
     *
     * @return true to run the method body again
     */
    public static boolean exit(int site, Object context, Throwable thrown) {
        if (context == null) {
            return false;
        }
        CallContext c = (CallContext) context;
        if (--c.depth != 0) {
            return false; // a nested woven call runs once; the outermost one retries
        }
        if (thrown == null) {
            if (c.attempt > 1) {
                recovered(c);
            }
            return false;
        }
        try {
            if (FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            return executor.onFailure(c, thrown);
        } catch (Throwable e) {
            internalError(site, "exit", e);
            return false;
        }
    }

    private static void recovered(CallContext c) {
        try {
            executor.onRecovered(c);
        } catch (Throwable e) {
            internalError(c.site, "exit", e);
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

    /** Publishes a new site table; sites switched off after an internal error stay off. */
    public static void publish(RetryPolicy[] newTable) {
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

    public static CallTally tally() {
        return tally;
    }

    /** For tests of the runtime: replaces the sleeper and random source. */
    public static void useExecutor(RetryExecutor e) {
        executor = e;
    }
}
