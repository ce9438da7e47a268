package dev.tenacious.weaving;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.Dispatcher;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a named JDK module (java.net.http) read the unnamed module of the bootstrap class path, where
 * the runtime lives, before one of its classes is woven to call the runtime. Named modules read only
 * what they declare; the JVM would otherwise refuse the woven call with an IllegalAccessError. Done
 * through {@code Instrumentation.redefineModule} by reflection, since the agent is compiled for Java 8;
 * on Java 8 there are no modules and nothing to do.
 */
final class ModuleReads {
    private static final Map<String, Boolean> DONE = new ConcurrentHashMap<String, Boolean>();
    /** Java 9 and later: the JVM has modules (on 8 this is "1.8", and no module method may be called). */
    private static final boolean MODULES = !System.getProperty("java.specification.version", "").startsWith("1.");

    private ModuleReads() {
    }

    /** Ensures the module holding {@code className}'s package reads the runtime's module. */
    static void ensure(Instrumentation inst, String className) {
        int dot = className.lastIndexOf('.');
        if (inst == null || dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (DONE.containsKey(pkg)) {
            return;
        }
        if (!MODULES) {
            return; // Java 8: no modules, nothing to read
        }
        try {
            Method getModule = Class.class.getMethod("getModule");
            Object runtime = getModule.invoke(Dispatcher.class);
            Class<?> moduleType = Class.forName("java.lang.Module");
            Class<?> layerType = Class.forName("java.lang.ModuleLayer");
            Object bootLayer = layerType.getMethod("boot").invoke(null);
            Set<?> modules = (Set<?>) layerType.getMethod("modules").invoke(bootLayer);
            Method packages = moduleType.getMethod("getPackages");
            for (Object module : modules) {
                if (((Set<?>) packages.invoke(module)).contains(pkg)) {
                    Method redefine = Instrumentation.class.getMethod("redefineModule", moduleType, Set.class,
                            Map.class, Map.class, Set.class, Map.class);
                    redefine.invoke(inst, module, Collections.singleton(runtime), Collections.emptyMap(),
                            Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
                    Log.debug("module " + moduleType.getMethod("getName").invoke(module) + " now reads the Tenacious runtime");
                    break;
                }
            }
            DONE.put(pkg, Boolean.TRUE);
        } catch (Throwable e) {
            DONE.put(pkg, Boolean.TRUE);
            Log.warnOnce("module:" + pkg, "could not open module of " + pkg + " to the Tenacious runtime: " + e);
        }
    }
}
