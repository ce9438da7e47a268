package dev.tenacious.presets.springtx;

import dev.tenacious.log.Log;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives a retried transaction a new persistence context, and with it a new connection, where an
 * EntityManager was bound to the thread before the transaction began (Spring's open-EntityManager-in-view,
 * on by default in Spring Boot). Such an EntityManager is reused by every transaction of the request,
 * and Spring's Hibernate settings make it hold its JDBC connection until the request ends, so a retry
 * would begin on the very connection that broke ("Connection is closed") however often it ran. Before
 * each retry the bound EntityManager (which the failed transaction's rollback has already cleared, so
 * no managed entity is lost) is closed, giving its connection back to the pool, and a new one from the
 * same factory is bound in its place; whoever bound the first one unbinds and closes the new one when
 * the request ends, as it would have the first. Nothing happens where no EntityManager is bound.
 */
final class PreBoundEntityManagers {
    private static final String SYNCHRONIZATION = "org.springframework.transaction.support.TransactionSynchronizationManager";
    private static final String HOLDER = "org.springframework.orm.jpa.EntityManagerHolder";

    private PreBoundEntityManagers() {
    }

    /** Replaces every EntityManager bound to this thread by a new one from its factory; never throws. */
    static void renew(ClassLoader loader) {
        try {
            Class<?> holderType;
            try {
                holderType = Class.forName(HOLDER, false, loader);
            } catch (ClassNotFoundException noJpa) {
                return;
            }
            Class<?> sync = Class.forName(SYNCHRONIZATION, false, loader);
            Map<?, ?> resources = (Map<?, ?>) sync.getMethod("getResourceMap").invoke(null);
            List<Object[]> bound = new ArrayList<Object[]>();
            for (Map.Entry<?, ?> e : resources.entrySet()) {
                if (holderType.isInstance(e.getValue())) {
                    bound.add(new Object[] {e.getKey(), e.getValue()});
                }
            }
            for (Object[] b : bound) {
                renew(sync, holderType, b[0], b[1]);
            }
        } catch (Exception | LinkageError e) {
            Log.warnOnce("spring-tx:entityManager", "spring-tx: could not give the retried transaction a new"
                    + " EntityManager; it runs with the one bound to the thread: " + e);
        }
    }

    private static void renew(Class<?> sync, Class<?> holderType, Object factory, Object holder) throws Exception {
        Object old = holderType.getMethod("getEntityManager").invoke(holder);
        Method create = persistenceMethod(factory.getClass(), "EntityManagerFactory", "createEntityManager");
        if (create == null) {
            return;
        }
        Object fresh = create.invoke(factory);
        Constructor<?> newHolder = null;
        for (Constructor<?> c : holderType.getConstructors()) {
            if (c.getParameterTypes().length == 1) {
                newHolder = c;
            }
        }
        if (newHolder == null) {
            closeQuietly(fresh);
            return;
        }
        Object replacement = newHolder.newInstance(fresh);
        sync.getMethod("unbindResource", Object.class).invoke(null, factory);
        sync.getMethod("bindResource", Object.class, Object.class).invoke(null, factory, replacement);
        closeQuietly(old);
    }

    private static void closeQuietly(Object entityManager) {
        if (entityManager == null) {
            return;
        }
        try {
            Method close = persistenceMethod(entityManager.getClass(), "EntityManager", "close");
            if (close != null) {
                close.invoke(entityManager);
            }
        } catch (Exception | LinkageError ignored) {
            // a broken EntityManager may fail to close; its connection was evicted by the pool
        }
    }

    /**
     * The method as the JPA interface ({@code jakarta.persistence} or {@code javax.persistence}) declares
     * it: the objects are often proxies, whose own classes are not accessible.
     */
    private static Method persistenceMethod(Class<?> type, String simpleName, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method m = fromInterfaces(c.getInterfaces(), simpleName, name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Method fromInterfaces(Class<?>[] interfaces, String simpleName, String name) {
        for (Class<?> i : interfaces) {
            if (i.getName().equals("jakarta.persistence." + simpleName) || i.getName().equals("javax.persistence." + simpleName)) {
                try {
                    return i.getMethod(name);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
            Method m = fromInterfaces(i.getInterfaces(), simpleName, name);
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
