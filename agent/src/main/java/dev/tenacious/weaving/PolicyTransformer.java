package dev.tenacious.weaving;

import dev.tenacious.observe.Log;

import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The transformer the JVM calls for every class it loads. It uses JDK types only and decides on the
 * class name alone whether a policy could apply; only then does it hand the class to the
 * {@link Weaver}, which is created (and Byte Buddy loaded) the first time that happens. Every other
 * class costs a prefix test and a few glob walks, and is never parsed.
 */
public final class PolicyTransformer implements ClassFileTransformer {
    private final SiteRegistry registry;
    private final File agentJar;
    private volatile Weaver weaver;
    private volatile boolean weaverFailed;

    public PolicyTransformer(SiteRegistry registry, File agentJar) {
        this.registry = registry;
        this.agentJar = agentJar;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (internalName == null || isOurs(internalName) || weaverFailed) {
            return null;
        }
        try {
            if (!registry.matcher().mayMatchClassName(internalName.replace('/', '.'))) {
                return null;
            }
            Weaver w = weaver();
            return w == null ? null : w.transform(loader, internalName, redefined, domain, bytes);
        } catch (Throwable e) {
            Log.warnOnce("transform:" + internalName, "could not weave " + internalName.replace('/', '.')
                    + "; it runs unchanged: " + e);
            return null;
        }
    }

    /** The agent, its shaded libraries, and any unshaded Byte Buddy are never woven. */
    static boolean isOurs(String internalName) {
        return internalName.startsWith("dev/tenacious/") || internalName.startsWith("net/bytebuddy/");
    }

    Weaver weaver() {
        Weaver w = weaver;
        if (w == null) {
            synchronized (this) {
                w = weaver;
                if (w == null && !weaverFailed) {
                    try {
                        w = new Weaver(agentJar, registry);
                        weaver = w;
                    } catch (Throwable e) {
                        weaverFailed = true;
                        Log.error("cannot start weaving; the application runs unchanged: " + e, e);
                    }
                }
            }
        }
        return w;
    }
}
