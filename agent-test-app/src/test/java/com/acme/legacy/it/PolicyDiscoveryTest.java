package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the policy file comes from when the agent argument is absent (system property, environment
 * variable, then ./policies.yaml), and weaving in a class loader other than the application's.
 */
class PolicyDiscoveryTest extends BlackBoxTest {
    static final String POLICY = String.join("\n",
            "policies:",
            "  - name: inventory",
            "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
            "    retry: { backoff: { initial: 10ms } }",
            "");

    @BeforeEach
    void script() {
        server.script("/flaky", Script.failTimes(2, 503));
    }

    void assertRetried(AppJvm.Result r, Path expectedFile) {
        assertEquals("OK ok /flaky", r.call(1), r::toString);
        assertEquals(3, server.count("/flaky"));
        assertTrue(r.stderr.contains("started from -javaagent with " + expectedFile), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void theSystemPropertyNamesThePolicyFile(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, POLICY);
        AppJvm.Result r = AppJvm.runWithoutAgentArgument(jdk, List.of("-Dtenacious.policies=" + p), b -> { },
                "fetch", server.baseUrl(), "/flaky");
        assertRetried(r, p);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void theEnvironmentVariableNamesThePolicyFile(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, POLICY);
        AppJvm.Result r = AppJvm.runWithoutAgentArgument(jdk, List.of(),
                b -> b.environment().put("TENACIOUS_POLICIES", p.toString()), "fetch", server.baseUrl(), "/flaky");
        assertRetried(r, p);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void policiesYamlInTheWorkingDirectoryIsTheLastResort(Jdk jdk) throws Exception {
        Files.writeString(dir.resolve("policies.yaml"), POLICY);
        AppJvm.Result r = AppJvm.runWithoutAgentArgument(jdk, List.of(), b -> b.directory(dir.toFile()),
                "fetch", server.baseUrl(), "/flaky");
        assertRetried(r, Path.of("policies.yaml"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aClassInItsOwnClassLoaderIsWovenToo(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, POLICY), "isolated", server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", r.call(1), r::toString);
        assertEquals(3, server.count("/flaky"));
    }
}
