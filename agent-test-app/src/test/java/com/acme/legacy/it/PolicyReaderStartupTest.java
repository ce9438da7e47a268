package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the agent reads its policy file at start-up. The YAML policy files are commonly written in (block
 * and one-line flow maps and lists, plain and quoted scalars, comments) is read by the agent's own small
 * reader, so SnakeYAML's scanner, parser and node classes are never loaded; a file using more of YAML
 * (here an anchor and its alias) is read by SnakeYAML, and works the same. Watched through the JVM's
 * class-loading log.
 */
class PolicyReaderStartupTest extends BlackBoxTest {
    static final String QUICK_READER = "dev.tenacious.config.YamlSubset";
    static final String SNAKEYAML_SCANNER = "dev.tenacious.shaded.snakeyaml.scanner.ScannerImpl";
    static final String SNAKEYAML_NODES = "dev.tenacious.shaded.snakeyaml.nodes.";

    AppJvm.Result fetchTwice(Jdk jdk, String retry) throws Exception {
        server.script("/flaky", Script.failTimes(1, 503));
        String yaml = String.join("\n",
                "# the demo's shapes: comments, block and flow collections, quoted and plain scalars",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: 'inventory'",
                "    match:",
                "      - class: com.acme.legacy.client.InventoryClient",
                "        method: \"fetch\"",
                retry,
                "");
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, yaml), List.of("-verbose:class"), "fetch", server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", r.call(1), r::toString);
        assertEquals(2, server.count("/flaky"), "the 503 retried: " + r);
        assertEquals(List.of(), LegacyJvmTest.warnings(r), r::toString);
        assertTrue(r.stdout.contains(QUICK_READER), r::toString);
        return r;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aCommonPolicyFileIsReadWithoutLoadingSnakeYaml(Jdk jdk) throws Exception {
        AppJvm.Result r = fetchTwice(jdk, "    retry: { maxAttempts: 3, backoff: { initial: 10ms, multiplier: 2.0 } }");
        assertFalse(r.stdout.contains(SNAKEYAML_SCANNER), r::toString);
        assertFalse(r.stdout.contains(SNAKEYAML_NODES), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFileWithAnchorsIsReadBySnakeYamlAndWorksTheSame(Jdk jdk) throws Exception {
        AppJvm.Result r = fetchTwice(jdk, String.join("\n",
                "    retry: &quick { maxAttempts: 3, backoff: { initial: 10ms } }",
                "  - name: unused",
                "    match: [{ class: com.acme.legacy.NoSuchClass, method: x }]",
                "    retry: *quick"));
        assertTrue(r.stdout.contains(SNAKEYAML_SCANNER), r::toString);
    }
}
