package dev.tenacious.runtime;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Optional;

/**
 * A woven method's link to its policy: what the dispatcher's site table holds. Besides the policy it
 * carries what depends on the method: its breaker (per method with {@code scope: method}), the
 * policy's bulkhead, and the values a fallback returns for the method's declared return type.
 */
public final class Binding extends Admission {
    final RetryPolicy policy;
    final CircuitBreaker breaker;
    final Bulkhead bulkhead;
    /** What {@code fallback: return empty} returns for this method's return type. */
    final Object emptyValue;
    /** What the method returns when it throws instead: a boxed zero for primitives, else null. */
    final Object zeroValue;
    final String method;
    private final WeakReference<ClassLoader> loader;

    /** Exceptions the method declares, by name: a chaos fault must be one of them or unchecked. */
    private final java.util.List<String> declared;
    /**
     * The same binding marked timed, handed out instead of this one for the sampled calls of a simple
     * binding: the entry picks the sample, and the rest of the path just reads {@code timed}.
     */
    final Binding sampled;
    /** For a method woven by a preset: the policies that name the preset, chosen per call by host; else null. */
    final PresetRoutes routes;
    /** The method returns a CompletableFuture or CompletionStage: its retries run asynchronously. */
    final boolean async;

    private Binding(RetryPolicy policy, CircuitBreaker breaker, Bulkhead bulkhead, String returnType, String method,
                    ClassLoader loader, java.util.List<String> declared, PresetRoutes routes) {
        this(policy, breaker, bulkhead, returnType, method, loader, declared, routes, false);
    }

    private Binding(RetryPolicy policy, CircuitBreaker breaker, Bulkhead bulkhead, String returnType, String method,
                    ClassLoader loader, java.util.List<String> declared, PresetRoutes routes, boolean twin) {
        super(!twin && breaker == null && bulkhead == null && policy.chaosConfig == null,
                twin || policy.maxDurationNanos > 0 || (breaker != null && breaker.config().needsClock()));
        this.routes = routes;
        this.async = returnType.equals("java.util.concurrent.CompletableFuture")
                || returnType.equals("java.util.concurrent.CompletionStage");
        this.sampled = twin || timed ? this
                : new Binding(policy, breaker, bulkhead, returnType, method, loader, declared, routes, true);
        this.policy = policy;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.zeroValue = zero(returnType);
        this.emptyValue = empty(returnType);
        this.method = method;
        this.loader = new WeakReference<ClassLoader>(loader);
        this.declared = declared;
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

    /**
     * @param method     {@code Class.method(params)}, also the key of a per-method breaker
     * @param returnType the declared return type as written in Java ({@code int}, {@code java.util.List})
     * @param loader     the woven class's loader, where a {@code fallback: throw} type is looked up
     */
    public static Binding of(RetryPolicy policy, String method, String returnType, ClassLoader loader, long nowNanos) {
        return of(policy, method, returnType, loader, nowNanos, java.util.Collections.<String>emptyList());
    }

    /** @param declared the exceptions the method declares, by name */
    public static Binding of(RetryPolicy policy, String method, String returnType, ClassLoader loader, long nowNanos,
                             java.util.List<String> declared) {
        String key = policy.breakerConfig != null && policy.breakerConfig.scope == CircuitBreakerConfig.Scope.METHOD ? method : null;
        return of(policy, method, returnType, loader, nowNanos, declared, key, null);
    }

    /**
     * The binding of a method woven by a preset: the first policy's binding, which carries the routes
     * that pick a policy per call.
     *
     * @param policies the policies that name the preset and match the method, in file order
     */
    public static Binding ofPreset(Preset preset, java.util.List<RetryPolicy> policies, String method, String returnType,
                                   ClassLoader loader, long nowNanos, java.util.List<String> declared) {
        return new PresetRoutes(preset, policies, method, returnType, loader, declared, nowNanos).first();
    }

    /** @param breakerKey null for the policy's breaker, else the method or host that has its own */
    static Binding of(RetryPolicy policy, String method, String returnType, ClassLoader loader, long nowNanos,
                      java.util.List<String> declared, String breakerKey, PresetRoutes routes) {
        // observe mode never refuses a call, so it gets neither breaker nor bulkhead
        CircuitBreaker breaker = policy.breakerConfig == null || !policy.enforcing ? null
                : policy.state.breaker(policy.breakerConfig, breakerKey, nowNanos);
        Bulkhead bulkhead = policy.bulkheadConfig == null || !policy.enforcing ? null : policy.state.bulkhead(policy.bulkheadConfig);
        return new Binding(policy, breaker, bulkhead, returnType, method, loader, declared, routes);
    }

    private volatile AsyncMethod asyncMethod;

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

    public RetryPolicy policy() {
        return policy;
    }

    /** Null: the policy has no breaker. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Null: the policy has no bulkhead. */
    public Bulkhead bulkhead() {
        return bulkhead;
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
