package dev.tenacious.observe;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.breaker.CircuitBreaker;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Registers one MBean per policy under domain {@code tenacious}. Run from the agent's background
 * thread, never at start-up: creating the platform MBean server costs tens of milliseconds, and an
 * application may configure JMX itself first.
 */
public final class JmxExporter implements Runnable {
    private final PolicyStates states;
    private final Set<String> policies = new HashSet<String>();
    /** The breaker MBeans registered, by name, with the breaker each shows. */
    private final Map<ObjectName, CircuitBreaker> breakers = new HashMap<ObjectName, CircuitBreaker>();

    public JmxExporter(PolicyStates states) {
        this.states = states;
    }

    /**
     * Registers the policies that have no MBean yet (new ones appear with a reload), the per-method
     * and per-host breakers that have none, and unregisters those of breakers that are gone (a method
     * whose class was unloaded, a breaker rebuilt with new settings).
     */
    @Override
    public void run() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<ObjectName, CircuitBreaker> now = new HashMap<ObjectName, CircuitBreaker>();
        for (PolicyState s : states.all()) {
            for (Map.Entry<String, CircuitBreaker> e : s.keyedBreakers().entrySet()) {
                try {
                    now.put(new ObjectName("tenacious:type=Breaker,policy=" + ObjectName.quote(s.name())
                            + ",method=" + ObjectName.quote(e.getKey())), e.getValue());
                } catch (Exception bad) {
                    Log.warnOnce("jmx:" + s.name() + "#" + e.getKey(), "no JMX name for breaker " + e.getKey() + ": " + bad);
                }
            }
            if (policies.add(s.name())) {
                try {
                    ObjectName name = objectName(s.name());
                    if (!server.isRegistered(name)) {
                        server.registerMBean(new PolicyMBean(s), name);
                    }
                } catch (Throwable e) {
                    Log.warnOnce("jmx:" + s.name(), "cannot register the JMX MBean of policy " + s.name() + ": " + e);
                }
            }
        }
        for (Iterator<Map.Entry<ObjectName, CircuitBreaker>> i = breakers.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<ObjectName, CircuitBreaker> e = i.next();
            if (now.get(e.getKey()) != e.getValue()) {
                unregister(server, e.getKey());
                i.remove();
            }
        }
        for (Map.Entry<ObjectName, CircuitBreaker> e : now.entrySet()) {
            if (!breakers.containsKey(e.getKey())) {
                try {
                    unregister(server, e.getKey()); // one a previous exporter left behind
                    server.registerMBean(new BreakerMetrics(e.getValue()), e.getKey());
                    breakers.put(e.getKey(), e.getValue());
                } catch (Throwable error) {
                    Log.warnOnce("jmx:" + e.getKey(), "cannot register the JMX MBean " + e.getKey() + ": " + error);
                }
            }
        }
    }

    private static void unregister(MBeanServer server, ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (Exception gone) {
            // unregistered meanwhile
        }
    }

    public static ObjectName objectName(String policy) throws Exception {
        return new ObjectName("tenacious:type=Policy,name=" + ObjectName.quote(policy));
    }
}
