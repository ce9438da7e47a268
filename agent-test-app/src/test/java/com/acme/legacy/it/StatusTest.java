package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code status} prints about a running application's policies: latencies with the number of calls behind them, readable durations. */
class StatusTest extends BlackBoxTest {
    /** A duration as status shows it: a few digits and a unit, never a raw double. */
    static final String DURATION = "(\\d{1,3}us|\\d{1,2}\\.\\dms|\\d{3}ms|\\d{1,2}\\.\\ds|\\d+m\\d{2}s|\\d+h\\d{2}m)";

    @Test
    void latenciesAreShownWithTheNumberOfSampledCalls() throws Exception {
        // with a slow-call breaker every call is timed, so the count is known: 10 (the breaker never opens here)
        String status = statusAfter(10, "    circuitBreaker: { window: { type: count, size: 1000 }, minimumCalls: 1000, slowCall: { over: 30s, rate: 100% } }\n");
        Matcher m = Pattern.compile("call p50/p99 " + DURATION + "/" + DURATION + " of 10 sampled calls").matcher(status);
        assertTrue(m.find(), status);
    }

    @Test
    void beforeAnyCallIsTimedStatusSaysSo() throws Exception {
        String status = statusAfter(0, "");
        assertTrue(status.contains(", no sampled calls yet,"), status);
        assertFalse(status.contains("p50/p99"), status);
        assertTrue(status.contains(", no recoveries,"), status);
    }

    @Test
    void recoveryTimesAreRoundedToAFewDigitsWithAUnit() throws Exception {
        String status = statusAfter(6, "");
        Matcher m = Pattern.compile("(\\d+) recover(y|ies) \\(last " + DURATION + ", mean " + DURATION + "\\)").matcher(status);
        assertTrue(m.find(), status);
        assertTrue(Integer.parseInt(m.group(1)) >= 1, status);
    }

    /** Runs {@code calls} fetches (every other one fails once) in an application with the agent, then {@code status} on it. */
    private String statusAfter(int calls, String policyExtra) throws Exception {
        Jdk jdk = Jdk.current().findFirst().orElseThrow();
        AtomicInteger n = new AtomicInteger();
        server.script("/s", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        Path policy = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 3, backoff: { type: fixed, initial: 20ms, jitter: none } }",
                policyExtra));
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, policy, List.of(), "metrics", server.baseUrl(), "/s",
                String.valueOf(calls))).redirectError(err.toFile()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
             Writer w = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            do {
                line = r.readLine(); // the calls' results and the JMX figures: status reads the same figures itself
            } while (line != null && !line.equals("READY"));
            if (line == null) {
                throw new AssertionError("the application ended before READY:\n" + read(err));
            }
            AppJvm.Result status = CliTest.cli(jdk, "status", String.valueOf(app.pid()));
            w.write("done\n");
            w.flush();
            assertEquals(0, status.exitCode, () -> status + "\napplication:\n" + read(err));
            assertTrue(app.waitFor(60, TimeUnit.SECONDS));
            return status.stdout;
        } finally {
            app.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
