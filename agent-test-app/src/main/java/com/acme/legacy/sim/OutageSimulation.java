package com.acme.legacy.sim;

import com.acme.legacy.server.FaultServer;
import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The outage simulation: client threads call a dependency through a woven method while the
 * dependency goes through four phases (healthy, 20% transient failures, full outage, recovery), once
 * per configuration, each in its own client JVM against a fresh fault server. Prints a table per
 * phase and configuration and writes {@code docs/outage-simulation.{md,csv,svg}} and the per-second
 * timeline {@code docs/outage-timeline.csv}.
 *
 * <pre>
 *   java -cp agent-test-app/target/agent-test-app.jar com.acme.legacy.sim.OutageSimulation [--threads 16] [--scale 1.0] [--out docs]
 * </pre>
 * {@code --scale 0.1} runs every phase at a tenth of its length (a quick check); the agent jar is
 * {@code agent/target/tenacious-agent.jar} unless {@code -Ddemo.agent} says otherwise.
 */
public final class OutageSimulation {
    static final List<String> PHASES = Arrays.asList("healthy", "20% failures", "full outage", "recovery");
    static final int[] PHASE_SECONDS = {10, 20, 20, 10};
    static final String OPEN_FOR = "5s";

    private OutageSimulation() {
    }

    static final String RETRY = String.join("\n",
            "    retry:",
            "      maxAttempts: 5",
            "      backoff: { type: exponential, initial: 50ms, multiplier: 2.0, max: 1s, jitter: full }",
            "");
    /** A 20% failure rate needs about 0.25 retries per call (0.2 + 0.04 + ...): the ratio leaves room for that. */
    static final String BUDGET = "      budget: { ratio: 0.35, minPerSecond: 10 }\n";
    static final String NO_BUDGET = "      budget: off\n";
    static final String ADAPTIVE = "      adaptive: true\n";
    static final String BREAKER = "    circuitBreaker: { window: { type: time, size: 5s }, minimumCalls: 20, failureRate: 50%, "
            + "openFor: " + OPEN_FOR + ", halfOpenCalls: 3 }\n";

    /** Configuration name to policy file text (null: no agent). */
    static Map<String, String> configurations() {
        String head = "settings: { log: warn, summaryEvery: 0 }\npolicies:\n  - name: dependency\n"
                + "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]\n";
        Map<String, String> c = new LinkedHashMap<>();
        c.put("no agent", null);
        c.put("retry only (no budget)", head + RETRY + NO_BUDGET);
        c.put("retry + budget", head + RETRY + BUDGET);
        c.put("retry + budget + breaker", head + RETRY + BUDGET + BREAKER);
        c.put("all + adaptive", head + RETRY + BUDGET + ADAPTIVE + BREAKER);
        return c;
    }

