package dev.tenacious.cli;

import dev.tenacious.agent.AgentMain;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code attach} and {@code status}, over the JDK's attach API, used by reflection so the agent
 * itself keeps to Java 8's API. From JDK 9 the API is the module {@code jdk.attach}; on JDK 8 it is
 * in the JDK's {@code lib/tools.jar}, which is on no class path, so this loads it. Dynamic attach is
 * the operator's explicit choice: JDK 21+ prints a warning in the target unless it runs with
 * -XX:+EnableDynamicAgentLoading.
 */
final class Attach {
    static final String VIRTUAL_MACHINE = "com.sun.tools.attach.VirtualMachine";
    /** The attach API's type, once found (one loader for tools.jar, whatever the number of calls). */
    private static Class<?> api;

    private Attach() {
    }

    /**
     * The agent argument for a FILE given on the command line, with paths made absolute (the target's
     * working directory differs): the policy file's, or {@code discover=PATH}'s.
     */
    static String argument(String given) {
        dev.tenacious.discover.DiscoverSettings discover = dev.tenacious.discover.DiscoverArgument.parse(given);
        if (discover != null) {
            return "discover=" + new File(discover.out()).getAbsolutePath();
        }
        return new File(given).getAbsolutePath();
    }

    /** @param argument the agent argument (absolute paths: see {@link #argument}), or null */
    static int attach(String pid, String argument, PrintStream out, PrintStream err) throws Exception {
        File jar = AgentMain.ownJarFile();
        Object vm = vm(pid, err);
        if (vm == null) {
            return 1;
        }
        try {
            try {
                api().getMethod("loadAgent", String.class, String.class).invoke(vm, jar.getAbsolutePath(), argument);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (!loadedByAJava8Target(e.getCause())) {
                    err.println("cannot load the agent into " + pid + ": " + e.getCause());
                    return 1;
                }
            }
            String outcome = outcome(vm);
            if (outcome == null) {
                out.println("attached " + jar.getName() + " to " + pid + (argument != null ? " with " + argument : "")
                        + "; the target's stderr shows what it did");
                return 0;
            }
            boolean ok = outcome.startsWith("ok: ");
            (ok ? out : err).println((ok ? "attached to " + pid + ": " : "the agent in " + pid + " reports: ")
                    + outcome.substring(outcome.indexOf(' ') + 1));
            return ok ? 0 : 1;
        } finally {
            api().getMethod("detach").invoke(vm);
        }
    }

    /** What the agent in the target said of this start ({@code ok: ...} or {@code error: ...}), or null. */
    private static String outcome(Object vm) {
        try {
            java.util.Properties p = (java.util.Properties) api().getMethod("getSystemProperties").invoke(vm);
            return p.getProperty(AgentMain.OUTCOME_PROPERTY);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A JDK 8 target answers a successful load with "0", where the attach API of later JDKs (17 and 25;
     * 11 still reads it) expects "return code: 0" and throws {@code AgentLoadException: 0}, although
     * the agent was loaded.
     */
    private static boolean loadedByAJava8Target(Throwable failure) {
        return failure != null && failure.getClass().getName().equals("com.sun.tools.attach.AgentLoadException")
                && "0".equals(failure.getMessage());
    }

    static int status(String pid, PrintStream out, PrintStream err) throws Exception {
        Object vm = vm(pid, err);
        if (vm == null) {
            return 1;
        }
        String address;
        try {
            address = (String) api().getMethod("startLocalManagementAgent").invoke(vm);
        } finally {
            api().getMethod("detach").invoke(vm);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            Set<ObjectName> names = new TreeSet<ObjectName>(jmx.queryNames(new ObjectName("tenacious:type=Policy,*"), null));
            if (names.isEmpty()) {
                err.println("no Tenacious policies in " + pid + " (no agent, or it started less than 2 s ago)");
                return 1;
            }
            for (ObjectName n : names) {
                Map<String, Object> attributes = new HashMap<String, Object>();
                for (Attribute a : jmx.getAttributes(n, StatusLine.ATTRIBUTES).asList()) {
                    attributes.put(a.getName(), a.getValue());
                }
                out.println(StatusLine.of(ObjectName.unquote(n.getKeyProperty("name")), attributes));
            }
            return 0;
        }
    }

    /**
     * The public API type (the implementation class is in a package jdk.attach does not export): on
     * the class path from JDK 9, else from the {@code tools.jar} of the JDK running this command.
     */
    private static synchronized Class<?> api() throws ClassNotFoundException {
        if (api == null) {
            try {
                api = Class.forName(VIRTUAL_MACHINE);
            } catch (ClassNotFoundException java8) {
                File tools = toolsJar();
                if (tools == null) {
                    throw java8;
                }
                try {
                    // the bootstrap loader as parent: tools.jar needs only the JDK's own classes
                    api = Class.forName(VIRTUAL_MACHINE, true, new URLClassLoader(new URL[] {tools.toURI().toURL()}, null));
                } catch (MalformedURLException e) {
                    throw new ClassNotFoundException(VIRTUAL_MACHINE + " in " + tools, e);
                }
            }
        }
        return api;
    }

    /** JDK 8's {@code lib/tools.jar}: java.home is the JDK's {@code jre} directory, or the JDK itself. */
    static File toolsJar() {
        File home = new File(System.getProperty("java.home")).getAbsoluteFile();
        File inJdk = new File(home.getParentFile() != null ? home.getParentFile() : home, "lib/tools.jar");
        File inHome = new File(home, "lib/tools.jar");
        return inJdk.isFile() ? inJdk : inHome.isFile() ? inHome : null;
    }

    /** The attached VirtualMachine, or null after saying why not. */
    private static Object vm(String pid, PrintStream err) throws Exception {
        Class<?> type;
        try {
            type = api();
        } catch (ClassNotFoundException e) {
            err.println("this JVM has no attach API: run the command with a JDK's java, not a JRE's "
                    + "(JDK 8: lib/tools.jar; JDK 9+: module jdk.attach)");
            return null;
        }
        Method attach = type.getMethod("attach", String.class);
        try {
            return attach.invoke(null, pid);
        } catch (java.lang.reflect.InvocationTargetException e) {
            err.println("cannot attach to " + pid + ": " + e.getCause());
            return null;
        }
    }
}
