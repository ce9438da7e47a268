package dev.tenacious.agent;

import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Java 9 and later: {@code jdk.internal.misc.Unsafe.defineClass} with a null loader, called directly.
 *
 * <p>Compiled apart from the agent (Java 9 class file, against {@code jdk.internal.misc}) and shipped
 * only inside the jar's index of runtime classes; {@code BootstrapRuntime} defines it in a class loader
 * of its own, whose unnamed module alone {@code java.base} then exports {@code jdk.internal.misc} to: the
 * application's class path gains no access to the JDK's internals. No reflection: from JDK 18 on the
 * first reflective call of a method with several parameters spins method handles, tens of milliseconds.
 */
public final class InternalUnsafeDefiner implements ClassDefiner, Runnable {
    private Instrumentation inst;
    private String runtimeClass;

    @Override
    public void define(Instrumentation inst, String[] names, byte[][] classFiles) {
        Map<String, Set<Module>> grant = Collections.singletonMap("jdk.internal.misc",
                Collections.singleton(InternalUnsafeDefiner.class.getModule()));
        inst.redefineModule(Object.class.getModule(), Collections.<Module>emptySet(), grant,
                Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
                Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
        // resolved only now, after the export: the JVM checks module access when it links this call
        jdk.internal.misc.Unsafe unsafe = jdk.internal.misc.Unsafe.getUnsafe();
        for (int i = 0; i < names.length; i++) {
            try {
                unsafe.defineClass(names[i], classFiles[i], 0, classFiles[i].length, null, null);
            } catch (LinkageError e) {
                throw new IllegalStateException("defining " + names[i] + " failed: " + e, e);
            }
        }
        // off the start's path (a few milliseconds): until it is done, the runtime asks getCause()
        this.inst = inst;
        this.runtimeClass = names[0];
        try {
            Thread t = new Thread(this, "tenacious-open-java-lang");
            t.setDaemon(true);
            t.setContextClassLoader(null);
            t.start();
        } catch (Throwable e) {
            // the runtime asks getCause()
        }
    }

    @Override
    public void run() {
        openJavaLangToTheRuntime(inst, runtimeClass);
    }

    /**
     * Opens {@code java.lang} to the module the runtime was defined in (the bootstrap loader's unnamed
     * one), so that {@code Causes} reads an exception's cause without {@code getCause()}'s lock. Optional:
     * if it fails, the runtime calls {@code getCause()}.
     */
    private static void openJavaLangToTheRuntime(Instrumentation inst, String runtimeClass) {
        try {
            Module runtime = Class.forName(runtimeClass, false, null).getModule();
            inst.redefineModule(Object.class.getModule(), Collections.<Module>emptySet(),
                    Collections.<String, Set<Module>>emptyMap(),
                    Collections.singletonMap("java.lang", Collections.singleton(runtime)), Collections.<Class<?>>emptySet(),
                    Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
            if (Object.class.getModule().isOpen("java.lang", runtime)) {
                dev.tenacious.runtime.policy.Causes.javaLangOpened();
            }
        } catch (Throwable e) {
            // the runtime asks getCause()
        }
    }
}
