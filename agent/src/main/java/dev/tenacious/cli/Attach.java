package dev.tenacious.cli;

import dev.tenacious.agent.AgentMain;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code attach} and {@code status}, over the JDK's attach API ({@code jdk.attach}, JDK 9+), used
 * by reflection so the agent itself keeps to Java 8's API. Dynamic attach is the operator's explicit
 * choice: JDK 21+ prints a warning in the target unless it runs with -XX:+EnableDynamicAgentLoading.
 */
final class Attach {
    private Attach() {
    }

    static int attach(String pid, File policies, PrintStream out, PrintStream err) throws Exception {
        File jar = AgentMain.ownJarFile();
        Object vm = vm(pid, err);
        if (vm == null) {
            return 1;
        }
        try {
            String argument = policies == null ? null : policies.getAbsolutePath(); // the target's directory differs
            api().getMethod("loadAgent", String.class, String.class).invoke(vm, jar.getAbsolutePath(), argument);
            out.println("attached " + jar.getName() + " to " + pid + (argument != null ? " with " + argument : "")
                    + "; the target's stderr shows what it wove");
            return 0;
        } finally {
            api().getMethod("detach").invoke(vm);
        }
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
                out.println("policy " + ObjectName.unquote(n.getKeyProperty("name")) + ": "
                        + jmx.getAttribute(n, "Calls") + " calls, success rate " + percent(jmx.getAttribute(n, "SuccessRate"))
                        + ", " + jmx.getAttribute(n, "Retries") + " retries, attempts per call "
                        + jmx.getAttribute(n, "AttemptsPerCall") + ", breaker " + jmx.getAttribute(n, "BreakerState")
                        + ", call p50/p99 " + millis(jmx.getAttribute(n, "CallLatencyP50Millis")) + "/"
                        + millis(jmx.getAttribute(n, "CallLatencyP99Millis")) + ", " + jmx.getAttribute(n, "Recoveries")
                        + " recoveries (last " + jmx.getAttribute(n, "LastRecoverySeconds") + " s), refused: "
                        + jmx.getAttribute(n, "RejectedOpen") + " open, " + jmx.getAttribute(n, "RejectedFull") + " full, "
                        + jmx.getAttribute(n, "RejectedBudget") + " budget");
            }
            return 0;
        }
    }

    private static String percent(Object rate) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", ((Number) rate).doubleValue() * 100);
    }

    private static String millis(Object ms) {
        double v = ((Number) ms).doubleValue();
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.1fms", v);
    }

    /** The public API type: the implementation class is in a package jdk.attach does not export. */
    private static Class<?> api() throws ClassNotFoundException {
        return Class.forName("com.sun.tools.attach.VirtualMachine");
    }

    /** The attached VirtualMachine, or null after saying why not. */
    private static Object vm(String pid, PrintStream err) throws Exception {
        Class<?> type;
        try {
            type = Class.forName("com.sun.tools.attach.VirtualMachine");
        } catch (ClassNotFoundException e) {
            err.println("this JVM has no attach API (jdk.attach): run the command with a JDK 9+ java");
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
