package bench;

import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs a JMH selection in JVMs with the agent, keeping every measured iteration. With a second agent
 * jar to compare against, the two take turns fork by fork (all benchmarks with one, then all with the
 * other, {@code forks} times), so a machine whose load drifts over the run weighs on both alike.
 */
final class Interleaved {
    private Interleaved() {
    }

    /** One benchmark's iterations under one agent. */
    static final class Figures {
        final List<Double> scores = new ArrayList<>();
        final List<Double> bytes = new ArrayList<>();

        double median() {
            return BenchmarkMain.median(scores);
        }

        /** Half-width of the 99.9% confidence interval of the mean, as JMH computes its score error. */
        double error() {
            int n = scores.size();
            if (n < 2) {
                return Double.NaN;
            }
            double mean = 0;
            for (double s : scores) {
                mean += s / n;
            }
            double var = 0;
            for (double s : scores) {
                var += (s - mean) * (s - mean) / (n - 1);
            }
            return new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2) * Math.sqrt(var / n);
        }

        /** Bytes allocated per operation ({@code -prof gc}), averaged over the iterations; NaN without it. */
        double bytesPerOp() {
            double sum = 0;
            for (double b : bytes) {
                sum += b;
            }
            return bytes.isEmpty() ? Double.NaN : sum / bytes.size();
        }
    }

    /**
     * @param options the selection and iteration settings, without forks or agent
     * @param agents  the agent jars: one, or the agent measured and the one it is compared with
     * @return per agent, in order, the figures per benchmark, keyed by method name and then each
     *         parameter's value ({@code plainLoop/filled/20})
     */
    static List<Map<String, Figures>> run(Supplier<ChainedOptionsBuilder> options, Path policy, List<Path> agents,
                                          int forks) throws Exception {
        List<Map<String, Figures>> figures = new ArrayList<>();
        for (int a = 0; a < agents.size(); a++) {
            figures.add(new LinkedHashMap<>());
        }
        int rounds = agents.size() == 1 ? 1 : forks;
        for (int round = 0; round < rounds; round++) {
            for (int a = 0; a < agents.size(); a++) {
                ChainedOptionsBuilder o = options.get().forks(agents.size() == 1 ? forks : 1)
                        .jvmArgsAppend("-javaagent:" + agents.get(a) + "=" + policy);
                for (RunResult r : new Runner(o.build()).run()) {
                    String key = r.getParams().getBenchmark();
                    key = key.substring(key.lastIndexOf('.') + 1);
                    for (String p : new TreeSet<>(r.getParams().getParamsKeys())) {
                        key += "/" + r.getParams().getParam(p);
                    }
                    Figures f = figures.get(a).computeIfAbsent(key, k -> new Figures());
                    for (BenchmarkResult b : r.getBenchmarkResults()) {
                        for (IterationResult i : b.getIterationResults()) {
                            f.scores.add(i.getPrimaryResult().getScore());
                            Result alloc = i.getSecondaryResults().get("gc.alloc.rate.norm");
                            if (alloc != null) {
                                f.bytes.add(alloc.getScore());
                            }
                        }
                    }
                }
            }
        }
        return figures;
    }
}
