package dev.tenacious.observe;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmxExporterTest {
    @Test
    void onePolicyMBeanAndOneMBeanPerMethodBreaker() throws Exception {
        PolicyStates states = new PolicyStates();
        PolicyState s = states.forName("jmx-test");
        CircuitBreakerConfig perMethod = CircuitBreakerConfig.builder().scope(CircuitBreakerConfig.Scope.METHOD).build();
        s.breaker(perMethod, "com.acme.A.get()", 0);
        s.breaker(perMethod, "com.acme.A.put()", 0);
        new JmxExporter(states).run();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName policy = new ObjectName("tenacious:type=Policy,name=\"jmx-test\"");
        assertTrue(server.isRegistered(policy));
        assertEquals(0L, server.getAttribute(policy, "Calls"));
        assertEquals(1.0, server.getAttribute(policy, "SuccessRate"));
        for (Decision d : Decision.values()) {
            assertEquals(0L, server.getAttribute(policy, d.jmxName), "every decision is an attribute: " + d);
        }
        assertEquals(2, server.queryNames(new ObjectName("tenacious:type=Breaker,policy=\"jmx-test\",*"), null).size());
        ObjectName get = new ObjectName("tenacious:type=Breaker,policy=\"jmx-test\",method=\"com.acme.A.get()\"");
        assertEquals("CLOSED", server.getAttribute(get, "State"));
        new JmxExporter(states).run(); // a second exporter (after a restart of the ticker) does not fail on registered names
    }
}
