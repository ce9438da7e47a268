package dev.tenacious.weaving;

import dev.tenacious.log.Log;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.NotRerunnable;
import dev.tenacious.runtime.decision.DaemonThreads;

import java.io.File;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The transformer the JVM calls for every class it loads. It uses JDK types only and decides on the
 * class name alone whether a policy could apply; only then does it hand the class to the
 * {@link DirectWeaver} (ASM alone), and where that is not enough ({@link WeaverChoice}) to the Byte
 * Buddy {@link Weaver}, which is created (and Byte Buddy loaded) the first time that happens. Every
 * other class costs a prefix test and a few glob walks, and is never parsed.
 */
public final class PolicyTransformer implements ClassFileTransformer {
    private final SiteRegistry registry;
    private final DirectWeaver direct;
    private final File agentJar;
    private volatile Weaver weaver;
    private volatile boolean weaverFailed;
    private volatile Thread initializing;
    private final File dumpDir;
    private final java.lang.instrument.Instrumentation inst;

    /** @param inst used to open a JDK module to the runtime before one of its classes is woven; may be null */
    public PolicyTransformer(SiteRegistry registry, File agentJar, java.lang.instrument.Instrumentation inst) {
        this.inst = inst;
        this.registry = registry;
        this.direct = new DirectWeaver(registry);
        this.agentJar = agentJar;
        String dump = System.getProperty("tenacious.dumpDir");
        this.dumpDir = dump == null ? null : new File(dump);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (internalName == null || isOurs(internalName)) {
            return null;
        }
        try {
            if (!registry.matcher().mayMatchInternalName(internalName)) {
                return null;
            }
            String className = internalName.replace('/', '.');
            refuse(className);
            if (!registry.matcher().mayMatchClassFile(className, bytes)) {
                return null; // only annotation: rules could match it, and it carries none of their annotations
            }
            if (dev.tenacious.matching.PolicyMatcher.isJdk(className)) {
                ModuleReads.ensure(inst, className);
            }
            byte[] woven = direct.weave(loader, internalName, redefined != null, bytes);
            if (woven == DirectWeaver.NEEDS_BYTE_BUDDY) {
                Weaver w = weaver();
                woven = w == null ? null : w.transform(loader, internalName, redefined, domain, bytes);
            }
            if (woven != null && dumpDir != null) {
                dump(internalName, woven);
            }
            return woven;
        } catch (Throwable e) {
            Log.warnOnce("transform:" + internalName, "could not weave " + internalName.replace('/', '.')
                    + "; it runs unchanged: " + e);
            return null;
        }
    }

    /**
     * Says, once per pattern, that a plain pattern names a class whose methods cannot be re-run in place
     * (the matcher leaves them out), and what to weave instead.
     */
    private void refuse(String className) {
        for (MatchRule r : registry.matcher().refusedRules(className)) {
            Log.errorOnce("refused:" + r.where() + ":" + className, r.where() + ": pattern " + r + " names " + className
                    + ", which is not woven: " + NotRerunnable.reason(className));
        }
    }

    /**
     * Lets undeployed applications' class loaders go: releases the sites of their classes and drops
     * the weaver's type caches. Run in the background every few seconds.
     */
    public void releaseUnloaded() {
        registry.releaseUnloaded();
        direct.forgetTypesWhenIdle();
        Weaver w = weaver;
        if (w != null) {
            w.forgetTypesWhenIdle();
        }
    }

    /** The agent, its shaded libraries, and any unshaded Byte Buddy are never woven. */
    static boolean isOurs(String internalName) {
        return internalName.startsWith("dev/tenacious/") || internalName.startsWith("net/bytebuddy/");
    }

    /**
     * The weaver, created on first use. Classes loaded while it is being created on this same thread
     * (Byte Buddy's own loading cannot match, but a policy naming a JDK class could) are left alone
     * rather than recursing.
     */
    Weaver weaver() {
        Weaver w = weaver;
        if (w != null || initializing == Thread.currentThread()) {
            return w;
        }
        synchronized (this) {
            w = weaver;
            if (w == null && !weaverFailed) {
                initializing = Thread.currentThread();
                try {
                    long start = System.nanoTime();
                    w = Weaver.forAgentJar(agentJar, registry);
                    weaver = w;
                    Log.debug("weaver ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                } catch (Throwable e) {
                    weaverFailed = true;
                    Log.error("cannot start weaving; the application runs unchanged: " + e, e);
                } finally {
                    initializing = null;
                }
            }
        }
        return w;
    }

    /**
     * Creates the weaver on a background daemon thread, so loading Byte Buddy overlaps the
     * application's own start-up instead of stalling the first class a policy matches. A class
     * that matches before it is ready waits for it (the monitor in {@link #weaver()}).
     */
    void warmUpInBackground() {
        DaemonThreads.newThread(new Runnable() {
            @Override
            public void run() {
                weaver();
            }
        }, "tenacious-weaver-init").start();
    }

    private void dump(String internalName, byte[] woven) {
        try {
            File f = new File(dumpDir, internalName + ".class");
            f.getParentFile().mkdirs();
            java.nio.file.Files.write(f.toPath(), woven);
        } catch (Throwable e) {
            Log.warnOnce("dump", "cannot write woven classes to " + dumpDir + ": " + e);
        }
    }
}
