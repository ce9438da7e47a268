package com.acme.legacy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a newcomer runs it: from a directory other than the repository's root, with the
 * repository's policy file or one given, valid or not. Its closing text says what the agent did only
 * when the agent's own figures say so.
 */
class DemoTest {
    static final Path REPOSITORY_POLICIES = AppJvm.AGENT_JAR.getParent().getParent().getParent().resolve("policies.yaml");

    @TempDir
    Path dir;

    @Test
    void theDemoFindsTheAgentAndItsPolicyFileWhereverItIsStartedFrom() throws Exception {
        AppJvm.Result r = demo(b -> b.directory(dir.toFile()));
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("agent " + AppJvm.AGENT_JAR + ", policies " + REPOSITORY_POLICIES), r::toString);
        assertTrue(r.stdout.contains("[tenacious] inventory: wove 1 method of com.acme.legacy.client.InventoryClient"), r::toString);
        assertTrue(r.stdout.matches("(?s).*\nfailed \\(transient errors\\) +\\d+ +0\n.*"), "no transient failure with the agent: " + r);
        assertTrue(r.stdout.matches("(?s).*\nWith the agent, [1-9]\\d* failed attempts were retried.*"), r::toString);
        assertTrue(r.stdout.matches("(?s).*\n  inventory: 120 calls, [1-9]\\d* retries, .*, 6 not retried \\(permanent\\)\n.*"), r::toString);
    }

    @Test
    void withAnInvalidPolicyFileTheDemoClaimsNothingTheAgentDidNotDo() throws Exception {
        Path invalid = Files.writeString(dir.resolve("broken.yaml"), String.join("\n",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: many }",
                ""));
        AppJvm.Result r = demo(b -> b.directory(dir.toFile()), invalid.toString());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("policies " + invalid), r::toString);
        assertTrue(r.stdout.contains("The agent applied no policy: " + invalid + " has errors"), r::toString);
        assertFalse(r.stdout.contains("were retried"), r::toString);
        assertFalse(r.stdout.contains("With the agent"), r::toString);
    }

    @Test
    void aPolicyFileThatDoesNotExistIsAnError() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        AppJvm.Result r = demo(b -> b.directory(dir.toFile()), missing.toString());
        assertEquals(1, r.exitCode, r::toString);
        assertTrue(r.stderr.contains("policy file not found (" + missing + ")"), r::toString);
    }

    /** {@code java -cp <the demo's class path> com.acme.legacy.Demo args...}, as the jar's manifest would start it. */
    private static AppJvm.Result demo(Consumer<ProcessBuilder> setup, String... args) throws Exception {
        Jdk jdk = Jdk.current().findFirst().orElseThrow();
        List<String> command = new java.util.ArrayList<>(List.of(jdk.java().toString(), "-cp", AppJvm.classPath(jdk),
                "com.acme.legacy.Demo"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        setup.accept(b);
        return AppJvm.run(b);
    }
}
