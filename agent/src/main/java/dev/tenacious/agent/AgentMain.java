package dev.tenacious.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLDecoder;
import java.util.jar.JarFile;

/**
 * Premain and agentmain. Loaded by the system class loader, it holds no state and touches
 * nothing but the JDK: it puts its own jar on the bootstrap class path (so woven code in any class
 * loader, JDK classes included, can reach the runtime) and hands over to the installer loaded there.
 * Any failure is printed and swallowed: the agent never stops the application from starting.
 */
public final class AgentMain {
    private static final String INSTALLER = "dev.tenacious.weaving.AgentInstaller";

    private AgentMain() {
    }

    public static void premain(String argument, Instrumentation inst) {
        start(argument, inst, true);
    }

    public static void agentmain(String argument, Instrumentation inst) {
        start(argument, inst, false);
    }

    /**
     * The outcome of the last start in this JVM, {@code ok: ...} or {@code error: ...}: the
     * {@code attach} command reads it from the target's system properties to report what happened.
     */
    public static final String OUTCOME_PROPERTY = "tenacious.agent.outcome";

    private static void start(String argument, Instrumentation inst, boolean premain) {
        String outcome;
        try {
            File jar = ownJar();
            // verify=false: the jar is ours, and verification is slow before the JIT warms up
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
            Class<?> installer = Class.forName(INSTALLER, true, null);
            outcome = String.valueOf(installer.getMethod("install", String.class, Instrumentation.class, boolean.class,
                    String.class).invoke(null, argument, inst, premain, jar.getAbsolutePath()));
        } catch (Throwable e) {
            System.err.println("[tenacious] ERROR the agent could not start; the application runs without it: " + e);
            outcome = "error: the agent could not start: " + e;
        }
        try {
            System.setProperty(OUTCOME_PROPERTY, outcome);
        } catch (Throwable ignored) {
            // a security manager may refuse: the outcome is then only in the application's stderr
        }
    }

    /** The agent's jar, for the CLI's attach command. */
    public static File ownJarFile() throws Exception {
        return ownJar();
    }

    /** From the class's own resource URL: getProtectionDomain() can trip a SecurityManager. */
    private static File ownJar() throws Exception {
        URL url = AgentMain.class.getResource("AgentMain.class");
        String s = url == null ? null : url.toString();
        if (s == null || !s.startsWith("jar:file:")) {
            throw new IllegalStateException("the agent is not running from its jar: " + s);
        }
        String path = s.substring("jar:file:".length(), s.indexOf("!/"));
        return new File(URLDecoder.decode(path, "UTF-8"));
    }
}
