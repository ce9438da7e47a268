package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Never harm the host": a broken runtime, a bad or missing policy file, and start-up reporting. */
class HostSafetyTest extends BlackBoxTest {
    static final String POLICY = String.join("\n",
            "version: 1",
            "settings: { summaryEvery: 0 }",
            "policies:",
            "  - name: inventory",
            "    match:",
            "      - class: com.acme.legacy.client.InventoryClient",
            "        method: fetch",
            "    retry:",
            "      backoff: { initial: 10ms }",
            "");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aRuntimeThatFailsInsideTheAdviceLeavesTheMethodAsIfUnwoven(Jdk jdk) throws Exception {
        for (String where : List.of("enter", "exit")) {
            String path = "/broken-" + where;
            server.script(path, Script.failTimes(1, 503));
            AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, POLICY),
                    List.of("-Dtenacious.internal.failOnPurpose=" + where), "fetch", server.baseUrl(), path, "3");
            assertEquals("CAUGHT java.io.IOException HTTP 503 from " + path, r.call(1), r::toString);
            assertEquals("OK ok " + path, r.call(2));
            assertEquals("OK ok " + path, r.call(3));
            assertEquals(3, server.count(path), "one request per call: no retries, no lost calls");
            // the HttpURLConnection the method uses is watched for it, and that site fails on purpose too
            long errorLines = r.stderr.lines()
                    .filter(l -> l.contains("internal error in " + where + " of com.acme.legacy.client.InventoryClient.fetch")).count();
            assertEquals(1, errorLines, "logged once for the site: " + r.stderr);
            assertEquals(0, r.exitCode);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void anInvalidPolicyFileIsReportedWithItsPositionAndTheAppRuns(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        Path p = AppJvm.policy(dir, POLICY.replace("      backoff: { initial: 10ms }", "      maxAttempts: many"));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/down");
        assertEquals(0, r.exitCode, r::toString);
        assertEquals("CAUGHT java.io.IOException HTTP 503 from /down", r.call(1));
        assertEquals(1, server.count("/down"), "unwoven: one attempt");
        assertTrue(r.stderr.contains(p + ":9:20: policies[inventory].retry.maxAttempts: expected an integer from 1 to 1000, got 'many'"),
                r::toString);
        assertTrue(r.stderr.contains("the application runs without Tenacious"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void aMissingPolicyFileIsOneWarningLine(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, dir.resolve("nowhere.yaml"), "fetch", server.baseUrl(), "/ok");
        assertEquals("OK ok /ok", r.call(1), r::toString);
        List<String> lines = r.stderr.lines().filter(l -> l.startsWith("[tenacious]")).toList();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).contains("nowhere.yaml (from the agent argument) not found; the application runs untouched"), lines.get(0));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void startUpLinesNameEachPolicyAndPatternsThatMatchNothingAreWarned(Jdk jdk) throws Exception {
        String yaml = POLICY.replace("        method: fetch\n",
                "        method: fetch\n      - class: com.acme.legacy.NoSuchClass\n        method: get\n");
        Path p = AppJvm.policy(dir, yaml);
        AppJvm.Result r = AppJvm.run(jdk, p, List.of("-Dtenacious.unmatchedCheckSeconds=1"),
                "sleep", server.baseUrl(), "2500");
        assertEquals("OK slept", r.call(1), r::toString);
        assertTrue(r.stderr.contains("[tenacious] policy inventory: enforce, up to 3 attempts, exponential 10ms x2.0 up to 10s, full jitter, budget 20% of calls + 10/s; 0 methods woven so far"),
                r::toString);
        assertTrue(r.stderr.contains(":8:9: pattern class com.acme.legacy.NoSuchClass method get matched nothing loaded within 1 s"),
                r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void wovenClassesAreLoggedWithTheirPolicy(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, POLICY), "fetch", server.baseUrl(), "/ok");
        assertEquals("OK ok /ok", r.call(1), r::toString);
        assertTrue(r.stderr.contains("[tenacious] inventory: wove 1 method of com.acme.legacy.client.InventoryClient"), r::toString);
    }
}
