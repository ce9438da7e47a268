package dev.tenacious.discover;

import dev.tenacious.presets.reflect.Reflect;

import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * What only a sampled call is asked, through its library's public API: whether it had a timeout
 * (a read timeout on an {@code HttpURLConnection}, a request timeout on a JDK {@code HttpRequest}, a
 * query timeout on a JDBC statement), and whether a JDBC call ran inside a Spring transaction
 * ({@code TransactionSynchronizationManager.isActualTransactionActive()}, in the class loader of the
 * thread or of the driver).
 */
final class SampledChecks {
    private static final String TRANSACTIONS = "org.springframework.transaction.support.TransactionSynchronizationManager";
    private static final Method ABSENT;

    static {
        try {
            ABSENT = Object.class.getMethod("hashCode");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<ClassLoader, Method> transactionChecks = new WeakHashMap<ClassLoader, Method>();

    /** {@link CallStats.Sampled#YES} when the call had a timeout, NO when none was set, UNKNOWN if it cannot be told. */
    static int timeouts(String library, Object self, Object a0) {
        try {
            if (library.equals("http-url-connection") && self instanceof HttpURLConnection) {
                return ((HttpURLConnection) self).getReadTimeout() > 0 ? CallStats.Sampled.YES : CallStats.Sampled.NO;
            }
            if (library.equals("jdk-http")) {
                Object t = Reflect.call(a0, "java.net.http.HttpRequest", "timeout");
                return t instanceof Optional ? ((Optional<?>) t).isPresent() ? CallStats.Sampled.YES : CallStats.Sampled.NO
                        : CallStats.Sampled.UNKNOWN;
            }
            if (library.equals("jdbc") && JdbcTargets.kind(self) == JdbcTargets.STATEMENT) {
                Object q = Reflect.call(self, "java.sql.Statement", "getQueryTimeout");
                return q instanceof Integer ? (Integer) q > 0 ? CallStats.Sampled.YES : CallStats.Sampled.NO
                        : CallStats.Sampled.UNKNOWN;
            }
        } catch (Exception e) {
            // unknown
        }
        return CallStats.Sampled.UNKNOWN;
    }

    /**
     * Whether a JDBC call's application method runs inside a Spring transaction: YES when the stack
     * has a boundary outside the method, NO when its only boundary is below the method (which then
     * encloses the whole transaction), else what Spring says of the thread; UNKNOWN without Spring.
     */
    int springTransaction(Object self, StackAttribution.Walk walk) {
        if (walk.insideTransaction) {
            return CallStats.Sampled.YES;
        }
        if (walk.enclosesTransaction) {
            return CallStats.Sampled.NO;
        }
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(),
                self == null ? null : self.getClass().getClassLoader()};
        for (ClassLoader loader : loaders) {
            Method m = loader == null ? null : check(loader);
            if (m != null) {
                try {
                    return Boolean.TRUE.equals(m.invoke(null)) ? CallStats.Sampled.YES : CallStats.Sampled.NO;
                } catch (Exception | LinkageError e) {
                    // unknown
                }
            }
        }
        return CallStats.Sampled.UNKNOWN;
    }

    private Method check(ClassLoader loader) {
        synchronized (transactionChecks) {
            Method m = transactionChecks.get(loader);
            if (m == null) {
                try {
                    m = Class.forName(TRANSACTIONS, false, loader).getMethod("isActualTransactionActive");
                } catch (Exception | LinkageError e) {
                    m = ABSENT;
                }
                transactionChecks.put(loader, m);
            }
            return m == ABSENT ? null : m;
        }
    }
}
