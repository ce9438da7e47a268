package dev.tenacious.weaving;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * One type-pool cache per class loader, held weakly so that an undeployed web application's loader can
 * be collected. Without a cache every woven class re-parses its supertypes (down to
 * {@code java.lang.Object}) from class files, milliseconds per class.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private final Map<ClassLoader, TypePool.CacheProvider> caches = new WeakHashMap<ClassLoader, TypePool.CacheProvider>();
    private final TypePool.CacheProvider bootstrap = TypePool.CacheProvider.Simple.withObjectType();

    TypePoolCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    /**
     * Forgets every loader's cache. A cached type description holds its type pool, and through it the
     * class loader, so the weak keys alone would never let an undeployed application's loader go: the
     * caches are dropped from time to time (they speed up the burst of class loading at start-up).
     */
    synchronized void clear() {
        caches.clear();
        bootstrap.clear();
    }

    @Override
    protected synchronized TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        TypePool.CacheProvider cache = caches.get(loader);
        if (cache == null) {
            cache = TypePool.CacheProvider.Simple.withObjectType();
            caches.put(loader, cache);
        }
        return cache;
    }
}
