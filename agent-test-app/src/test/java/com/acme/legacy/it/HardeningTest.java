package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a hostile file system, an application server's redeploys and an operator's attaches must not break. */
class HardeningTest extends BlackBoxTest {
    static String policy(int attempts) {
        return String.join("\n",
                "settings: { summaryEvery: 1s }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: " + attempts + ", backoff: { type: fixed, initial: 5ms, jitter: none } }",
                "");
    }

    /** Replaces the policy file the way an operator (or an accident) would: a rename over it. */
    static void replace(Path policy, Path with) throws Exception {
        Files.move(with, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void aHugeFileADeviceOrAFifoAtThePolicyPathLeavesTheHostAndItsPoliciesAlone(Jdk jdk) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.script("/flaky", Script.of(() -> requests.incrementAndGet() % 2 == 1 ? Step.status(503) : Step.ok()));
        Path p = AppJvm.policy(dir, policy(3));
        AppJvm.Running app = AppJvm.start(new ProcessBuilder(AppJvm.command(jdk, p,
                List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"), "sequence", server.baseUrl(), "/flaky", "150", "100")));
        app.awaitErr("summary inventory");

        Path huge = dir.resolve("huge.yaml"); // 300 MB, sparse: a file no heap of 64 MB could hold
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(300L << 20);
        }
        replace(p, huge);
        app.awaitErr("the file is larger than 1 MiB (1048576 bytes), the most the agent reads; the policies in force stay");

        Path device = dir.resolve("device.yaml");
        Files.createSymbolicLink(device, Paths.get("/dev/zero"));
        replace(p, device);
        app.awaitErr("not a regular file (a device, a FIFO or a socket)");

        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        replace(p, fifo);
        int summariesBefore = summaries(app);
        Thread.sleep(3000);
        assertTrue(summaries(app) > summariesBefore, "the other tasks go on beside a FIFO at the path: " + summaries(app));

        Path fixed = dir.resolve("fixed.yaml");
        Files.writeString(fixed, policy(4));
        replace(p, fixed);
        app.awaitErr("reloaded " + p + ": inventory changed [retry.maxAttempts: 3 -> 4]");
        AppJvm.Result r = app.finish();
        assertEquals(0, r.exitCode, r::toString);
        for (int i = 1; i <= 150; i++) {
            assertEquals("OK ok /flaky", r.call(i), "every call retried past its 503, whatever lay at the path");
        }
    }

    private static int summaries(AppJvm.Running app) throws Exception {
        return (int) Files.readString(app.err).lines().filter(l -> l.contains("summary inventory")).count();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void redeployedClassesWithAsynchronousRetriesAreUnloadedAndTheirSitesReleased(Jdk jdk) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.script("/quote", Script.of(() -> requests.incrementAndGet() % 2 == 1 ? Step.status(503) : Step.ok()));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: quotes",
                "    match: [{ class: \"com.acme.legacy.client.Redeployed*\", method: quote }]",
                "    retry: { maxAttempts: 3, backoff: { type: fixed, initial: 5ms, jitter: none }, budget: off }",
                "    circuitBreaker: { scope: method }",
                ""));
        AppJvm.Result r = AppJvm.run(jdk, p, "redeploy", server.baseUrl() + "/quote", "50");
        for (int i = 1; i <= 50; i++) {
            assertTrue(r.call(i).startsWith("OK quoted by Redeployed"), "each deployment's own copy retried its 503: " + r);
        }
        assertEquals(100, server.count("/quote"), "one retry per call");
        assertEquals("UNLOADED 50 OF 50", r.line("UNLOADED"), "nothing of the agent's keeps a deployment alive: " + r);
        assertEquals("BREAKERS_LEFT 0", r.line("BREAKERS_LEFT"), "the unloaded methods' breakers went with them: " + r);
    }

    @ParameterizedTest(name = "target on {0}")
    @MethodSource("jdks")
    void anAttachReportsWhatTheAgentDidAndASecondOneWithAFileAppliesIt(Jdk jdk) throws Exception {
        server.script("/late", Script.always(503));
        Path missing = dir.resolve("nowhere.yaml");
        Path invalid = AppJvm.policy(dir, policy(3).replace("maxAttempts: 3", "maxAttempts: lots"));
        Path two = dir.resolve("two.yaml");
        Files.writeString(two, policy(2));
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, null, List.of(), "attach", server.baseUrl(), "/late"))
                .redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("RESULT 1 CAUGHT java.io.IOException HTTP 503 from /late", out.readLine());
            String pid = out.readLine().substring("READY ".length());

