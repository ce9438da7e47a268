package dev.tenacious.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLDecoder;

/**
 * Premain and agentmain. Loaded by the system class loader, it touches nothing but the JDK: it puts
 * the runtime into the bootstrap loader ({@link BootstrapRuntime}, so woven code in any class loader,
 * JDK classes included, can reach it) and hands over to the installer, loaded with the rest of the
 * agent by an {@link AgentClassLoader} (the one state it keeps, for a second attach).
 * Any failure is printed and swallowed: the agent never stops the application from starting.
 */
public final class AgentMain {
    private static final String INSTALLER = "dev.tenacious.weaving.AgentInstaller$Start";
    private static ClassLoader agentLoader;

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
            long started = System.nanoTime();
            File jar = ownJar();
            String runtime = BootstrapRuntime.install(inst, jar);
            // only now may an agent class outside the runtime load: the runtime's classes it refers to
            // must resolve to the bootstrap loader's
            Class<?> installer = Class.forName(INSTALLER, true, agentLoader(jar));
            outcome = ((Installer) installer.getConstructor().newInstance()).install(argument, inst, premain,
                    jar.getAbsolutePath(), runtime, started);
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

    /**
     * The class loader of the agent's classes outside the runtime: made once, so that a second attach
     * reaches the installer of the first.
     */
    private static synchronized ClassLoader agentLoader(File jar) throws Exception {
        if (agentLoader == null) {
            agentLoader = new AgentClassLoader(jar, AgentMain.class.getClassLoader());
        }
        return agentLoader;
    }

    /** The agent's jar, for the CLI's attach command. */
    public static File ownJarFile() throws Exception {
        return ownJar();
    }

    /**
     * From the class's code source; where a SecurityManager refuses it, from the class's own resource
     * URL (which costs a few milliseconds more: the lookup opens the JDK's module image first).
     */
    private static File ownJar() throws Exception {
        try {
            java.security.CodeSource source = AgentMain.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location != null && "file".equals(location.getProtocol()) && location.getPath().endsWith(".jar")) {
                return new File(location.toURI());
            }
        } catch (SecurityException | java.net.URISyntaxException | IllegalArgumentException refused) {
            // below
        }
        URL url = AgentMain.class.getResource("AgentMain.class");
        String s = url == null ? null : url.toString();
        if (s == null || !s.startsWith("jar:file:")) {
            throw new IllegalStateException("the agent is not running from its jar: " + s);
        }
        String path = s.substring("jar:file:".length(), s.indexOf("!/"));
        return new File(URLDecoder.decode(path, "UTF-8"));
    }
}
