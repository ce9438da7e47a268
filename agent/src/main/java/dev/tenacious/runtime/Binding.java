package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.limits.Bulkhead;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A woven method's link to its policy: what the dispatcher's site table holds. Besides the policy it
 * carries what depends on the method: its breaker (per method with {@code scope: method}), the
 * policy's bulkhead, and the values a fallback returns for the method's declared return type. As an
 * {@link Entry} it is the token of a call it admitted without a breaker.
 */
public final class Binding extends Entry {
    /** One call in 64 (per thread) is timed for the latency percentiles: two clock reads cost more than the rest of the path. */
    static final int LATENCY_SAMPLE_MASK = 63;

    final Policy policy;
    final CircuitBreaker breaker;
    final Bulkhead bulkhead;
    /** What {@code fallback: return empty} returns for this method's return type. */
    final Object emptyValue;
    /** What the method returns when it throws instead: a boxed zero for primitives, else null. */
    final Object zeroValue;
    /** {@code Class.method(params)}: log lines, and the key of a per-method breaker. */
    final String method;
    private final WeakReference<ClassLoader> loader;
    /** Exceptions the method declares, by name: a chaos fault must be one of them or unchecked. */
    private final List<String> declared;
    /**
     * The same binding marked timed, handed out instead of this one for the sampled calls of a simple
     * binding: the entry picks the sample, and the rest of the path just reads {@code timed}.
     */
    final Binding sampled;
    /** Simple and untimed: a call needs nothing but a count and, one in 64, a timing (the happy path's own test). */
    final boolean plain;
    /** For a method woven by a preset: the policies that name the preset, chosen per call by host; else null. */
    final PresetRoutes routes;
    /** The method returns a CompletableFuture or CompletionStage: its retries run asynchronously. */
    final boolean async;
    /** The token of the last breaker phase that admitted a call here (racy but benign: immutable). */
    private Admitted admitted;
    private volatile AsyncMethod asyncMethod;

    private Binding(Policy policy, CircuitBreaker breaker, Bulkhead bulkhead, String returnType, String method,
                    ClassLoader loader, List<String> declared, PresetRoutes routes, boolean twin) {
        super(!twin && breaker == null && bulkhead == null && policy.chaos == null,
                twin || policy.maxDurationNanos > 0 || (breaker != null && breaker.config().needsClock()));
        this.plain = simple && !timed;
        this.policy = policy;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.routes = routes;
        this.async = returnsFuture(returnType);
        this.zeroValue = zero(returnType);
        this.emptyValue = empty(returnType);
        this.method = method;
        this.loader = new WeakReference<ClassLoader>(loader);
        this.declared = declared;
        this.sampled = twin || timed ? this
                : new Binding(policy, breaker, bulkhead, returnType, method, loader, declared, routes, true);
    }

    /**
     * The binding of a library method woven only to tell the woven application methods around its calls
     * what they saw: no policy of its own, so its calls elsewhere run untouched.
     */
    private Binding(PresetRoutes routes, String method, String returnType, ClassLoader loader, List<String> declared) {
        super(false, false);
        this.plain = false;
        this.policy = null;
        this.breaker = null;
        this.bulkhead = null;
        this.routes = routes;
        this.async = false;
        this.zeroValue = zero(returnType);
        this.emptyValue = null;
        this.method = method;
        this.loader = new WeakReference<ClassLoader>(loader);
        this.declared = declared;
        this.sampled = this;
    }

    static Binding watching(PresetRoutes routes, String method, String returnType, ClassLoader loader, List<String> declared) {
        return new Binding(routes, method, returnType, loader, declared);
    }

    /** Whether this is a watched library method's binding (no policy). */
    public boolean watchOnly() {
        return policy == null;
    }

    /**
     * The binding of an application method.
     *
     * @param method     {@code Class.method(params)}
     * @param returnType the declared return type as written in Java ({@code int}, {@code java.util.List})
     * @param loader     the woven class's loader, where a {@code fallback: throw} type is looked up
     * @param declared   the exceptions the method declares, by name
     */
    public static Binding of(Policy policy, String method, String returnType, ClassLoader loader, long nowNanos,
                             List<String> declared) {
        String key = policy.breakerConfig != null && policy.breakerConfig.scope() == CircuitBreakerConfig.Scope.METHOD
                ? method : null;
        return of(policy, method, returnType, loader, nowNanos, declared, key, null);
    }

