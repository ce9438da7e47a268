package dev.tenacious.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads the agent's own classes outside the runtime (installer, policy reader, weavers, metrics, the
 * shaded SnakeYAML and Byte Buddy) from the agent's jar, as they are first needed. Every other class
 * (the runtime's and the JDK's) is looked up in the bootstrap loader first, then in the class loader
 * that loaded the agent (for the JDK's modules outside the bootstrap loader).
 *
 * <p>Why not the system class loader, which has the jar on its class path too: there, each agent class
 * is looked for in every entry of the application's class path before the agent's jar (which the JVM
 * puts last), and through the JDK's URL class path machinery; with a class path of 200 jars that made
 * the agent's start two to three times as long (see benchmarks/RESULTS.md).
 */
final class AgentClassLoader extends ClassLoader {
    private static final String OURS = "dev.tenacious.";
    /** The premain layer, loaded by the system class loader: never defined a second time here. */
    private static final String PREMAIN = "dev.tenacious.agent.";

    static {
        registerAsParallelCapable();
    }

    private final ZipFile jar;
    private final String jarUrl;
    private final ClassLoader fallback;

    AgentClassLoader(File jar, ClassLoader fallback) throws IOException {
        super(null);
        this.fallback = fallback;
        this.jar = new ZipFile(jar);
        this.jarUrl = "jar:" + jar.toURI() + "!/";
    }

    /** Agent classes that this loader defines (the runtime's are the bootstrap loader's). */
    static boolean definesHere(String name) {
        return name.startsWith(OURS) && !name.startsWith(PREMAIN)
                && !RuntimeClassFiles.inBootstrapSet(name.replace('.', '/') + ".class");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!definesHere(name)) {
            return super.loadClass(name, resolve); // the bootstrap loader, then findClass
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineFromJar(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** A class the bootstrap loader does not have: the JDK's outside it, or the premain layer. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return fallback.loadClass(name);
    }

    private Class<?> defineFromJar(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        ZipEntry entry = jar.getEntry(path);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] b;
        try {
            b = RuntimeClassFiles.readFully(jar.getInputStream(entry), (int) entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, b, 0, b.length);
    }

    /** Java 8 defines no package for a class a loader defines itself; from 9 on this finds it defined. */
    private void definePackageOf(String name) {
        int dot = name.lastIndexOf('.');
        String pkg = name.substring(0, dot);
        if (getPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException raced) {
                // defined meanwhile by another thread
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getEntry(name) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + name);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.startsWith("dev/tenacious/") && !name.startsWith("dev/tenacious/agent/")
                && !RuntimeClassFiles.inBootstrapSet(name)) {
            ZipEntry entry = jar.getEntry(name);
            if (entry != null) {
                try {
                    return jar.getInputStream(entry);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return super.getResourceAsStream(name);
    }
}
