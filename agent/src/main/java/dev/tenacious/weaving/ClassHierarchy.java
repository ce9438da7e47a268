package dev.tenacious.weaving;

import net.bytebuddy.jar.asm.ClassReader;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class's supertypes, for {@code subtypes} rules (the {@code jdbc} preset's among them), without
 * Byte Buddy: the class's own header comes from the bytes being woven, each supertype's from its class
 * file, read through the class's loader ({@code getResourceAsStream}, as Byte Buddy's type pool would)
 * and parsed by ASM's {@link ClassReader} (the header only). A supertype that cannot be read ends that
 * branch: it cannot match.
 *
 * <p>Each type's direct supertypes are remembered by name, per class loader, in a map whose keys are
 * weak and whose values are strings only, so an undeployed application's loader can still be
 * collected; {@code java.*} types, the same in every loader, are remembered once. The caches are
 * dropped when no class has been woven for a while ({@link #forgetWhenIdle}).
 */
final class ClassHierarchy {
    private static final String[] NONE = new String[0];
    private static final long IDLE_BEFORE_FORGETTING_NANOS = 30_000_000_000L;

    /** Direct supertypes (internal names) by internal name, per loader; the bootstrap loader's under BOOT. */
    private final Map<ClassLoader, Map<String, String[]>> byLoader = new WeakHashMap<ClassLoader, Map<String, String[]>>();
    private final Map<String, String[]> boot = new ConcurrentHashMap<String, String[]>();
    private final Map<String, String[]> java = new ConcurrentHashMap<String, String[]>();
    private volatile long lastUse;

    /**
     * The class and all its supertypes, by binary name, the class first.
     *
     * @param loader     the class's loader (null: the bootstrap loader)
     * @param superName  the class's superclass from its header (internal name), null for none
     * @param interfaces its interfaces from its header (internal names)
     */
    Set<String> typeAndSupertypes(ClassLoader loader, String internalName, String superName, String[] interfaces) {
        lastUse = System.nanoTime();
        Set<String> seen = new LinkedHashSet<String>();
        seen.add(internalName);
        List<String> todo = new ArrayList<String>();
        if (superName != null) {
            todo.add(superName);
        }
        Collections.addAll(todo, interfaces);
        while (!todo.isEmpty()) {
            String t = todo.remove(todo.size() - 1);
            if (seen.add(t)) {
                Collections.addAll(todo, direct(loader, t));
            }
        }
        Set<String> names = new LinkedHashSet<String>();
        for (String t : seen) {
            names.add(t.replace('/', '.'));
        }
        return names;
    }

    /** The type's superclass and interfaces, read once per loader; none when its class file cannot be read. */
    private String[] direct(ClassLoader loader, String internalName) {
        Map<String, String[]> cache = cacheFor(loader, internalName);
        String[] known = cache.get(internalName);
        if (known == null) {
            known = read(internalName.startsWith("java/") ? null : loader, internalName);
            cache.put(internalName, known);
        }
        return known;
    }

    private Map<String, String[]> cacheFor(ClassLoader loader, String internalName) {
        if (internalName.startsWith("java/")) {
            return java; // only the JDK may define java.*, the same for every loader
        }
        if (loader == null) {
            return boot;
        }
        synchronized (byLoader) {
            Map<String, String[]> cache = byLoader.get(loader);
            if (cache == null) {
                cache = new ConcurrentHashMap<String, String[]>();
                byLoader.put(loader, cache);
            }
            return cache;
        }
    }

    private static String[] read(ClassLoader loader, String internalName) {
        ClassLoader through = loader != null ? loader : jdkLoader();
        try {
            InputStream in = through == null ? ClassLoader.getSystemResourceAsStream(internalName + ".class")
                    : through.getResourceAsStream(internalName + ".class");
            if (in == null) {
                return NONE;
            }
            ClassReader header;
            try {
                header = new ClassReader(in);
            } finally {
                in.close();
            }
            String superName = header.getSuperName();
            String[] interfaces = header.getInterfaces();
            if (superName == null) {
                return interfaces;
            }
            String[] all = new String[interfaces.length + 1];
            all[0] = superName;
            System.arraycopy(interfaces, 0, all, 1, interfaces.length);
            return all;
        } catch (Exception unreadable) {
            return NONE; // a class file the loader will not give, or one ASM cannot read: that branch cannot match
        }
    }

    /**
     * The loader that sees the JDK's classes and no application's: the platform loader from Java 9 on
     * (which also sees the modules outside the bootstrap loader, java.sql among them), the extension
     * loader on 8.
     */
    private static ClassLoader jdkLoader() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        return system == null ? null : system.getParent();
    }

    /** Drops the caches once no class has used them for a while: they speed up bursts of class loading. */
    void forgetWhenIdle() {
        long last = lastUse;
        if (last != 0 && System.nanoTime() - last > IDLE_BEFORE_FORGETTING_NANOS) {
            synchronized (byLoader) {
                byLoader.clear();
            }
            boot.clear();
            java.clear();
            lastUse = 0;
        }
    }
}
