package dev.tenacious.presets.reflect;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a library's public API by reflection. The presets run in the agent's own class loader and cannot
 * link against the HTTP client or JDBC types, which live in the platform or application class loader.
 * Methods are looked up on the public type that declares them (an implementation class may sit in a
 * package its module does not export), in the class loader of the object at hand, once per class.
 */
public final class Reflect {
    /**
     * Per class, the methods found, by method name: a call made on every request allocates nothing to
     * find its method again (no key built), it compares the declaring type's name and the arity.
     */
    private static final ClassValue<ConcurrentHashMap<String, Found[]>> METHODS = new ClassValue<ConcurrentHashMap<String, Found[]>>() {
        @Override
        protected ConcurrentHashMap<String, Found[]> computeValue(Class<?> type) {
            return new ConcurrentHashMap<String, Found[]>();
        }
    };

    /** A method looked up on a class: the type that declares it, its arity, and it (or {@link #MISSING}). */
    private static final class Found {
        final String type;
        final int arity;
        final Method method;
        /** For a method without parameters that returns an int: a handle typed {@code (Object)int}, made on first use. */
        private MethodHandle intHandle;
        /**
         * Whether {@link #intHandle} was made (or found impossible). Both are written racily: a thread that
         * sees one without the other calls the method the reflective way, which answers the same.
         */
        private boolean intHandleTried;

        Found(String type, int arity, Method method) {
            this.type = type;
            this.arity = arity;
            this.method = method;
        }

        /** The handle that calls the method without boxing its int result; null if there is none. */
        MethodHandle intHandle() {
            if (!intHandleTried) {
                MethodHandle h = null;
                if (method.getReturnType() == int.class && method.getParameterTypes().length == 0) {
                    try {
                        h = MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(int.class, Object.class));
                    } catch (IllegalAccessException | RuntimeException e) {
                        h = null; // the reflective call still works, boxing its result
                    }
                }
                intHandle = h;
                intHandleTried = true;
            }
            return intHandle;
        }
    }

    private static final Method MISSING;

    static {
        try {
            MISSING = Object.class.getMethod("hashCode");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Reflect() {
    }

    /**
     * Calls {@code type.name(args)} on {@code target}, or returns null if the target is not such a type
     * or has no such method.
     *
     * @param params the parameter types by name
     */
    public static Object call(Object target, String type, String name, String[] params, Object... args) throws Exception {
        if (target == null) {
            return null;
        }
        Method m = method(target.getClass(), type, name, params);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }

    public static Object call(Object target, String type, String name) throws Exception {
        return call(target, type, name, NO_PARAMS, NO_ARGS);
    }

    /**
     * Calls {@code type.name()}, a method without parameters that returns an int, on {@code target}
     * without boxing the result (a status of 200 would be a new {@code Integer} on every call); -1 if
     * the target is null, not such a type, or has no such method.
     */
    public static int callInt(Object target, String type, String name) throws Exception {
        if (target == null) {
            return -1;
        }
        Found f = found(target.getClass(), type, name, NO_PARAMS);
        if (f.method == MISSING) {
            return -1;
        }
        MethodHandle h = f.intHandle();
        if (h == null) {
            Object v = call(target, type, name);
            return v instanceof Integer ? (Integer) v : -1;
        }
        try {
            return (int) h.invokeExact(target);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    public static final String[] NO_PARAMS = new String[0];
    private static final Object[] NO_ARGS = new Object[0];

    public static Method method(Class<?> on, String type, String name, String... params) {
        Method m = found(on, type, name, params).method;
        return m == MISSING ? null : m;
    }

    private static Found found(Class<?> on, String type, String name, String[] params) {
        ConcurrentHashMap<String, Found[]> cache = METHODS.get(on);
        Found[] known = cache.get(name);
        if (known != null) {
            for (Found f : known) {
                if (f.arity == params.length && f.type.equals(type)) {
                    return f;
                }
            }
        }
        Method m = find(on, type, name, params);
        Found found = new Found(type, params.length, m == null ? MISSING : m);
        while (true) { // added to what another thread may have added meanwhile
            Found[] before = cache.get(name);
            if (before == null) {
                if (cache.putIfAbsent(name, new Found[] {found}) == null) {
                    return found;
                }
            } else {
                Found[] after = java.util.Arrays.copyOf(before, before.length + 1);
                after[before.length] = found;
                if (cache.replace(name, before, after)) {
                    return found;
                }
            }
        }
    }

    private static Method find(Class<?> on, String type, String name, String[] params) {
        try {
            Class<?> declaring = Class.forName(type, false, on.getClassLoader());
            if (!declaring.isAssignableFrom(on)) {
                return null;
            }
            ClassLoader loader = declaring.getClassLoader();
            Class<?>[] types = new Class<?>[params.length];
            for (int i = 0; i < params.length; i++) {
                types[i] = type(params[i], loader);
            }
            return declaring.getMethod(name, types);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static Class<?> type(String name, ClassLoader loader) throws ClassNotFoundException {
        switch (name) {
            case "long":
                return long.class;
            case "int":
                return int.class;
            case "boolean":
                return boolean.class;
            default:
                return Class.forName(name, false, loader);
        }
    }

    /** Calls {@code m} and throws what the method threw, as it is (checked or not). */
    public static Object invokeThrowing(Method m, Object target, Object... args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether the class is, or extends or implements, the named type (by name, without loading it). */
    public static boolean isA(Class<?> c, String name) {
        for (; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Closes what can be closed, ignoring failures: the result is being thrown away. */
    public static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable) {
            try {
                ((AutoCloseable) o).close();
            } catch (Exception ignored) {
                // nothing to do: the response is discarded
            }
        }
    }
}
