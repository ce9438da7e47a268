package bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What discovery costs an application's throughput: {@link DiscoveryBenchmark} in JVMs without the
 * agent, with a policy weaving the method in observe mode (its HttpURLConnection calls watched for it),
 * and with {@code discover} (every call heard, charged to a method by sampled stack walks). System
 * properties {@code forks} (the rounds, and the paired run's JVMs; default 5), {@code iterations} (default 5),
 * {@code pairs} (default 10), {@code pairedOnly}.
 */
final class DiscoveryOverhead {
    private DiscoveryOverhead() {
    }

    static String markdown() throws Exception {
        int rounds = Integer.getInteger("forks", 5);
        int iterations = Integer.getInteger("iterations", 5);
        Path observe = BenchmarkMain.policy(String.join("\n",
                "settings: { log: warn, summaryEvery: 0 }",
                "policies:",
                "  - name: app",
                "    mode: observe",
                "    match: [{ class: bench.targets.HttpTarget, method: fetch }]", ""));
        if (Boolean.getBoolean("pairedOnly")) {
            return "## Discovery: an application's HTTP calls under `discover`\n\n" + paired(observe, rounds);
        }
        Path found = Files.createTempFile("discovered", ".yaml");
        found.toFile().deleteOnExit();
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("no agent", null);
        configs.put(OBSERVE, "-javaagent:" + BenchmarkMain.AGENT + "=" + observe);
        configs.put("discover", "-javaagent:" + BenchmarkMain.AGENT + "=discover=" + found);
        // rounds of one fork per configuration, one after the other, so that a change in the machine's load
        // (2 shared cores) touches every configuration alike; ratios are taken within a round
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, Double> allocation = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Double> thisRound = new LinkedHashMap<>();
            for (Map.Entry<String, String> c : configs.entrySet()) {
                ChainedOptionsBuilder b = new OptionsBuilder()
                        .include(DiscoveryBenchmark.class.getName())
                        .forks(1)
                        .warmupIterations(4).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                        .addProfiler("gc");
                if (c.getValue() != null) {
                    b = b.jvmArgsAppend(c.getValue());
                }
                RunResult r = runWhenFree(b);
                List<Double> scores = new ArrayList<>();
                for (BenchmarkResult br : r.getBenchmarkResults()) {
                    for (IterationResult i : br.getIterationResults()) {
                        scores.add(i.getPrimaryResult().getScore());
                    }
                }
                double m = BenchmarkMain.median(scores);
                thisRound.put(c.getKey(), m);
                medians.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(m);
                Result alloc = r.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
                allocation.put(c.getKey(), alloc == null ? Double.NaN : alloc.getScore());
            }
            for (String c : configs.keySet()) {
                ratios.computeIfAbsent(c, k -> new ArrayList<>()).add(thisRound.get(c) / thisRound.get(OBSERVE));
            }
        }
        StringBuilder md = new StringBuilder("## Discovery: an application's HTTP calls under `discover`\n\n");
        md.append("JMH throughput, one thread calling an application method that GETs a small JSON document over loopback ")
                .append("through `HttpURLConnection` (kept alive) from a JDK `HttpServer` in the same JVM. ").append(rounds)
                .append(" rounds, each running every configuration in a JVM of its own, one after the other (4 s of warm-up, ")
                .append(iterations).append(" iterations of 1 s, median); the ratio to observe mode is taken within each round, ")
                .append("then its median over the rounds.\n\n");
        md.append("| configuration | calls/s (median of rounds) | range over rounds | B/op | vs observe mode (median of rounds) |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (String c : configs.keySet()) {
            List<Double> m = medians.get(c);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f to %.0f | %.0f | %.3f |%n", c, BenchmarkMain.median(m),
                    java.util.Collections.min(m), java.util.Collections.max(m), allocation.get(c),
                    BenchmarkMain.median(ratios.get(c))));
        }
        md.append("\nPer round, discover / observe mode: ");
        List<String> each = new ArrayList<>();
        for (double r : ratios.get("discover")) {
            each.add(String.format(Locale.ROOT, "%.3f", r));
        }
        md.append(String.join(", ", each)).append(".\n\n");
        return md.append(paired(observe, rounds)).toString();
    }

    /**
     * {@link DiscoveryToggleBenchmark}: in each JVM, iterations alternate between observe mode alone and
     * observe mode with discovery listening; the ratio of each adjacent pair, median over all pairs.
     */
    static String paired(Path observePolicy, int forks) throws Exception {
        int warmup = 4;
        int pairs = Integer.getInteger("pairs", 10);
        Path found = Files.createTempFile("discovered", ".yaml");
        found.toFile().deleteOnExit();
        Path both = BenchmarkMain.policy(Files.readString(observePolicy).replace("settings: { log: warn, summaryEvery: 0 }",
                "settings: { log: warn, summaryEvery: 0, discover: { out: " + found + ", every: 0 } }"));
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(DiscoveryToggleBenchmark.class.getName())
                .forks(forks)
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                .measurementIterations(2 * pairs).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-javaagent:" + BenchmarkMain.AGENT + "=" + both);
        RunResult r = runWhenFree(b);
        List<Double> ratios = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
            List<IterationResult> its = new ArrayList<>(fork.getIterationResults());
            // measurement iteration j is the toggle's (warmup + 1 + j)th: discovery listens when that is odd
            for (int j = 0; j + 1 < its.size(); j += 2) {
                boolean firstOn = (warmup + 1 + j) % 2 == 1;
                double a = its.get(j).getPrimaryResult().getScore();
                double c = its.get(j + 1).getPrimaryResult().getScore();
                double withDiscovery = firstOn ? a : c;
                double without = firstOn ? c : a;
                on.add(withDiscovery);
                off.add(without);
                ratios.add(withDiscovery / without);
            }
        }
        StringBuilder md = new StringBuilder("Paired in one JVM (`DiscoveryToggleBenchmark`): a policy file weaving the method in ")
                .append("observe mode with `settings.discover` on, discovery's listener switched off and on at every ")
                .append("1 s iteration; ").append(forks).append(" JVMs x ").append(pairs).append(" pairs after ").append(warmup)
                .append(" s of warm-up.\n\n");
        md.append("| | calls/s (median) |\n|---|---:|\n");
        md.append(String.format(Locale.ROOT, "| observe mode | %.0f |%n", BenchmarkMain.median(off)));
        md.append(String.format(Locale.ROOT, "| observe mode and discovery | %.0f |%n", BenchmarkMain.median(on)));
        List<Double> sorted = new ArrayList<>(ratios);
        java.util.Collections.sort(sorted);
        md.append(String.format(Locale.ROOT, "%nWith discovery / without, per pair: median %.3f, quartiles %.3f and %.3f, over %d pairs.%n%n",
                BenchmarkMain.median(ratios), sorted.get(sorted.size() / 4), sorted.get(3 * sorted.size() / 4), sorted.size()));
        return md.toString();
    }

    private static final String OBSERVE = "policy in observe mode";

    /** Runs once JMH's machine-wide lock is free (another JMH run between two rounds would fail this one). */
    private static RunResult runWhenFree(ChainedOptionsBuilder b) throws Exception {
        for (int tries = 0; ; tries++) {
            try {
                return new Runner(b.build()).runSingle();
            } catch (org.openjdk.jmh.runner.RunnerException e) {
                if (tries > 120 || e.getMessage() == null || !e.getMessage().contains("JMH lock")) {
                    throw e;
                }
                Thread.sleep(10_000);
            }
        }
    }
}
