package dev.tenacious.runtime;

import java.lang.ref.WeakReference;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * An application method that returns a CompletableFuture or CompletionStage, seen as a preset: its
 * asynchronous retries call it again by reflection, on the receiver and with the arguments of the
 * original call. It has no results to read and no rules of its own, so the policy's lists decide.
 * One per binding; the method is resolved on the first retry, from the receiver's class where there
 * is one (the same class may be loaded by several loaders, which share the site), else from the
 * loader that wove it.
 */
final class AsyncMethod extends Preset {
    private final String description;
    /** Weakly: the site outlives an undeployed application, and must not keep its classes alive. */
    private final WeakReference<ClassLoader> loader;
    private volatile WeakReference<Method> method = new WeakReference<Method>(null);

    AsyncMethod(String description, ClassLoader loader) {
        super("async");
        this.description = description;
        this.loader = new WeakReference<ClassLoader>(loader);
    }

    /** @param args the original call's arguments, as the entry captured them */
    @Override
    public Object invokeAgain(Object self, Object args, Object unused) throws Throwable {
        try {
            return method(self).invoke(self, (Object[]) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Method method(Object self) throws ReflectiveOperationException {
        Method m = method.get();
        if (m == null || (self != null && !m.getDeclaringClass().isInstance(self))) {
            m = resolve(description, self != null ? declaring(self.getClass()) : null, loader.get());
            m.setAccessible(true);
            method = new WeakReference<Method>(m);
        }
        return m;
    }

    /** The receiver's class or the superclass that declares the method, by the description's class name. */
    private Class<?> declaring(Class<?> c) {
        String owner = description.substring(0, description.lastIndexOf('.', description.indexOf('(')));
        for (; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(owner)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Finds {@code com.acme.Client.method(java.lang.String, int[])}: in {@code type} when it is known,
     * else by name in the loader.
     */
    static Method resolve(String description, Class<?> known, ClassLoader loader) throws ReflectiveOperationException {
        int open = description.indexOf('(');
        String owner = description.substring(0, open);
        int dot = owner.lastIndexOf('.');
        Class<?> type = known != null ? known : Class.forName(owner.substring(0, dot), false, loader);
        loader = type.getClassLoader();
        String inside = description.substring(open + 1, description.length() - 1).trim();
        String[] names = inside.isEmpty() ? new String[0] : inside.split(",\\s*");
        Class<?>[] params = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            params[i] = type(names[i], loader);
        }
        return type.getDeclaredMethod(owner.substring(dot + 1), params);
    }

    private static Class<?> type(String name, ClassLoader loader) throws ClassNotFoundException {
        if (name.endsWith("[]")) {
            return Array.newInstance(type(name.substring(0, name.length() - 2), loader), 0).getClass();
        }
        switch (name) {
            case "int": return int.class;
            case "long": return long.class;
            case "boolean": return boolean.class;
            case "double": return double.class;
            case "float": return float.class;
            case "short": return short.class;
            case "byte": return byte.class;
            case "char": return char.class;
            default: return Class.forName(name, false, loader);
        }
    }
}