    public static void main(String[] args) throws Exception {
        int threads = 16;
        double scale = 1.0;
        Path out = Paths.get("docs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads":
                    threads = Integer.parseInt(args[++i]);
                    break;
                case "--scale":
                    scale = Double.parseDouble(args[++i]);
                    break;
                case "--out":
                    out = Paths.get(args[++i]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int[] starts = new int[PHASES.size() + 1];
        for (int p = 0; p < PHASES.size(); p++) {
            starts[p + 1] = starts[p] + Math.max(1, (int) Math.round(PHASE_SECONDS[p] * scale));
        }
        String agent = System.getProperty("demo.agent", "agent/target/tenacious-agent.jar");
        Files.createDirectories(out);
        Map<String, Run> runs = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : configurations().entrySet()) {
            System.out.println("running: " + c.getKey() + " (" + starts[PHASES.size()] + " s)");
            runs.put(c.getKey(), run(c.getValue(), agent, threads, starts));
        }
        report(runs, starts, threads, out);
    }

    /** What one configuration's run produced, per second. */
    static final class Run {
        long[] calls;
        long[] ok;
        long[] latencyMicros;
        long[] requests;
        long mttrMillis = -1;
    }

    static Run run(String policy, String agent, int threads, int[] starts) throws Exception {
        int seconds = starts[starts.length - 1];
        long startMillis = System.currentTimeMillis() + 4000; // time for the client JVM to start and weave
        long startNanos = System.nanoTime() + 4000L * 1_000_000L;
        Random random = new Random(20);
        try (FaultServer server = new FaultServer()) {
            server.script("/dependency", Script.of(() -> {
                long second = (System.nanoTime() - startNanos) / 1_000_000_000L;
                if (second >= starts[1] && second < starts[2]) {
                    synchronized (random) {
                        return random.nextDouble() < 0.2 ? Step.status(503) : Step.ok();
                    }
                }
                return second >= starts[2] && second < starts[3] ? Step.status(503) : Step.ok();
            }));
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            if (policy != null) {
                Path file = Files.createTempFile("simulation", ".yaml");
                Files.writeString(file, policy);
                file.toFile().deleteOnExit();
                command.add("-javaagent:" + new File(agent).getAbsolutePath() + "=" + file);
            }
            command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), SimulationClient.class.getName(),
                    server.baseUrl(), String.valueOf(startMillis), String.valueOf(seconds), String.valueOf(threads),
                    String.valueOf(starts[3] * 1000L)));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Run run = new Run();
            run.calls = new long[seconds];
            run.ok = new long[seconds];
            run.latencyMicros = new long[seconds];
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.split(" ");
                    if (f[0].equals("SEC")) {
                        int s = Integer.parseInt(f[1]);
                        run.calls[s] = Long.parseLong(f[2]);
                        run.ok[s] = Long.parseLong(f[3]);
                        run.latencyMicros[s] = Long.parseLong(f[4]);
                    } else if (f[0].equals("MTTR_MS")) {
                        run.mttrMillis = Long.parseLong(f[1]);
                    }
                }
            }
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the client JVM failed");
            }
            run.requests = new long[seconds];
            for (long arrival : server.arrivals("/dependency")) {
                long s = Math.floorDiv(arrival - startNanos, 1_000_000_000L);
                if (s >= 0 && s < seconds) {
                    run.requests[(int) s]++;
                }
            }
            return run;
        }
    }

    static long sum(long[] values, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s;
    }

    static void report(Map<String, Run> runs, int[] starts, int threads, Path out) throws Exception {
        StringBuilder md = new StringBuilder();
        StringBuilder csv = new StringBuilder("configuration,phase,logical_calls,success_rate,requests,amplification,mean_latency_ms,mttr_ms\n");
        md.append("Outage simulation: ").append(threads).append(" client threads (").append(SimulationClient.THINK_MILLIS)
                .append(" ms think time), phases ");
        for (int p = 0; p < PHASES.size(); p++) {
            md.append(p == 0 ? "" : ", ").append(PHASES.get(p)).append(' ').append(starts[p + 1] - starts[p]).append(" s");
        }
        md.append("; breaker openFor ").append(OPEN_FOR).append(".\n\n");
        md.append("| configuration | phase | logical calls | success rate | requests at dependency | amplification | mean call ms | MTTR |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Run r = e.getValue();
            for (int p = 0; p < PHASES.size(); p++) {
                long calls = sum(r.calls, starts[p], starts[p + 1]);
                long ok = sum(r.ok, starts[p], starts[p + 1]);
                long requests = sum(r.requests, starts[p], starts[p + 1]);
                double latency = calls == 0 ? 0 : sum(r.latencyMicros, starts[p], starts[p + 1]) / 1000.0 / calls;
                String mttr = p == 3 ? (r.mttrMillis < 0 ? "none" : String.format(Locale.ROOT, "%.2f s", r.mttrMillis / 1000.0)) : "";
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f%% | %d | %.2f | %.1f | %s |%n", e.getKey(),
                        PHASES.get(p), calls, calls == 0 ? 0 : 100.0 * ok / calls, requests,
                        calls == 0 ? 0 : (double) requests / calls, latency, mttr));
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%d,%.4f,%.2f,%s%n", e.getKey(), PHASES.get(p), calls,
                        calls == 0 ? 0 : (double) ok / calls, requests, calls == 0 ? 0 : (double) requests / calls, latency,
                        p == 3 ? String.valueOf(r.mttrMillis) : ""));
            }
        }
        int seconds = starts[starts.length - 1];
        StringBuilder timeline = new StringBuilder("configuration,second,logical_calls,successes,requests\n");
        Map<String, long[]> requests = new LinkedHashMap<>();
        Map<String, double[]> success = new LinkedHashMap<>();
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            Run r = e.getValue();
            double[] rate = new double[seconds];
            for (int s = 0; s < seconds; s++) {
                rate[s] = r.calls[s] == 0 ? Double.NaN : 100.0 * r.ok[s] / r.calls[s];
                timeline.append(e.getKey()).append(',').append(s).append(',').append(r.calls[s]).append(',').append(r.ok[s])
                        .append(',').append(r.requests[s]).append('\n');
            }
            requests.put(e.getKey(), r.requests);
            success.put(e.getKey(), rate);
        }
        if (starts[3] - starts[2] < 5) { // the breaker's time window is 5 s
            md.append(String.format(Locale.ROOT, "%nA short run: the outage lasts %d s, less than the breaker's"
                    + " 5 s window, so the breaker never opens and its rows look like retries with a budget. The"
                    + " full-length run (--scale 1) shows what the breaker does.%n", starts[3] - starts[2]));
        }
        System.out.println();
        System.out.println(md);
        Files.writeString(out.resolve("outage-simulation.md"), md.toString());
        Files.writeString(out.resolve("outage-simulation.csv"), csv.toString());
        Files.writeString(out.resolve("outage-timeline.csv"), timeline.toString());
        Files.writeString(out.resolve("outage-simulation.svg"), TimelineChart.svg(requests, success, PHASES, starts, seconds));
        System.out.println("wrote " + out.resolve("outage-simulation.md") + ", .csv, .svg and outage-timeline.csv");
    }
}
