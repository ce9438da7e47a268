package dev.tenacious.presets.springtx;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The parts of Spring's API that {@code spring-tx} calls, looked up once per class loader of the
 * woven class (the application's: the runtime on the bootstrap class path cannot link against
 * Spring). The same names exist in Spring 5.3 and 6.x. The AOP half is absent where an application
 * uses TransactionTemplate without Spring AOP.
 */
final class SpringApi {
    static final String INTERCEPTOR = "org.springframework.transaction.interceptor.TransactionInterceptor";
    static final String TEMPLATE = "org.springframework.transaction.support.TransactionTemplate";
    private static final String SYNCHRONIZATION = "org.springframework.transaction.support.TransactionSynchronizationManager";
    private static final String DEFINITION = "org.springframework.transaction.TransactionDefinition";
    private static final String OPERATIONS = "org.springframework.transaction.support.TransactionOperations";
    private static final String CALLBACK = "org.springframework.transaction.support.TransactionCallback";
    private static final String ASPECT_SUPPORT = "org.springframework.transaction.interceptor.TransactionAspectSupport";
    private static final String ATTRIBUTE_SOURCE = "org.springframework.transaction.interceptor.TransactionAttributeSource";
    private static final String ATTRIBUTE = "org.springframework.transaction.interceptor.TransactionAttribute";
    private static final String METHOD_INVOCATION = "org.aopalliance.intercept.MethodInvocation";
    private static final String JOINPOINT = "org.aopalliance.intercept.Joinpoint";
    private static final String METHOD_INTERCEPTOR = "org.aopalliance.intercept.MethodInterceptor";
    private static final String PROXY_INVOCATION = "org.springframework.aop.ProxyMethodInvocation";
    private static final String REFLECTIVE_INVOCATION = "org.springframework.aop.framework.ReflectiveMethodInvocation";
    private static final String AOP_UTILS = "org.springframework.aop.support.AopUtils";

    private static final ClassValue<SpringApi> BY_WOVEN_CLASS = new ClassValue<SpringApi>() {
        @Override
        protected SpringApi computeValue(Class<?> type) {
            return new SpringApi(type.getClassLoader());
        }
    };

    /** Null when Spring's transaction API could not be read in this class loader. */
    final Method isActualTransactionActive;
    final Method getPropagationBehavior;
    final Method execute;
    /** Null without Spring AOP. */
    final Aop aop;
    final String missing;

    /** TransactionInterceptor's half: attributes, rollback rules, and re-entering an interceptor chain. */
    static final class Aop {
        final Method getTransactionAttributeSource;
        final Method getTransactionAttribute;
        final Method rollbackOn;
        final Method getMethod;
        final Method getThis;
        final Method getTargetClass;
        final Method invocableClone;
        final Method invoke;
        final Class<?> reflectiveInvocation;
        final Field currentInterceptorIndex;
        final Field chain;

        Aop(ClassLoader loader) throws Exception {
            getTransactionAttributeSource = type(loader, ASPECT_SUPPORT).getMethod("getTransactionAttributeSource");
            getTransactionAttribute = type(loader, ATTRIBUTE_SOURCE).getMethod("getTransactionAttribute", Method.class, Class.class);
            rollbackOn = type(loader, ATTRIBUTE).getMethod("rollbackOn", Throwable.class);
            Class<?> invocation = type(loader, METHOD_INVOCATION);
            getMethod = invocation.getMethod("getMethod");
            getThis = type(loader, JOINPOINT).getMethod("getThis");
            getTargetClass = type(loader, AOP_UTILS).getMethod("getTargetClass", Object.class);
            invocableClone = type(loader, PROXY_INVOCATION).getMethod("invocableClone");
            invoke = type(loader, METHOD_INTERCEPTOR).getMethod("invoke", invocation);
            reflectiveInvocation = type(loader, REFLECTIVE_INVOCATION);
            // Spring Retry clones the invocation before it proceeds; the woven method has proceeded
            // by the time it fails, so a clone must be set back to this interceptor's place in the chain.
            currentInterceptorIndex = reflectiveInvocation.getDeclaredField("currentInterceptorIndex");
            currentInterceptorIndex.setAccessible(true);
            chain = reflectiveInvocation.getDeclaredField("interceptorsAndDynamicMethodMatchers");
            chain.setAccessible(true);
        }
    }

    private SpringApi(ClassLoader loader) {
        Method active = null;
        Method propagation = null;
        Method exec = null;
        Aop a = null;
        String why = null;
        try {
            active = type(loader, SYNCHRONIZATION).getMethod("isActualTransactionActive");
            propagation = type(loader, DEFINITION).getMethod("getPropagationBehavior");
            exec = type(loader, OPERATIONS).getMethod("execute", type(loader, CALLBACK));
        } catch (Exception | LinkageError e) {
            why = "Spring's transaction API could not be read: " + e;
        }
        try {
            a = new Aop(loader);
        } catch (Exception | LinkageError e) {
            a = null; // TransactionTemplate alone needs none of it
        }
        this.isActualTransactionActive = active;
        this.getPropagationBehavior = propagation;
        this.execute = exec;
        this.aop = a;
        this.missing = why;
    }

    static SpringApi of(Class<?> wovenClass) {
        return BY_WOVEN_CLASS.get(wovenClass);
    }

    private static final Object[] NO_ARGS = new Object[0];

    boolean transactionActive() throws Exception {
        return Boolean.TRUE.equals(call(isActualTransactionActive, null, NO_ARGS));
    }

    /** A method without parameters: no argument array is allocated for it. */
    static Object call(Method m, Object target) throws Exception {
        return call(m, target, NO_ARGS);
    }

    /** Calls a public method, throwing what the method threw. */
    static Object call(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** The position of {@code interceptor} in the invocation's chain, or -1 unless it is there exactly once. */
    int positionIn(Object invocation, Object interceptor) throws Exception {
        if (aop == null || invocation == null || !aop.reflectiveInvocation.isInstance(invocation)) {
            return -1;
        }
        List<?> chain = (List<?>) aop.chain.get(invocation);
        int found = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (interceptorOf(chain.get(i)) == interceptor) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** An element of the chain: the interceptor itself, or Spring's pair of a dynamic matcher and an interceptor. */
    private static Object interceptorOf(Object element) {
        if (element != null && element.getClass().getName().endsWith("InterceptorAndDynamicMethodMatcher")) {
            try {
                Field f = element.getClass().getDeclaredField("interceptor");
                f.setAccessible(true);
                return f.get(element);
            } catch (Exception | LinkageError e) {
                return element;
            }
        }
        return element;
    }

    /**
     * A clone of the invocation set back to the interceptor's place, so that proceeding runs the rest
     * of the chain (the interceptors after it, then the method) anew.
     */
    Object rewound(Object invocation, Object interceptor) throws Exception {
        int position = positionIn(invocation, interceptor);
        if (position < 0) {
            throw new IllegalStateException("the transaction interceptor is no longer in the invocation's chain");
        }
        Object clone = call(aop.invocableClone, invocation);
        aop.currentInterceptorIndex.setInt(clone, position);
        return clone;
    }

    private static Class<?> type(ClassLoader loader, String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }
}
