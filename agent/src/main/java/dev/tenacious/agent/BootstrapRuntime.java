package dev.tenacious.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the runtime where woven code in every class loader (JDK classes included) can reach it: the
 * bootstrap loader. Its classes ({@link RuntimeClassFiles}) are defined there directly, which keeps the
 * bootstrap class path as the JDK made it: the bootstrap loader does not search the agent's jar for every
 * class the application loads, and from Java 11 on the JVM keeps sharing its class-data archive with the
 * application's class loaders (appending prints "Sharing is only supported for boot loader classes").
 * The rest of the agent loads in an {@link AgentClassLoader}, which finds the runtime in the bootstrap
 * loader.
 *
 * <p>When defining is refused (a JDK without the internal method, a module that cannot be opened), a jar
 * of the runtime's classes is appended to the bootstrap class path instead; {@code -Dtenacious.bootstrap=append}
 * asks for that. Either way the start-up line says which was done.
 */
final class BootstrapRuntime {
    /** A class of the runtime, to see where it is. */
    static final String PROBE = "dev.tenacious.runtime.Dispatcher";
    static final String DEFINED = "runtime defined in the bootstrap loader";
    static final String APPENDED = "runtime on the bootstrap class path";
    /** Compiled apart for Java 9 (src/main/java9), shipped inside the index: named, never referred to. */
    private static final String INTERNAL_DEFINER = "dev.tenacious.agent.InternalUnsafeDefiner";

    private BootstrapRuntime() {
    }

    /**
     * Makes the runtime's classes bootstrap classes.
     *
     * @return how, for the start-up line
     * @throws Exception when neither way works, or the agent's loader would not see the bootstrap's classes
     */
    static String install(Instrumentation inst, File jar) throws Exception {
        if (inBootstrap()) {
            return "runtime already in the bootstrap loader"; // an attach into a JVM that runs the agent
        }
        RuntimeClassFiles classes = RuntimeClassFiles.read(jar);
        String how;
        if ("append".equals(System.getProperty("tenacious.bootstrap"))) {
            appendJarOf(inst, classes);
            how = APPENDED + " (-Dtenacious.bootstrap=append)";
        } else {
            String refused = null;
            try {
                define(inst, classes);
            } catch (Throwable e) {
                refused = String.valueOf(e);
            }
            if (refused == null) {
                how = DEFINED;
            } else {
                appendJarOf(inst, classes); // classes defined before the refusal stay: the jar holds the same ones
                how = APPENDED + " (defining it in the bootstrap loader was refused: " + refused + ")";
            }
        }
        Class<?> seen = Class.forName(PROBE, false, BootstrapRuntime.class.getClassLoader());
        if (seen.getClassLoader() != null) {
            throw new IllegalStateException("the agent's class loader " + BootstrapRuntime.class.getClassLoader()
                    + " does not delegate to the bootstrap loader, so woven code and the agent would see two runtimes");
        }
        return how;
    }

    private static boolean inBootstrap() {
        try {
            Class.forName(PROBE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Appends a jar of the runtime's classes alone (written to a temporary file, deleted when the JVM
     * exits), not the agent's: the bootstrap loader then sees the same classes as when they are defined
     * there, and none of the agent's own (which would otherwise be found there before this class
     * loader's, splitting the agent's packages between two loaders).
     */
    private static void appendJarOf(Instrumentation inst, RuntimeClassFiles classes) throws IOException {
        File file = File.createTempFile("tenacious-runtime-", ".jar");
        file.deleteOnExit();
        JarOutputStream out = new JarOutputStream(new FileOutputStream(file));
        try {
            for (int i = 0; i < classes.names.length; i++) {
                out.putNextEntry(new JarEntry(classes.names[i].replace('.', '/') + ".class"));
                out.write(classes.classFiles[i]);
                out.closeEntry();
            }
        } finally {
            out.close();
        }
        // verify=false: the jar is ours, and verification is slow before the JIT warms up
        inst.appendToBootstrapClassLoaderSearch(new JarFile(file, false));
    }

    /**
     * Defines the classes: on Java 8 through {@link SunUnsafeDefiner}; from Java 9 on through
     * {@code InternalUnsafeDefiner}, defined first in a class loader of its own.
     */
    private static void define(Instrumentation inst, RuntimeClassFiles classes) throws Exception {
        ClassDefiner definer;
        if (hasModules()) {
            Class<?> type = new DefinerLoader(BootstrapRuntime.class.getClassLoader()).define(INTERNAL_DEFINER, classes.definer);
            definer = (ClassDefiner) type.getConstructor().newInstance();
        } else {
            definer = new SunUnsafeDefiner();
        }
        definer.define(inst, classes.names, classes.classFiles);
    }

    /** Java 9 and later (on 8, "1.8"). */
    static boolean hasModules() {
        return !System.getProperty("java.specification.version", "").startsWith("1.");
    }

    /**
     * Holds {@code InternalUnsafeDefiner} alone (its module is the one {@code jdk.internal.misc} is
     * exported to); its parent, the agent's loader, gives it {@link ClassDefiner} and the JDK.
     */
    private static final class DefinerLoader extends ClassLoader {
        DefinerLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] classFile) {
            return defineClass(name, classFile, 0, classFile.length);
        }
    }
}