            AppJvm.Result notFound = CliTest.cli(jdk, "attach", pid, missing.toString());
            assertEquals(1, notFound.exitCode, notFound::toString);
            assertTrue(notFound.stderr.contains("policy file " + missing + " (from the agent argument) not found"), notFound::toString);

            AppJvm.Result bad = CliTest.cli(jdk, "attach", pid, invalid.toString());
            assertEquals(1, bad.exitCode, bad::toString);
            assertTrue(bad.stderr.contains("1 error in " + invalid), bad::toString);

            AppJvm.Result again = CliTest.cli(jdk, "attach", pid);
            assertEquals(1, again.exitCode, again::toString);
            assertTrue(again.stderr.contains("the agent is already installed"), again::toString);

            AppJvm.Result fixed = CliTest.cli(jdk, "attach", pid, two.toString());
            assertEquals(0, fixed.exitCode, fixed::toString);
            assertTrue(fixed.stdout.contains("attached to " + pid + ": applied " + two), fixed::toString);

            in.write("go\n");
            in.flush();
            assertEquals("RESULT 2 CAUGHT java.io.IOException HTTP 503 from /late", out.readLine());
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1 + 2, server.count("/late"), "the file the last attach gave applies: two attempts");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void attemptsCountOnlyTheCallsThatWereMadeNotThoseTheBreakerRefused(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 1 }",
                "    circuitBreaker: { window: { size: 2 }, minimumCalls: 2, openFor: 60s }",
                ""));
        AppJvm.Running app = AppJvm.start(jdk, p, "metrics", server.baseUrl(), "/down", "10");
        app.awaitOut("READY");
        try (Writer in = new OutputStreamWriter(app.process.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("done\n");
        }
        AppJvm.Result r = app.finish();
        assertEquals(2, server.count("/down"), "two attempts opened the breaker; eight calls were refused");
        assertEquals("JMX RejectedOpen 8", r.line("JMX RejectedOpen"), r::toString);
        assertEquals("JMX Attempts 2", r.line("JMX Attempts"), "as many attempts as the server saw: " + r);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theJdkClassesTheAgentRunsOnAreNeverWovenSoNoPatternCanHangTheApplication(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: everything-async",
                "    match: [{ class: \"java.**\", method: \"*Async\" }]",
                ""));
        AppJvm.Result r = AppJvm.run(jdk, p, "quoteAsync", server.baseUrl(), "/quote");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.call(1).startsWith("OK value"), r::toString);
        assertTrue(r.stderr.lines().noneMatch(l -> l.contains(" of java.util.") || l.contains(" of java.lang.")),
                "CompletableFuture.supplyAsync and its kin run unwoven: " + r);
        assertTrue(r.stderr.contains("'java.**' also spans classes that are never woven (java.lang.**, java.util.**"), r::toString);

        Path named = AppJvm.policy(dir, String.join("\n",
                "policies:",
                "  - name: futures",
                "    match: [{ class: java.util.concurrent.CompletableFuture }]",
                ""));
        AppJvm.Result refused = CliTest.cli("validate", named.toString());
        assertEquals(1, refused.exitCode, refused::toString);
        assertTrue(refused.stderr.contains(named + ":3:22: policies[futures].match[0].class: 'java.util.concurrent."
                + "CompletableFuture' names the JDK classes the agent runs on"), refused::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void aWrongSettingIsAPositionedErrorAndTheFixedFileApplies(Jdk jdk) throws Exception {
        server.script("/flaky", Script.sequence(Step.status(503), Step.ok(), Step.status(503), Step.ok(),
                Step.status(503), Step.ok(), Step.status(503), Step.ok(), Step.status(503), Step.ok()));
        String valid = policy(3).replace("summaryEvery: 1s", "summaryEvery: 0");
        Path p = AppJvm.policy(dir, valid.replace("summaryEvery: 0", "summaryEvery: 60"));
        AppJvm.Running app = AppJvm.start(jdk, p, "sequence", server.baseUrl(), "/flaky", "60", "100");
        app.awaitErr(p + ":1:27: settings.summaryEvery: expected a duration with a unit");
        Files.writeString(p, valid);
        app.awaitErr("reloaded " + p);
        AppJvm.Result r = app.finish();
        assertTrue(r.stderr.contains("the application runs without Tenacious until the file is fixed"), r::toString);
        assertEquals("OK ok /flaky", r.call(60), "retried once the fixed file applied: " + r);
        assertTrue(r.stderr.lines().noneMatch(l -> l.contains("Exception")), r::toString);
    }
}
