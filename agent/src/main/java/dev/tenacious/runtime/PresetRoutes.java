package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Clock;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies that name a preset, for one woven method, in file order: each call takes the first
 * whose {@code http.hosts} match its host. With {@code circuitBreaker.scope: host} a policy has one
 * binding (and breaker) per host, created on the host's first call.
 */
final class PresetRoutes {
    private static final int MAX_HOSTS = 1024;

    final Preset preset;
    private final Binding[] bindings;
    private final ConcurrentHashMap<String, Binding>[] byHost;
    private final String method;
    private final String returnType;
    /** Weakly: the site outlives an undeployed application, and must not keep its classes alive. */
    private final WeakReference<ClassLoader> loader;
    private final List<String> declared;
    private final Binding first;

    @SuppressWarnings("unchecked")
    PresetRoutes(Preset preset, List<Policy> policies, String method, String returnType, ClassLoader loader,
                 List<String> declared, long nowNanos) {
        this.preset = preset;
        this.method = method;
        this.returnType = returnType;
        this.loader = new WeakReference<ClassLoader>(loader);
        this.declared = declared;
        this.bindings = new Binding[policies.size()];
        this.byHost = new ConcurrentHashMap[policies.size()];
        for (int i = 0; i < bindings.length; i++) {
            Policy p = policies.get(i);
            bindings[i] = Binding.of(p, method, returnType, loader, nowNanos, declared, null, this);
            if (p.breakerConfig != null && p.breakerConfig.scope() == CircuitBreakerConfig.Scope.HOST) {
                byHost[i] = new ConcurrentHashMap<String, Binding>();
            }
        }
        this.first = bindings.length > 0 ? bindings[0] : Binding.watching(this, method, returnType, loader, declared);
    }

    /** The binding of the first policy whose hosts match, or null when none applies to this host. */
    Binding select(String host, Clock clock) {
        for (int i = 0; i < bindings.length; i++) {
            Binding b = bindings[i];
            if (b.policy.http.appliesTo(host)) {
                ConcurrentHashMap<String, Binding> hosts = byHost[i];
                if (hosts == null || host == null) {
                    return b;
                }
                Binding h = hosts.get(host);
                if (h == null) {
                    if (hosts.size() >= MAX_HOSTS) {
                        return b; // a bounded map: past this many hosts, they share the policy's breaker
                    }
                    h = Binding.of(b.policy, method, returnType, loader.get(), clock.nanoTime(), declared, host, this);
                    Binding raced = hosts.putIfAbsent(host, h);
                    h = raced != null ? raced : h;
                }
                return h;
            }
        }
        return null;
    }

    /** The first policy's binding, which the site table holds; without policies, a binding that only watches. */
    Binding first() {
        return first;
    }
}
