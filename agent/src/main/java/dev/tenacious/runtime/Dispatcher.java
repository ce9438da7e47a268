package dev.tenacious.runtime;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.Sleeper;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * The woven protocol: what woven code calls, and what the answers mean. Both weavers (the ASM
 * writer and the Byte Buddy advice) write exactly this around a method's original body, with
 * {@code site} the method's constant site id:
 *
 * <pre>
 *   token = Dispatcher.enter(site)                     an application method
 *   token = Dispatcher.enter(site, this, arg0, arg1)   a method woven by a preset (null where absent)
 *   token = Dispatcher.enter(site, this, args)         an application method returning a future: every argument
 *   arg0  = Dispatcher.firstArgument(token, arg0)      preset sites only: the request with the policy's timeouts
 *   start = Dispatcher.start(site, token)
 *   skip  = Dispatcher.skips(token)
 *   [the arguments are backed up, if the body may write them]
 * attempt:
 *   unless skip: run the body, which returns a value or throws
 *   next = Dispatcher.exit(site, token, start, state, thrown)             application methods
 *   next = Dispatcher.exit(site, token, start, state, thrown, returned)   preset and future-returning sites
 *   next is an {@link Outcome}: its thrown and value replace the method's; finish
 *   next is null: finish with the attempt's own result
 *   otherwise: state = next; restore the arguments; skip = false; go to attempt
 * finish: throw thrown if it is non-null, else return the value
 * </pre>
 *
 * {@code state} starts null; {@code token} and {@code state} are opaque. A throwable out of any call
 * before the body is swallowed and the body runs as if unwoven (token null); one out of an exit
 * leaves the attempt's own result standing. Nothing in woven code refers to another type of the
 * agent than those marked {@link CalledByWovenCode}.
 *
 * <p>Each site's policy is read from a table that reload and weaving replace atomically, so parameter
 * edits need no re-weaving and a site whose policy was removed costs one array read. Never harms the
 * host: any error inside the agent is caught here, logged once for its site, and the site is switched
 * off, so the method behaves from then on as if it had never been woven.
 */
@CalledByWovenCode
public final class Dispatcher {
    private static final Binding[] NONE = new Binding[0];
    /**
     * {@code -Dtenacious.internal.failOnPurpose=enter|exit} makes the runtime throw inside the woven
     * code, so tests can prove a broken agent leaves the host's behaviour intact. A static final, so
     * the JIT folds the check away when it is unset.
     */
    private static final String FAIL_ON_PURPOSE = System.getProperty("tenacious.internal.failOnPurpose", "");
    private static final boolean FAIL_ON_ENTER = FAIL_ON_PURPOSE.equals("enter");
    static final boolean FAIL_ON_EXIT = FAIL_ON_PURPOSE.equals("exit");

    private static volatile Binding[] table = NONE;
    /** Hears every watched or preset call (discovery); null when none listens. */
    private static volatile CallListener listener;
    private static final BitSet disabled = new BitSet();
    private static final RetryExecutor executor = new RetryExecutor(Sleeper.THREAD, Clock.SYSTEM, null);

    private Dispatcher() {
    }

    // ---- entry ----

