package com.acme.legacy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery end to end on the demo: the order flow runs once with {@code discover}; the file it wrote,
 * switched to {@code mode: enforce} and nothing else, then saves at least 95% of the orders that the
 * hand-written {@code policies.yaml} saves, through the same scripted outage.
 */
class DiscoveryDemoTest {
    @TempDir
    Path dir;

    @Test
    void theDiscoveredFileSwitchedToEnforceSavesAsManyOrdersAsTheHandWrittenPolicies() throws Exception {
        Path found = dir.resolve("found.yaml");
        AppJvm.Result discovering = demo("discover=" + found);
        int unprotected = saved(discovering);
        String file = Files.readString(found);
        assertTrue(file.contains("      - class: \"com.acme.legacy.client.InventoryClient\"\n        method: \"fetch\"\n"), file);
        assertTrue(file.contains("      - class: \"com.acme.legacy.client.PriceClient\"\n        method: \"quote\"\n"), file);
        assertTrue(file.contains("      - class: \"com.acme.legacy.dao.OrderDao\"\n        method: \"save\"\n"), file);

        Path enforce = Files.writeString(dir.resolve("enforce.yaml"), file.replace("mode: observe", "mode: enforce"));
        assertFalse(Files.readString(enforce).contains("mode: observe"), "every policy switched");
        AppJvm.Result valid = CliTest.cli("validate", enforce.toString());
        assertEquals(0, valid.exitCode, valid::toString);

        int discovered = saved(demo(enforce.toString()));
        int handWritten = saved(demo(DemoTest.REPOSITORY_POLICIES.toString()));
        assertTrue(handWritten > unprotected, "the outage costs orders without a policy: " + handWritten + " vs " + unprotected);
        assertTrue(discovered >= 0.95 * handWritten, "the starter policy saved " + discovered + " orders, the hand-written one "
                + handWritten + " (without the agent: " + unprotected + ")\n" + file);
    }

    /** One burst of the demo in a JVM with the agent and this argument. */
    private static AppJvm.Result demo(String agentArgument) throws Exception {
        Jdk jdk = Jdk.current().findFirst().orElseThrow();
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-javaagent:" + AppJvm.AGENT_JAR + "=" + agentArgument,
                "-cp", AppJvm.classPath(jdk), "com.acme.legacy.Demo", "run"));
        AppJvm.Result r = AppJvm.run(new ProcessBuilder(command));
        assertEquals(0, r.exitCode, r::toString);
        return r;
    }

    /** The orders saved, from the row {@code ROW orders saved|114 (114 rows)}. */
    private static int saved(AppJvm.Result r) {
        String row = r.line("ROW orders saved|").substring("ROW orders saved|".length());
        return Integer.parseInt(row.substring(0, row.indexOf(' ')));
    }
}
