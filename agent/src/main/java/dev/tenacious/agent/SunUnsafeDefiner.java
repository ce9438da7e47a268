package dev.tenacious.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Java 8: {@code sun.misc.Unsafe.defineClass} with a null loader, by reflection (the agent compiles
 * against the Java 8 API, which hides {@code sun.misc}; Java 8's reflection is cheap). From Java 9 on
 * the agent uses {@code InternalUnsafeDefiner} instead (src/main/java9).
 */
final class SunUnsafeDefiner implements ClassDefiner {
    @Override
    public void define(Instrumentation inst, String[] names, byte[][] classFiles) throws Exception {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field instance = type.getDeclaredField("theUnsafe");
        instance.setAccessible(true);
        Object unsafe = instance.get(null);
        Method defineClass = type.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (int i = 0; i < names.length; i++) {
            try {
                defineClass.invoke(unsafe, names[i], classFiles[i], 0, classFiles[i].length, null, null);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("defining " + names[i] + " failed: " + e.getCause(), e.getCause());
            }
        }
        // no module to open on Java 8: the runtime may read an exception's cause without its lock
        Class.forName("dev.tenacious.runtime.policy.Causes", true, null).getMethod("javaLangOpened").invoke(null);
    }
}