    /**
     * The binding of a method woven by a preset: the first policy's binding, which carries the routes
     * that pick a policy per call.
     *
     * @param policies the policies that name the preset and match the method, in file order; none for a
     *                 library method woven only to watch its calls
     */
    public static Binding ofPreset(Preset preset, List<Policy> policies, String method, String returnType,
                                   ClassLoader loader, long nowNanos, List<String> declared) {
        return new PresetRoutes(preset, policies, method, returnType, loader, declared, nowNanos).first();
    }

    /** @param breakerKey null for the policy's breaker, else the method or host that has its own */
    static Binding of(Policy policy, String method, String returnType, ClassLoader loader, long nowNanos,
                      List<String> declared, String breakerKey, PresetRoutes routes) {
        // observe mode never refuses a call, so it gets neither breaker nor bulkhead
        CircuitBreaker breaker = policy.breakerConfig == null || !policy.enforcing ? null
                : policy.state.breaker(policy.breakerConfig, breakerKey, nowNanos);
        Bulkhead bulkhead = policy.bulkheadConfig == null || !policy.enforcing ? null : policy.state.bulkhead(policy.bulkheadConfig);
        return new Binding(policy, breaker, bulkhead, returnType, method, loader, declared, routes, false);
    }

    /** Whether a method with this declared return type is retried asynchronously. */
    public static boolean returnsFuture(String returnType) {
        return returnType.equals("java.util.concurrent.CompletableFuture")
                || returnType.equals("java.util.concurrent.CompletionStage");
    }

    public Policy policy() {
        return policy;
    }

    @Override
    Binding binding(Binding current) {
        return this;
    }

    /** The token of a call admitted by the breaker's {@code phase}. */
    Entry admittedBy(CircuitBreaker.Phase phase) {
        Admitted a = admitted;
        if (a == null || !a.by(phase)) {
            a = new Admitted(this, phase);
            admitted = a;
        }
        return a;
    }

    @Override
    long startClock(Clock clock) {
        if (timed) {
            return clock.nanoTime();
        }
        if (simple) {
            return 0L; // the entry picked the sample already (the timed twin)
        }
        return ThreadLocalRandom.current().nextInt(LATENCY_SAMPLE_MASK + 1) == 0 ? clock.nanoTime() : 0L;
    }

    /** Whether the method may throw {@code t}: unchecked, or an instance of a declared exception. */
    boolean mayThrow(Throwable t) {
        if (t instanceof RuntimeException || t instanceof Error) {
            return true;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (declared.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The method itself, for asynchronous retries of a method that returns a future. */
    AsyncMethod asyncMethod() {
        AsyncMethod m = asyncMethod;
        if (m == null) {
            m = new AsyncMethod(method, loader.get());
            asyncMethod = m;
        }
        return m;
    }

    ClassLoader loader() {
        return loader.get();
    }

    static Object zero(String type) {
        switch (type) {
            case "int":
                return 0;
            case "long":
                return 0L;
            case "boolean":
                return Boolean.FALSE;
            case "double":
                return 0.0d;
            case "float":
                return 0.0f;
            case "short":
                return (short) 0;
            case "byte":
                return (byte) 0;
            case "char":
                return (char) 0;
            default:
                return null;
        }
    }

    /** The contract's "empty": zero or false for primitives, empty Optional, List, Set, Map or String; else null. */
    static Object empty(String type) {
        switch (type) {
            case "java.util.Optional":
                return Optional.empty();
            case "java.util.List":
            case "java.util.Collection":
            case "java.lang.Iterable":
                return Collections.emptyList();
            case "java.util.Set":
                return Collections.emptySet();
            case "java.util.Map":
                return Collections.emptyMap();
            case "java.lang.String":
            case "java.lang.CharSequence":
                return "";
            default:
                return zero(type);
        }
    }
}
