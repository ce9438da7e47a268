package dev.tenacious.observe;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;

/**
 * Registers one MBean per policy under domain {@code tenacious}. Run from the agent's background
 * thread, never at start-up: creating the platform MBean server costs tens of milliseconds, and an
 * application may configure JMX itself first.
 */
public final class JmxExporter implements Runnable {
    private final PolicyStates states;
    private final Set<String> registered = new HashSet<String>();

    public JmxExporter(PolicyStates states) {
        this.states = states;
    }

    /** Registers the policies that have none yet (new ones appear with a reload), and per-method breakers. */
    @Override
    public void run() {
        MBeanServer server = null;
        for (PolicyState s : states.all()) {
            for (java.util.Map.Entry<String, CircuitBreaker> e : s.keyedBreakers().entrySet()) {
                String key = s.name() + "#" + e.getKey();
                if (registered.add(key)) {
                    try {
                        if (server == null) {
                            server = ManagementFactory.getPlatformMBeanServer();
                        }
                        ObjectName name = new ObjectName("tenacious:type=Breaker,policy=" + ObjectName.quote(s.name())
                                + ",method=" + ObjectName.quote(e.getKey()));
                        if (!server.isRegistered(name)) {
                            server.registerMBean(new BreakerMetrics(e.getValue()), name);
                        }
                    } catch (Throwable error) {
                        Log.warnOnce("jmx:" + key, "cannot register the JMX MBean of breaker " + key + ": " + error);
                    }
                }
            }
            if (registered.contains(s.name())) {
                continue;
            }
            try {
                if (server == null) {
                    server = ManagementFactory.getPlatformMBeanServer();
                }
                ObjectName name = objectName(s.name());
                if (!server.isRegistered(name)) {
                    server.registerMBean(new PolicyMBean(s), name);
                }
                registered.add(s.name());
            } catch (Throwable e) {
                Log.warnOnce("jmx:" + s.name(), "cannot register the JMX MBean of policy " + s.name() + ": " + e);
                registered.add(s.name());
            }
        }
    }

    public static ObjectName objectName(String policy) throws Exception {
        return new ObjectName("tenacious:type=Policy,name=" + ObjectName.quote(policy));
    }
}
