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
 * and with {@code discover} (every call heard, charged to a method by sampled stack walks).
 */
final class DiscoveryOverhead {
    private DiscoveryOverhead() {
    }

    static String markdown() throws Exception {
        int forks = Integer.getInteger("forks", 3);
        int iterations = Integer.getInteger("iterations", 8);
        Path observe = BenchmarkMain.policy(String.join("\n",
                "settings: { log: warn, summaryEvery: 0 }",
                "policies:",
                "  - name: app",
                "    mode: observe",
                "    match: [{ class: bench.targets.HttpTarget, method: fetch }]", ""));
        Path found = Files.createTempFile("discovered", ".yaml");
        found.toFile().deleteOnExit();
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("no agent", null);
        configs.put("policy in observe mode", "-javaagent:" + BenchmarkMain.AGENT + "=" + observe);
        configs.put("discover", "-javaagent:" + BenchmarkMain.AGENT + "=discover=" + found);
        StringBuilder md = new StringBuilder("## Discovery: an application's HTTP calls under `discover`\n\n");
        md.append("JMH throughput, one thread calling an application method that GETs a small JSON document over loopback ")
                .append("through `HttpURLConnection` (kept alive) from a JDK `HttpServer` in the same JVM; ").append(forks)
                .append(" forks x ").append(iterations).append(" iterations of 2 s after 5 s of warm-up per configuration; ")
                .append("median of iterations.\n\n");
        md.append("| configuration | calls/s (median) | ± error (99.9%) | B/op | vs observe mode |\n|---|---:|---:|---:|---:|\n");
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : configs.entrySet()) {
            ChainedOptionsBuilder b = new OptionsBuilder()
                    .include(DiscoveryBenchmark.class.getName())
                    .forks(forks)
                    .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
                    .addProfiler("gc");
            if (c.getValue() != null) {
                b = b.jvmArgsAppend(c.getValue());
            }
            RunResult r = new Runner(b.build()).runSingle();
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult i : br.getIterationResults()) {
                    scores.add(i.getPrimaryResult().getScore());
                }
            }
            Result alloc = r.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
            rows.put(c.getKey(), new double[] {BenchmarkMain.median(scores), r.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
        }
        double observeMode = rows.get("policy in observe mode")[0];
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double[] v = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.3f |%n", e.getKey(), v[0], v[1], v[2], v[0] / observeMode));
        }
        return md.append('\n').toString();
    }
}
