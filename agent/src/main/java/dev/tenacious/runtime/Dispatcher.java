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
    private static final Binding[] NONE = new Binding[0];
    /**
     * {@code -Dtenacious.internal.failOnPurpose=enter|exit} makes the runtime throw inside the advice,
     * so tests can prove a broken agent leaves the host's behaviour intact. A static final, so the JIT
     * folds the check away when it is unset.
     */
    private static final String FAIL_ON_PURPOSE = System.getProperty("tenacious.internal.failOnPurpose", "");
    private static final boolean FAIL_ON_ENTER = FAIL_ON_PURPOSE.equals("enter");
    static final boolean FAIL_ON_EXIT = FAIL_ON_PURPOSE.equals("exit");
    /** One call in 64 (per thread) is timed for the latency percentiles: two clock reads cost more than the rest of the path. */
    private static final int LATENCY_SAMPLE_MASK = 63;

    private static volatile Binding[] table = NONE;
    private static final BitSet disabled = new BitSet();
    private static volatile RetryExecutor executor = new RetryExecutor(Sleeper.THREAD, Clock.SYSTEM, null);

    private Dispatcher() {
    }

    /**
     * Called on entry of a woven method (once per call, not per attempt).
     *
     * @return null when no policy applies (the exit then does nothing); else the call's
     *         {@link Admission}: a {@link Rejection} means the body is skipped
     */
    public static Object enter(int site) {
        Binding[] t = table;
        if (site >= t.length) {
            return null;
        }
        Binding b = t[site];
        if (b == null || b.routes != null) {
            return null;
        }
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            long n = b.policy.state.calls.increment();
            if (b.simple) {
                return (n & LATENCY_SAMPLE_MASK) == 0 ? b.sampled : b; // one call in 64 per thread is timed
            }
            return admit(b);
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return null;
        }
    }

    /**
     * Takes a bulkhead place, then a breaker permit (giving the place back if the breaker refuses),
     * then lets an armed chaos block replace the first attempt with a fault.
     */
    private static Admission admit(Binding b) {
        if (b.bulkhead != null && !b.bulkhead.tryAcquire()) {
            return Rejection.BULKHEAD_FULL;
        }
        Admission admitted = b;
        if (b.breaker != null) {
            CircuitBreaker.Phase phase = b.breaker.tryAcquire(executor.clock());
            if (phase == null) {
                if (b.bulkhead != null) {
                    b.bulkhead.release();
                }
                return Rejection.CIRCUIT_OPEN;
            }
            admitted = phase;
        }
        if (b.policy.chaosConfig != null) {
            Throwable fault = Chaos.beforeAttempt(b);
            if (fault != null) {
                return new ChaosFault(admitted, fault);
            }
        }
        return admitted;
    }

    /**
     * Called on entry of a method woven by a preset, with its receiver and first two arguments: picks
     * the policy for the call's host and admits the call. Returns null (the call runs untouched) inside
     * another preset call on this thread, or when no policy applies to the host.
     */
    public static Object enterPreset(int site, Object self, Object a0, Object a1) {
        Binding router = bindingAt(site);
        return router == null || router.routes == null ? null : begin(site, router, self, a0, a1);
    }

    /**
     * A preset call, or a call of an application method that returns a future: marks the thread (an
     * inner call returns null and runs untouched), picks the binding (by host for a preset), and
     * admits the call.
     */
    private static Object begin(int site, Binding siteBinding, Object self, Object a0, Object a1) {
        CallDepth.Slot slot = CallDepth.enter();
        if (slot == null) {
            return null;
        }
        boolean entered = false;
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            PresetRoutes routes = siteBinding.routes;
            Preset preset = routes != null ? routes.preset : siteBinding.asyncMethod();
            String host = routes != null ? preset.host(self, a0, a1) : null;
            Binding b = routes != null ? routes.select(host, executor.clock()) : siteBinding;
            if (b == null) {
                return null;
            }
            String veto = routes != null ? preset.vetoAtEntry(self, a0, a1, b.policy.http) : null;
            // a synchronous call reuses the thread's object: only one is in progress per thread
            PresetCall call = (b.async ? new PresetCall() : slot.reusable).init(preset, b, self, a0, a1, host, veto, slot);
            b.policy.state.calls.increment();
            call.admission = admit(b);
            call.async = b.async;
            entered = true;
            return call;
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return null;
        } finally {
            if (!entered) {
                CallDepth.leave(slot);
            }
        }
    }

    /**
     * The first argument the preset call runs with: the request with the policy's {@code http.timeouts}
     * applied where the application set none, else the argument itself.
     */
    public static Object firstArgument(Object call, Object a0) {
        if (!(call instanceof PresetCall)) {
            return a0;
        }
        PresetCall c = (PresetCall) call;
        HttpConfig http = c.binding.policy.http;
        if (http.requestTimeoutNanos == 0 && http.connectTimeoutNanos == 0) {
            return a0;
        }
        try {
            Object replaced = c.preset.withTimeouts(c.self, a0, c.a1, http);
            c.a0 = replaced;
            return replaced;
        } catch (Throwable e) {
            Log.warnOnce("timeouts:" + c.preset.name(), c.preset.name() + ": could not apply http.timeouts; the calls run with the application's own: " + e);
            return a0;
        }
    }

    /**
     * Called on entry of an application method that returns a future, with its receiver and
     * arguments, kept for the asynchronous retries. Like a preset call, it runs untouched inside
     * another preset or asynchronous call on this thread.
     */
    public static Object enterAsync(int site, Object self, Object[] args) {
        Binding b = bindingAt(site);
        return b == null || b.routes != null ? null : begin(site, b, self, args, null);
    }

    /** Whether the entry refused the call (or a chaos fault replaces it), so the body is skipped. */
    public static boolean skips(Object call) {
        return call instanceof PresetCall && ((PresetCall) call).admission instanceof SkippedAttempt;
    }

    /** The clock reading the call needs (maxDuration, slow calls, a time window), else 0. */
    public static long start(int site, Object call) {
        if (call instanceof PresetCall) {
            call = ((PresetCall) call).admission;
        }
        if (call == null) {
            return 0L;
        }
        Admission a = (Admission) call;
        if (a.timed) {
            return executor.nanoTime();
        }
        if (a.simple) {
            return 0L;
        }
        if (a instanceof Rejection) {
            return 0L;
        }
        if (a instanceof ChaosFault) {
            a = ((ChaosFault) a).admitted;
            if (a.timed) {
                return executor.nanoTime();
            }
        }
        Binding b = bindingAt(site); // a breaker phase is shared by sites: the site's own needs decide
        return b != null && (b.timed || java.util.concurrent.ThreadLocalRandom.current().nextInt(LATENCY_SAMPLE_MASK + 1) == 0)
                ? executor.nanoTime() : 0L;
    }

    /**
     * Called on exit of a woven method, whether it returned or threw, after every attempt, and after a
     * skipped body when the entry refused the call.
     *
     * @param call  what {@link #enter} returned
     * @param start what {@link #start} returned
     * @param state what this method returned after the previous attempt (null after the first)
     * @return a {@link RetryState} to run the body again (it comes back as {@code state}); an
     *         {@link Outcome} whose throwable and value replace the method's; or null
     */
    public static Object exit(int site, Object call, long start, Object state, Throwable thrown) {
        if (call == null) {
            return null;
        }
        Admission a = (Admission) call;
        if (a.simple && thrown == null && state == null) {
            return null; // sampled calls (recovery time, latency) come with a timed binding and take the path below
        }
        try {
            return executor.complete(bindingAt(site), site, a, start, state, thrown);
        } catch (Throwable e) {
            internalError(site, "exit", e);
            return null;
        }
    }

    /**
     * Called on exit of a method woven by a preset, after every attempt. A returned response whose
     * status the policy retries counts as a failed attempt; a returned future (sendAsync) is handed to
     * an {@link AsyncRetry}, and the caller gets that retry's future instead.
     *
     * @return as {@link #exit}
     */
    public static Object exitPreset(int site, Object callObject, long start, Object state, Throwable thrown,
                                    Object returned) {
        if (!(callObject instanceof PresetCall)) {
            return null;
        }
        PresetCall call = (PresetCall) callObject;
        boolean again = false;
        try {
            if (FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            if (call.async && state == null && thrown == null && !(call.admission instanceof SkippedAttempt)
                    && returned instanceof java.util.concurrent.CompletionStage) {
                return AsyncRetry.start(executor, site, call, start, (java.util.concurrent.CompletionStage<?>) returned);
            }
            call.async = false; // an asynchronous method that threw (or was refused) at once is retried in place
            Throwable failure = call.failureOf(thrown, returned);
            Admission a = call.admission;
            if (failure == null && state == null && a.simple && call.binding.policy.state.failingSince == 0) {
                return null; // succeeded first time, nothing to record: no breaker, bulkhead or chaos
            }
            Object next = executor.complete(call.binding, site, call.admission, start, state, failure, call);
            again = next instanceof RetryState;
            return next;
        } catch (Throwable e) {
            internalError(site, "exit", e);
            return null;
        } finally {
            if (!again) {
                call.end();
            }
        }
    }

    /** Switches a site off after an error inside the agent; its method then runs as if unwoven. */
    static void internalError(int site, String where, Throwable e) {
        boolean first;
        synchronized (disabled) {
            first = !disabled.get(site);
            disabled.set(site);
            Binding[] t = table;
            if (site < t.length && t[site] != null) {
                Binding[] copy = t.clone();
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
    public static void publish(Binding[] newTable, java.util.Collection<String> wovenFrames) {
        if (wovenFrames != null) {
            NestedCalls.replace(wovenFrames);
        }
        synchronized (disabled) {
            Binding[] copy = Arrays.copyOf(newTable, newTable.length);
            for (int i = disabled.nextSetBit(0); i >= 0 && i < copy.length; i = disabled.nextSetBit(i + 1)) {
                copy[i] = null;
            }
            table = copy;
        }
    }

    public static Binding bindingAt(int site) {
        Binding[] t = table;
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
