package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a scripted run, what JMX shows and what a Prometheus scrape of 127.0.0.1 returns. */
class MetricsTest extends BlackBoxTest {
    static final Pattern SAMPLE = Pattern.compile("([a-z_]+)\\{([^}]*)} (NaN|-?[0-9.eE+-]+)");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void jmxAndPrometheusShowWhatTheAgentDid(Jdk jdk) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicInteger n = new AtomicInteger();
        server.script("/m", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
        Path policy = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0, metrics: { jmx: true, prometheus: { port: " + port + " } } }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 3, backoff: { type: fixed, initial: 50ms, jitter: none } }",
                ""));
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, policy, List.of(), "metrics", server.baseUrl(), "/m", "10"))
                .redirectError(err.toFile()).start();
        Map<String, String> jmx = new HashMap<>();
        String scrape;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
             Writer w = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null && !line.equals("READY"); ) {
                if (line.startsWith("JMX ")) {
                    String[] f = line.split(" ", 3);
                    jmx.put(f[1], f[2]);
                }
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            scrape = response.body();
            w.write("done\n");
            w.flush();
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        String stderr = Files.readString(err);

        assertEquals("10", jmx.get("Calls"), () -> jmx + stderr);
        assertEquals("0", jmx.get("FirstTrySuccesses"), jmx::toString);
        assertEquals("10", jmx.get("SuccessesAfterRetry"), jmx::toString);
        assertEquals("0", jmx.get("FailedCalls"), jmx::toString);
        assertEquals("1.0", jmx.get("SuccessRate"), jmx::toString);
        assertEquals("10", jmx.get("Retries"), jmx::toString);
        assertEquals("20", jmx.get("Attempts"), jmx::toString);
        assertEquals("1=0 2=10 3=0 4=0 5=0 6=0 7=0 8=0 9+=0", jmx.get("AttemptsPerCall"), jmx::toString);
        assertEquals("NONE", jmx.get("BreakerState"), jmx::toString);
        assertTrue(Long.parseLong(jmx.get("Recoveries")) >= 1, jmx::toString);
        // waits long beside the agent's own time, which a busy machine stretches
        assertTrue(Double.parseDouble(jmx.get("BackoffSeconds")) >= 0.5, "10 waits of 50 ms: " + jmx);
        double overhead = Double.parseDouble(jmx.get("AgentOverheadSeconds"));
        assertTrue(overhead > 0 && overhead < Double.parseDouble(jmx.get("BackoffSeconds")),
                "the agent's own time is measured, and excludes the backoff: " + jmx);

        Map<String, Double> samples = new HashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                assertTrue(line.matches("# (HELP|TYPE) tenacious_[a-z_]+ .+"), line);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not in the exposition format: " + line);
            samples.put(m.group(1) + "{" + m.group(2) + "}", m.group(3).equals("NaN") ? Double.NaN : Double.parseDouble(m.group(3)));
        }
        String p = "policy=\"inventory\"";
        assertEquals(10.0, samples.get("tenacious_calls_total{" + p + ",outcome=\"success_after_retry\"}"), scrape);
        assertEquals(0.0, samples.get("tenacious_calls_total{" + p + ",outcome=\"first_try_success\"}"), scrape);
        assertEquals(0.0, samples.get("tenacious_calls_total{" + p + ",outcome=\"failed\"}"), scrape);
        assertEquals(10.0, samples.get("tenacious_retries_total{" + p + "}"), scrape);
        assertEquals(20.0, samples.get("tenacious_attempts_total{" + p + "}"), scrape);
        assertEquals(10.0, samples.get("tenacious_calls_by_attempts_total{" + p + ",attempts=\"2\"}"), scrape);
        assertEquals(1.0, samples.get("tenacious_success_ratio{" + p + "}"), scrape);
        assertTrue(samples.get("tenacious_backoff_seconds_total{" + p + "}") >= 0.5, scrape);
        assertTrue(samples.get("tenacious_agent_seconds_total{" + p + "}") > 0, scrape);
        assertTrue(scrape.contains("# TYPE tenacious_calls_total counter"), scrape);
        assertTrue(stderr.contains("Prometheus metrics on http://127.0.0.1:" + port + "/metrics"), stderr);
    }
}
