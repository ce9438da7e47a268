package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line tools in the agent jar, run as an operator runs them: {@code attach} and
 * {@code status} with the target's own JDK (on JDK 8 the attach API is in its {@code lib/tools.jar}).
 */
class CliTest extends BlackBoxTest {
    /** Runs {@code java -jar tenacious-agent.jar args...} on this JVM; returns exit code, stdout and stderr. */
    static AppJvm.Result cli(String... args) throws Exception {
        return cli(Jdk.current().findFirst().orElseThrow(), args);
    }

    /** The same with {@code jdk}'s {@code java}. */
    static AppJvm.Result cli(Jdk jdk, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(jdk.java().toString(), "-jar", AppJvm.AGENT_JAR.toString()));
        command.addAll(List.of(args));
        return AppJvm.run(new ProcessBuilder(command));
    }

    @Test
    void validateExitsZeroForAValidFileAndOneWithEveryErrorOtherwise() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "policies:\n  - name: a\n    match: [{ class: com.acme.A }]\n");
        AppJvm.Result ok = cli("validate", good.toString());
        assertEquals(0, ok.exitCode, ok::toString);
        assertTrue(ok.stdout.contains("valid, 1 policies"), ok::toString);
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                "policies:\n  - name: a\n    match: [{ clas: com.acme.A }]\n    retry: { maxAttempts: 0 }\n");
        AppJvm.Result invalid = cli("validate", bad.toString());
        assertEquals(1, invalid.exitCode, invalid::toString);
        assertTrue(invalid.stderr.contains(bad + ":3:15: policies[a].match[0].clas: unknown key (did you mean 'class'?)"), invalid::toString);
        assertTrue(invalid.stderr.contains(bad + ":4:27: policies[a].retry.maxAttempts: expected an integer from 1 to 1000, got 0"), invalid::toString);
        assertTrue(invalid.stderr.contains(bad + ":3:13: policies[a].match[0].class: missing"), invalid::toString);
        assertTrue(invalid.stderr.contains("3 errors"), invalid::toString);
        assertEquals(2, cli("frobnicate").exitCode);
    }

    @Test
    void planListsWhatEachPolicyWouldWeaveWhatMatchesNothingAndOverlaps() throws Exception {
        Path p = Files.writeString(dir.resolve("plan.yaml"), String.join("\n",
                "policies:",
                "  - name: clients",
                "    match: [{ class: \"com.acme.legacy.client.*Client\", method: \"fetch*\" }]",
                "  - name: everything",
                "    match:",
                "      - { class: com.acme.legacy.client.InventoryClient }",
                "      - { class: com.acme.legacy.NoSuchThing, method: run }",
                ""));
        AppJvm.Result r = cli("plan", p.toString(), "--classpath", AppJvm.APP_CLASSES.toString());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("policy clients: 2 methods\n  com.acme.legacy.client.InventoryClient.fetch(java.lang.String)\n"
                + "  com.acme.legacy.client.InventoryClient.fetchVersioned(java.lang.String)\n"), r::toString);
        assertTrue(r.stdout.contains("policy everything: 1 method\n  com.acme.legacy.client.InventoryClient.read(java.io.InputStream)\n"),
                "the methods clients did not take: " + r);
        assertTrue(r.stdout.contains("matches nothing: " + p + ":7:9: class com.acme.legacy.NoSuchThing method run"), r::toString);
        assertTrue(r.stdout.contains("matched by several policies: com.acme.legacy.client.InventoryClient.fetch(java.lang.String): "
                + "[clients, everything], clients wins"), r::toString);

        // the same, from the application packed as a jar (as an operator would point plan at it)
        Path jar = dir.resolve("app.jar");
        Path classes = AppJvm.APP_CLASSES;
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        AppJvm.Result fromJar = cli("plan", p.toString(), "--classpath", jar.toString());
        assertEquals(r.stdout.substring(r.stdout.indexOf('\n')), fromJar.stdout.substring(fromJar.stdout.indexOf('\n')),
                "the jar gives the same plan as the directory: " + fromJar);
    }

    @ParameterizedTest(name = "target on {0}")
    @MethodSource("jdks")
    void attachWeavesARunningApplicationAndStatusReadsItsFigures(Jdk jdk) throws Exception {
        server.script("/late", Script.sequence(Step.status(503), Step.status(503), Step.ok()));
        Path policy = AppJvm.policy(dir, "policies:\n  - name: inventory\n"
                + "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]\n"
                + "    retry: { backoff: { initial: 10ms } }\n");
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, null, List.of(), "attach", server.baseUrl(), "/late"))
                .redirectError(err.toFile()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
             Writer w = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("RESULT 1 CAUGHT java.io.IOException HTTP 503 from /late", r.readLine());
            String pid = r.readLine().substring("READY ".length());
            AppJvm.Result attach = cli(jdk, "attach", pid, policy.toString());
            assertEquals(0, attach.exitCode, attach::toString);
            assertTrue(attach.stdout.contains("attached to " + pid + ": started with " + policy + ", 1 policy"), attach::toString);
            AppJvm.Result status = null;
            for (int i = 0; i < 50 && (status == null || status.exitCode != 0); i++) {
                Thread.sleep(200); // the MBeans are registered off the agent's start-up path, 2 s after it started
                status = cli(jdk, "status", pid);
            }
            assertEquals(0, status.exitCode, status::toString);
            assertTrue(status.stdout.startsWith("policy inventory: 0 calls, success rate 100.00%"), status::toString);
            w.write("go\n");
            w.flush();
            assertEquals("RESULT 2 OK ok /late", r.readLine(), () -> read(err));
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1 + 2, server.count("/late"), "the second call was retried once");
    }

    @Test
    void statusWithoutAnAgentSaysSo() throws Exception {
        AppJvm.Result r = cli("status", String.valueOf(ProcessHandle.current().pid()));
        assertEquals(1, r.exitCode, r::toString);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
