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

    private Binding(RetryPolicy policy, CircuitBreaker breaker, Bulkhead bulkhead, String returnType, String method,
                    ClassLoader loader) {
        super(breaker == null && bulkhead == null,
                policy.maxDurationNanos > 0 || (breaker != null && breaker.config().needsClock()));
        this.policy = policy;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.zeroValue = zero(returnType);
        this.emptyValue = empty(returnType);
        this.method = method;
        this.loader = new WeakReference<ClassLoader>(loader);
    }

    /**
     * @param method     {@code Class.method(params)}, also the key of a per-method breaker
     * @param returnType the declared return type as written in Java ({@code int}, {@code java.util.List})
     * @param loader     the woven class's loader, where a {@code fallback: throw} type is looked up
     */
    public static Binding of(RetryPolicy policy, String method, String returnType, ClassLoader loader, long nowNanos) {
        // observe mode never refuses a call, so it gets neither breaker nor bulkhead
        CircuitBreaker breaker = policy.breakerConfig == null || !policy.enforcing ? null
                : policy.state.breaker(policy.breakerConfig, method, nowNanos);
        Bulkhead bulkhead = policy.bulkheadConfig == null || !policy.enforcing ? null : policy.state.bulkhead(policy.bulkheadConfig);
        return new Binding(policy, breaker, bulkhead, returnType, method, loader);
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