    /** Entry of an application method: null when no policy applies (the exit then does nothing). */
    public static Object enter(int site) {
        Binding[] t = table;
        if (site >= t.length) {
            return null;
        }
        Binding b = t[site];
        if (b == null || b.routes != null) {
            return null;
        }
        Frame f = null;
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            ThreadCalls calls = ThreadCalls.current();
            f = calls.push(site);
            if (f == null) {
                return null;
            }
            long n = b.policy.state.countCall(calls.stripe);
            if (b.plain && (n & Binding.LATENCY_SAMPLE_MASK) != 0) {
                f.kind = Frame.SIMPLE; // the happy path: ints written, nothing else
            } else {
                f.kind = Frame.ADMITTED;
                f.entry = b.plain ? b.sampled : b.simple ? b : admit(b); // one plain call in 64 per thread is timed
            }
            return f;
        } catch (Throwable e) {
            if (f != null) {
                f.pop();
            }
            internalError(site, "enter", e);
            return null;
        }
    }

    /**
     * Entry of a method woven by a preset, with its receiver and first two arguments: picks the
     * policy for the call's host and admits the call. Null (the call runs untouched) inside another
     * preset call on this thread (the library's own), or when no policy applies to the host and no
     * woven application method around it wants to know what the call saw.
     */
    public static Object enter(int site, Object self, Object a0, Object a1) {
        Binding b = bindingAt(site);
        return b == null || b.routes == null ? null : beginPreset(site, b.routes, self, a0, a1);
    }

    /**
     * Entry of an application method that returns a future, with its receiver and arguments, kept for
     * the asynchronous retries. Like a preset call, it runs untouched inside one on this thread.
     */
    public static Object enter(int site, Object self, Object[] args) {
        Binding b = bindingAt(site);
        return b == null || b.routes != null ? null : beginAsync(site, b, self, args);
    }

    /**
     * Takes a bulkhead place, then a breaker permit (giving the place back if the breaker refuses),
     * then lets an armed chaos block replace the first attempt with a fault.
     */
    private static Entry admit(Binding b) {
        if (b.bulkhead != null && !b.bulkhead.tryAcquire()) {
            return Refusal.BULKHEAD_FULL;
        }
        Entry admitted = b;
        if (b.breaker != null) {
            CircuitBreaker.Phase phase = b.breaker.tryAcquire(executor.clock());
            if (phase == null) {
                if (b.bulkhead != null) {
                    b.bulkhead.release();
                }
                return Refusal.CIRCUIT_OPEN;
            }
            admitted = b.admittedBy(phase);
        }
        if (b.policy.chaos != null) {
            Throwable fault = Chaos.beforeAttempt(b, 1);
            if (fault != null) {
                return new ChaosFault(admitted, fault);
            }
        }
        return admitted;
    }

    /**
     * A preset call: runs untouched inside another preset call (or a call the agent makes again) on
     * this thread; else picks the binding for its host and admits the call. With no policy for the
     * host, a call inside a woven application method is only watched, for that method's policy.
     */
    private static Object beginPreset(int site, PresetRoutes routes, Object self, Object a0, Object a1) {
        ThreadCalls t = ThreadCalls.current();
        Frame below = t.innermost();
        if (below != null && !below.isApplicationCall()) {
            prepareInner(site, routes, self, a0, a1);
            return null;
        }
        Frame f = t.push();
        if (f == null) {
            return null;
        }
        boolean entered = false;
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            Preset preset = routes.preset;
            String host = preset.host(self, a0, a1);
            Binding b = routes.select(host, executor.clock());
            Object callback = b == null ? null : preset.callbackOf(self, a0, a1);
            boolean async = b != null && (b.async || callback != null);
            if (b == null || (async && below != null)) {
                if (below == null && listener == null) {
                    return null; // no policy for this host, and no woven method or listener to tell
                }
                // watched only: no policy here, or an asynchronous call inside a method that retries
                f.kind = Frame.WATCHED;
                f.call = f.reusableCall().init(preset, null, f, self, a0, a1, host, null);
                f.call.began = listener != null ? System.nanoTime() : 0L;
                entered = true;
                return f;
            }
            preset.prepare(self, a0, a1, b.policy);
            String veto = preset.vetoAtEntry(self, a0, a1, b.policy.http);
            // a synchronous call reuses its frame's object: one call at a time per depth
            PresetCall call = (async ? new PresetCall() : f.reusableCall()).init(preset, b, f, self, a0, a1, host, veto);
            if (b.policy.http.hasTimeouts()) {
                call.a0 = withTimeouts(call);
            }
            if (callback != null) { // the library answers later, through the callback: retried asynchronously
                call.async = true;
                call.callback = callback;
                call.relay = new CallbackRelay(call);
                call.a0 = preset.standIn(callback, call.relay);
                AsyncRetry.watchCallback(executor, site, call);
            }
            b.policy.state.countCall();
            call.began = listener != null ? System.nanoTime() : 0L;
            call.admission = admit(b);
            f.kind = Frame.PRESET;
            f.call = call;
            entered = true;
            return f;
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return null;
        } finally {
            if (!entered) {
                f.pop();
            }
        }
    }

    /**
     * The first argument with the policy's {@code http.timeouts} applied where the application set none
     * (the preset may also set them on the receiver); the argument itself when they cannot be applied.
     */
    private static Object withTimeouts(PresetCall c) {
        try {
            return c.preset.withTimeouts(c.self, c.a0, c.a1, c.binding.policy.http);
        } catch (Throwable e) {
            Log.warnOnce("timeouts:" + c.preset.name(), c.preset.name() + ": could not apply http.timeouts; the calls run with the application's own: " + e);
            return c.a0;
        }
    }

    /** An application method that returns a future: untouched inside a preset call, else admitted. */
    private static Object beginAsync(int site, Binding b, Object self, Object[] args) {
        ThreadCalls t = ThreadCalls.current();
        Frame below = t.innermost();
        if (below != null && !below.isApplicationCall()) {
            return null;
        }
        Frame f = t.push();
        if (f == null) {
            return null;
        }
        boolean entered = false;
        try {
            if (FAIL_ON_ENTER) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=enter");
            }
            PresetCall call = new PresetCall().init(b.asyncMethod(), b, f, self, args, null, null, null);
            b.policy.state.countCall();
            call.admission = admit(b);
            f.kind = Frame.ASYNC;
            f.call = call;
            entered = true;
            return f;
        } catch (Throwable e) {
            internalError(site, "enter", e);
            return null;
        } finally {
            if (!entered) {
                f.pop();
            }
        }
    }

    /**
     * A preset call inside another one on this thread runs untouched, but for what its preset prepares
     * ({@link Preset#prepare}: a JDBC statement inside a guarded transaction gets its query timeout).
     */
    private static void prepareInner(int site, PresetRoutes routes, Object self, Object a0, Object a1) {
        Policy policy = routes.first().policy;
        if (policy == null) {
            return; // a library only watched: nothing to prepare
        }
        try {
            routes.preset.prepare(self, a0, a1, policy);
        } catch (Throwable e) {
            internalError(site, "enter", e);
        }
    }

    /**
     * The first argument a preset call runs with: the request with the policy's {@code http.timeouts}
     * applied where the application set none, or what stands in for the application's callback; else
     * the argument itself.
     */
    public static Object firstArgument(Object token, Object a0) {
        if (!(token instanceof Frame) || ((Frame) token).kind != Frame.PRESET) {
            return a0;
        }
        return ((Frame) token).call.a0;
    }

    /** The clock reading the call needs (maxDuration, slow calls, a time window, a sampled call), else 0. */
    public static long start(int site, Object token) {
        if (token == null) {
            return 0L;
        }
        Frame f = (Frame) token;
        if (f.kind == Frame.SIMPLE) {
            return 0L; // the happy path's own test, before any virtual call
        }
        long start = f.startClock(executor.clock());
        if (f.call != null) {
            f.call.start = start; // an asynchronous call's later attempts need it
        }
        return start;
    }

    /** Whether the entry refused the call, or a chaos fault replaces its first attempt: the body is skipped. */
    public static boolean skips(Object token) {
        return token != null && ((Frame) token).skipsBody();
    }

    // ---- exit ----

    /**
     * Exit of an application method, after every attempt (whether the body returned or threw, or was
     * skipped).
     *
     * @param token what the entry returned
     * @param start what {@link #start} returned
     * @param state what this returned after the previous attempt (null after the first)
     * @return an {@link Outcome} whose throwable and value replace the method's; null to let the
     *         attempt's own result through; anything else: run the body again, and pass it back as {@code state}
     */
    public static Object exit(int site, Object token, long start, Object state, Throwable thrown) {
        if (token == null) {
            return null;
        }
        Frame f = (Frame) token;
        if (f.kind == Frame.SIMPLE && thrown == null && state == null) {
            f.owner.depth = f.index; // the happy path: the frame is free again
            return null;
        }
        if (!f.isApplicationCall()) { // a preset site woven as a plain one: it still ends its call
            return exit(site, token, start, state, thrown, null);
        }
        boolean goesOn = false;
        try {
            Entry e = f.kind == Frame.SIMPLE ? simpleBinding(site) : f.entry;
            if (e == null) {
                return null; // a reload changed the site's policy during the call: the attempt stands
            }
            Object next = executor.complete(bindingAt(site), site, e, start, state, thrown, f);
            goesOn = next instanceof RetryState;
            return next;
        } catch (Throwable error) {
            internalError(site, "exit", error);
            return null;
        } finally {
            if (!goesOn) {
                f.pop();
            }
        }
    }

    /**
     * Exit of a preset site or of an application method that returns a future, with what the body
     * returned: a response whose status the policy retries counts as a failed attempt; a returned
     * future is watched by an {@link AsyncRetry}, and the caller gets that retry's future instead; a
     * single-use call is retried through new calls ({@link NewCallRetry}). A call inside a woven
     * application method tells it what it saw.
     *
     * @return as {@link #exit(int, Object, long, Object, Throwable)}
     */
    public static Object exit(int site, Object token, long start, Object state, Throwable thrown, Object returned) {
        if (token == null) {
            return null;
        }
        Frame f = (Frame) token;
        if (f.isApplicationCall()) {
            return exit(site, token, start, state, thrown);
        }
        PresetCall call = f.call;
        boolean goesOn = false;
        try {
            if (FAIL_ON_EXIT) {
                throw new IllegalStateException("failure injected by tenacious.internal.failOnPurpose=exit");
            }
            if (f.kind == Frame.WATCHED) {
                tell(site, f, call, thrown, returned);
                return null;
            }
            if (call.relay != null && state == null) {
                if (thrown == null) {
                    if (call.admission.skipsBody()) {
                        call.relay.delivered(null, null); // refused, or a chaos fault: the callback hears it
                    }
                    return null; // the library answers through the relay
                }
                call.veto = "the call was not accepted"; // the library refused it at once: its exception reaches the caller
            }
            if (call.async && state == null && thrown == null && !call.admission.skipsBody()
                    && returned instanceof CompletionStage) {
                return AsyncRetry.start(executor, site, call, start, (CompletionStage<?>) returned);
            }
            call.async = false; // an asynchronous method that threw (or was refused) at once is retried in place
            Throwable failure = call.failureOf(thrown, returned);
            Object next;
            if (failure == null && state == null && call.admission.simple && !call.binding.policy.state.failing()) {
                next = null; // succeeded first time, nothing to record: no breaker, bulkhead or chaos
            } else {
                next = executor.complete(call.binding, site, call.admission, start, state, failure, call);
                if (next instanceof RetryState && call.reissuesByNewCall()) {
                    return NewCallRetry.run(executor, site, call, start, (RetryState) next);
                }
            }
            goesOn = next instanceof RetryState;
            if (!goesOn && f.kind == Frame.PRESET) {
                tell(site, f, call, thrown, returned);
            }
            return next;
        } catch (Throwable e) {
            internalError(site, "exit", e);
            return null;
        } finally {
            if (!goesOn) {
                f.pop();
            }
        }
    }

    /** The site's binding, if it still admits calls without recording anything (no reload made it guarded). */
    private static Entry simpleBinding(int site) {
        Binding b = bindingAt(site);
        return b != null && b.plain ? b : null;
    }

    /**
     * Records what a preset or watched call saw: for the woven application method around it, whose
     * policy decides with it (its requests are counted in its figures), and for the listener, if one
     * listens. A call with neither records nothing.
     */
    private static void tell(int site, Frame f, PresetCall call, Throwable thrown, Object returned) {
        ThreadCalls t = f.owner;
        boolean enclosed = f.index > t.base;
        CallListener l = listener;
        if (!enclosed && l == null) {
            return;
        }
        Preset preset = call.preset;
        int source = preset.recordsOncePerReceiver() ? System.identityHashCode(call.self) : 0;
        Exchange latest = t.recordBack(0);
        if (source != 0 && latest != null && latest.source == source
                && (!enclosed || t.recorded > t.frameAt(f.index - 1).mark)) {
            return; // the same connection asked again (its status, then its body)
        }
        try {
            Exchange x = t.nextRecord();
            x.source = source;
            preset.observe(call.self, call.a0, call.a1, returned, thrown, x);
            if (enclosed) {
                Binding enclosing = bindingAt(t.frameAt(f.index - 1).site);
                if (enclosing != null && enclosing.routes == null) {
                    enclosing.policy.state.countInnerCall();
                }
            }
            if (l != null) {
                l.ended(preset.name(), site, x, call.self, call.a0, call.a1, call.began == 0 ? 0 : System.nanoTime() - call.began, thrown);
            }
        } catch (Throwable e) {
            Log.warnOnce("observe:" + preset.name(), preset.name() + ": could not read what a call saw; the woven method "
                    + "around it is classified by its own exception: " + e);
        }
    }

    /** The listener that hears every watched or preset call, or null (for a benchmark that toggles it). */
    public static CallListener listener() {
        return listener;
    }

    /** Installs the listener that hears every watched or preset call (null: none). */
    public static void listen(CallListener l) {
        listener = l;
    }

    // ---- the site table (written by the weaving side) ----

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
    public static void publish(Binding[] newTable, Collection<String> wovenFrames) {
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

    static Binding bindingAt(int site) {
        Binding[] t = table;
        return site < t.length ? t[site] : null;
    }

    /** Announces a newly woven method that has a policy, for confirming nesting on the stack. */
    public static void woven(String className, String methodName) {
        NestedCalls.add(NestedCalls.key(className, methodName));
    }

    /** Frame key used by {@link #publish}: {@code className#methodName}. */
    public static String frameKey(String className, String methodName) {
        return NestedCalls.key(className, methodName);
    }
}
