package bench;

import bench.startup.GeneratedApp;
import bench.startup.NullAgentJar;
import bench.startup.StartupMain;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the measurements the README quotes, each against a baseline in the same run, and prints them
 * as Markdown (also written to {@code benchmarks/RESULTS.md}):
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar [happy|failure|guard|size|jdbc|http|http-cost|http-paired|http-cost-paired|startup|discover|all]   (from the repository root; all: but the http-cost and http-paired ones and discover)
 * </pre>
 * System properties: {@code agent} (default agent/target/tenacious-agent.jar), {@code forks},
 * {@code startupRuns}, {@code startupClasses}, {@code iterations} (discover); for {@code happy}, {@code failure}
 * and {@code guard}, {@code vs} (another agent jar, say the previous build's: its forks take turns with the
 * agent's, and the tables show both); for {@code failure}, {@code rows} (a regular expression of benchmark
 * methods to run; the plain loop always runs, it is the baseline).
 */
public final class BenchmarkMain {
    static final Path AGENT = Paths.get(System.getProperty("agent", "agent/target/tenacious-agent.jar")).toAbsolutePath();

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        if (!Files.isRegularFile(AGENT)) {
            throw new IllegalStateException("agent jar not found at " + AGENT + "; build with mvn package first");
        }
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n").append("Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(". Command: `java -jar benchmarks/target/benchmarks.jar ")
                .append(what).append("`.\n\n");
        if (what.equals("happy") || what.equals("all")) {
            md.append(happyPath());
        }
        if (what.equals("failure") || what.equals("all")) {
            md.append(failurePath());
        }
        if (what.equals("guard") || what.equals("all")) {
            md.append(guards());
        }
        if (what.equals("size") || what.equals("all")) {
            md.append(wovenSize());
        }
        if (what.equals("jdbc") || what.equals("all")) {
            md.append(jdbcPreset());
        }
        if (what.equals("http") || what.equals("all")) {
            md.append(httpPresets());
        }
        if (what.equals("startup") || what.equals("all")) {
            md.append(startup());
        }
        if (what.equals("http-cost")) {
            md.append(httpCost());
        }
        if (what.equals("http-paired")) {
            md.append(httpPaired(false));
        }
        if (what.equals("http-cost-paired")) {
            md.append(httpPaired(true));
        }
        if (what.equals("discover")) {
            md.append(DiscoveryOverhead.markdown());
        }
        System.out.println();
        System.out.println(md);
        if (what.equals("all")) {
            Files.writeString(Paths.get("benchmarks", "RESULTS.md"), md.toString());
        }
    }

    static Path policy(String yaml) throws Exception {
        Path p = Files.createTempFile("bench-policies", ".yaml");
        Files.writeString(p, yaml);
        p.toFile().deleteOnExit();
        return p;
    }

    static final String HAPPY_POLICY = String.join("\n",
            "settings: { log: warn, summaryEvery: 0 }",
            "policies:",
            "  - name: bench",
            "    match: [{ class: bench.targets.WovenTarget, method: compute }]",
            "  - name: guarded",
            "    match: [{ class: bench.targets.GuardedTarget, method: compute }]",
            "    circuitBreaker: { window: { type: count, size: 100 } }",
            "    bulkhead: { maxConcurrent: 10 }",
            "  - name: breaker",
            "    match: [{ class: bench.targets.BreakerTarget, method: compute }]",
            "    circuitBreaker: { window: { type: count, size: 100 } }",
            "  - name: bulkhead",
            "    match: [{ class: bench.targets.BulkheadTarget, method: compute }]",
            "    bulkhead: { maxConcurrent: 10 }",
            "");

    static String happyPath() throws Exception {
        int forks = Integer.getInteger("forks", 3);
        List<Map<String, Interleaved.Figures>> runs = Interleaved.run(() -> new OptionsBuilder()
                .include(HappyPathBenchmark.class.getName())
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .addProfiler("gc"), policy(HAPPY_POLICY), agents(), forks);
        StringBuilder md = new StringBuilder("## Happy path: a call that succeeds first time\n\n");
        md.append("JMH, ").append(forks).append(" forks x 5 iterations of 1 s after 5 s warm-up, one JVM with the agent; ")
                .append("median of iterations, overhead against `unwoven` in the same run").append(versus(forks)).append(".\n\n");
        md.append("| benchmark | ns/op (median) | ± error (99.9%) | overhead vs unwoven | B/op |");
        if (runs.size() > 1) {
            md.append(" `vs`: ns/op (median) | ± error | overhead vs unwoven | B/op |");
        }
        md.append(runs.size() > 1 ? "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n" : "\n|---|---:|---:|---:|---:|\n");
        for (String name : runs.get(0).keySet()) {
            md.append("| ").append(name).append(" |");
            for (Map<String, Interleaved.Figures> run : runs) {
                Interleaved.Figures f = run.get(name);
                double base = run.get("unwoven").median();
                double m = f.median();
                md.append(String.format(Locale.ROOT, " %.2f | %.2f | %+.2f ns (%.2fx) | %.1f |", m, f.error(), m - base,
                        m / base, f.bytesPerOp()));
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** The breaker's and the bulkhead's own cost on a first-time success, beside one CAS and one clock read. */
    static String guards() throws Exception {
        int forks = Integer.getInteger("forks", 3);
        String nothing = String.join("\n", "settings: { log: warn, summaryEvery: 0 }", "policies:",
                "  - name: elsewhere", "    match: [{ class: com.acme.Nothing }]", "");
        List<Map<String, Interleaved.Figures>> runs = Interleaved.run(() -> new OptionsBuilder()
                .include(GuardBenchmark.class.getName())
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .addProfiler("gc"), policy(nothing), agents(), forks);
        StringBuilder md = new StringBuilder("## Breaker and bulkhead: their own cost on a first-time success\n\n");
        md.append("JMH, ").append(forks).append(" forks x 5 iterations of 1 s after 5 s warm-up; the runtime's classes ")
                .append("called directly (count window of 100, bulkhead of 10), without the woven protocol around them; ")
                .append("median of iterations").append(versus(forks)).append(".\n\n");
        md.append("| benchmark | ns/op (median) | ± error (99.9%) | B/op |");
        if (runs.size() > 1) {
            md.append(" `vs`: ns/op (median) | ± error | B/op |");
        }
        md.append(runs.size() > 1 ? "\n|---|---:|---:|---:|---:|---:|---:|\n" : "\n|---|---:|---:|---:|\n");
        for (String name : runs.get(0).keySet()) {
            md.append("| ").append(name).append(" |");
            for (Map<String, Interleaved.Figures> run : runs) {
                Interleaved.Figures f = run.get(name);
                md.append(String.format(Locale.ROOT, " %.2f | %.2f | %.1f |", f.median(), f.error(), f.bytesPerOp()));
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** The agent measured, then the one it is compared with ({@code -Dvs=}), if any. */
    static List<Path> agents() {
        String vs = System.getProperty("vs");
        return vs == null ? List.of(AGENT) : List.of(AGENT, Paths.get(vs).toAbsolutePath());
    }

    /** How a comparison run was made, for the text above a table; empty without one. */
    static String versus(int forks) {
        String vs = System.getProperty("vs");
        return vs == null ? "" : "; the `vs` columns are the agent `" + vs + "`, its forks taking turns with this agent's ("
                + forks + " rounds of 1 fork each), so both see the same machine";
    }

    static final String FAILURE_POLICY = String.join("\n",
            "settings: { log: warn, summaryEvery: 0 }",
            "defaults:",
            "  retry:",
            "    maxAttempts: 2",
            "    backoff: { type: fixed, initial: 0ms, jitter: none }",
            "    retryOn: [bench.targets.FlakyFailure]",
            "    budget: off",
            "policies:",
            "  - name: retry",
            "    match: [{ class: bench.targets.FlakyTarget, method: call }]",
            "  - name: guarded",
            "    match: [{ class: bench.targets.GuardedFlakyTarget, method: call }]",
            "    circuitBreaker: { window: { type: count, size: 100 }, failureRate: 60% }",
            "    bulkhead: { maxConcurrent: 10 }",
            "");

    /** The rows of the failure-path table, in order, with what they are called there. */
    static final String[][] FAILURE_ROWS = {
            {"plainLoop", "plain loop, no library"},
            {"resilience4jRetry", "Resilience4j Retry"},
            {"resilience4jRetryAndBreaker", "Resilience4j Retry + CircuitBreaker"},
            {"failsafeRetryPolicy", "Failsafe RetryPolicy"},
            {"springRetryTemplate", "Spring Retry (RetryTemplate)"},
            {"tenaciousRetry", "Tenacious, retry policy"},
            {"tenaciousWithBreakerAndBulkhead", "Tenacious, with breaker and bulkhead"},
    };

    /**
     * One failure then a success, zero backoff, per library, with a filled and a stackless exception,
     * 20 and 200 frames deep; medians, and the cost beyond the plain loop with the same exception and
     * depth in the same run.
     */
    static String failurePath() throws Exception {
        int forks = Integer.getInteger("forks", 2);
        String rows = System.getProperty("rows", ".*");
        String[] kinds = {"filled", "stackless"};
        String[] depths = {"20", "200"};
        List<Map<String, Interleaved.Figures>> runs = Interleaved.run(() -> new OptionsBuilder()
                .include(FailurePathBenchmark.class.getName() + "\\.(plainLoop|" + rows + ")$")
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .param("depth", depths)
                .param("exception", kinds)
                .addProfiler("gc"), policy(FAILURE_POLICY), agents(), forks);
        List<String> columns = new ArrayList<>(); // as Interleaved keys them: parameters in name order
        for (String kind : kinds) {
            for (String depth : depths) {
                columns.add(depth + "/" + kind);
            }
        }
        StringBuilder header = new StringBuilder("| one failure then success |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String c : columns) {
            String[] dk = c.split("/");
            header.append(' ').append(dk[1].equals("filled") ? "stack trace filled" : "stackless exception").append(", ")
                    .append(dk[0]).append(" frames: ns/op, B/op |");
            rule.append("---:|");
        }
        StringBuilder md = new StringBuilder("## Failure path: a call that fails once, then succeeds\n\n");
        md.append("JMH, ").append(forks).append(" forks x 5 iterations of 1 s after 5 s warm-up, every fork with the agent; ")
                .append("zero backoff; the operation throws on its first run and returns on its second, and every ")
                .append("operation is checked to have run the body exactly twice; the call is made 20 or 200 frames deep; ")
                .append("median of iterations (± error at 99.9%), B/op from `-prof gc`").append(versus(forks)).append(".\n\n");
        for (int a = 0; a < runs.size(); a++) {
            Map<String, Interleaved.Figures> results = runs.get(a);
            if (a > 0) {
                md.append("With the `vs` agent:\n\n");
            }
            md.append(header).append('\n').append(rule).append('\n');
            for (String[] row : FAILURE_ROWS) {
                if (!results.containsKey(row[0] + "/" + columns.get(0))) {
                    continue;
                }
                md.append("| ").append(row[1]).append(" |");
                for (String c : columns) {
                    Interleaved.Figures f = results.get(row[0] + "/" + c);
                    md.append(String.format(Locale.ROOT, " %,.0f ± %,.0f, %,.0f |", f.median(), f.error(), f.bytesPerOp()));
                }
                md.append('\n');
            }
            md.append("\nBeyond the plain loop with the same exception at the same depth (ns/op, B/op; ratio of ns/op):\n\n");
            md.append(header).append('\n').append(rule).append('\n');
            for (String[] row : FAILURE_ROWS) {
                if (row[0].equals("plainLoop") || !results.containsKey(row[0] + "/" + columns.get(0))) {
                    continue;
                }
                md.append("| ").append(row[1]).append(" |");
                for (String c : columns) {
                    Interleaved.Figures f = results.get(row[0] + "/" + c);
                    Interleaved.Figures base = results.get("plainLoop/" + c);
                    md.append(String.format(Locale.ROOT, " %+,.0f, %+,.0f (%.1fx) |", f.median() - base.median(),
                            f.bytesPerOp() - base.bytesPerOp(), f.median() / base.median()));
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The jdbc preset's cost per statement: the same query in a JVM without and with the preset. */
    static String jdbcPreset() throws Exception {
        int forks = Integer.getInteger("forks", 3);
        String without = String.join("\n", "settings: { log: warn, summaryEvery: 0 }", "policies:",
                "  - name: elsewhere", "    match: [{ class: com.acme.Nothing }]", "");
        String with = String.join("\n", "settings: { log: warn, summaryEvery: 0 }", "policies:",
                "  - name: db", "    match: [{ preset: jdbc }]", "");
        StringBuilder md = new StringBuilder("## JDBC preset: a statement that succeeds first time\n\n");
        md.append("JMH, H2 in memory, a prepared primary-key lookup (`executeQuery`, then read the row); ").append(forks)
                .append(" forks x 5 iterations of 1 s after 5 s warm-up, first in JVMs whose policy names no preset, ")
                .append("then in JVMs with `preset: jdbc`; median of iterations.\n\n");
        md.append("| configuration | ns/op (median) | ± error (99.9%) | B/op |\n|---|---:|---:|---:|\n");
        double base = 0;
        for (String[] c : new String[][] {{"no preset", without}, {"preset: jdbc", with}}) {
            Options options = new OptionsBuilder()
                    .include(JdbcPresetBenchmark.class.getName())
                    .forks(forks)
                    .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("-javaagent:" + AGENT + "=" + policy(c[1]))
                    .addProfiler("gc")
                    .build();
            RunResult r = new Runner(options).runSingle();
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult b : r.getBenchmarkResults()) {
                for (IterationResult i : b.getIterationResults()) {
                    scores.add(i.getPrimaryResult().getScore());
                }
            }
            Result alloc = r.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
            double m = median(scores);
            if (base == 0) {
                base = m;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", c[0], m, r.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
            if (m != base) {
                md.append(String.format(Locale.ROOT, "| overhead of the preset | %+.0f (%.2fx) | | |%n", m - base, m / base));
            }
        }
        return md.append('\n').toString();
    }

    /**
     * Each HTTP preset's cost per request over loopback: the same GET in JVMs without the agent, then
     * with a policy naming every HTTP preset (and weaving the application method over HttpURLConnection).
     */
    static String httpPresets() throws Exception {
        int forks = Integer.getInteger("forks", 3);
        // no reload check (it reads the file once a second): B/op then counts the calls' own allocations
        String with = String.join("\n", "settings: { log: warn, summaryEvery: 0, reload: false }", "policies:",
                "  - name: http",
                "    match: [{ preset: jdk-http }, { preset: apache-http4 }, { preset: apache-http5 }, { preset: okhttp }]",
                "  - name: own-client",
                "    match: [{ class: bench.targets.UrlConnectionClient, method: get }]", "");
        StringBuilder md = new StringBuilder("## HTTP presets: a request that succeeds first time, over loopback\n\n");
        md.append("JMH, a GET to the JDK's HttpServer in the same JVM (200, 2 bytes), through each client; ").append(forks)
                .append(" forks of each configuration, taking turns (a JVM without the agent, then one with a policy naming ")
                .append("every HTTP preset; the HttpURLConnection row: a policy weaving the application method that uses ")
                .append("it, so its request is watched; `reload: false`, so that B/op counts the calls' own allocations), ")
                .append("5 iterations of 1 s after 5 s warm-up; median of iterations, B/op the median of forks.\n\n");
        md.append("| client | without the agent: us/op | with: us/op | overhead | B/op without | B/op with | B/op added |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        // one fork without, then one with, taking turns: a loaded machine's drift falls on both alike
        Map<String, List<Double>> withoutScores = new LinkedHashMap<>();
        Map<String, List<Double>> withScores = new LinkedHashMap<>();
        Map<String, List<Double>> withoutAlloc = new LinkedHashMap<>(); // B/op of each fork
        Map<String, List<Double>> withAlloc = new LinkedHashMap<>();
        Path policy = policy(with);
        for (int round = 0; round < forks; round++) {
            httpRun(null, withoutScores, withoutAlloc);
            httpRun(policy, withScores, withAlloc);
        }
        for (String client : withoutScores.keySet()) {
            double a = median(withoutScores.get(client));
            double b = median(withScores.get(client));
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.2f%% | %.0f | %.0f | %+.0f |%n", client, a, b,
                    (b - a) / a * 100, median(withoutAlloc.get(client)), median(withAlloc.get(client)),
                    median(withAlloc.get(client)) - median(withoutAlloc.get(client))));
        }
        return md.append('\n').toString();
    }

    /**
     * What each HTTP preset adds to a request, in nanoseconds, as a share of a loopback request: the
     * same clients over sockets that answer in memory ({@link HttpPresetInMemoryBenchmark}: the request's
     * work on one thread, no server), in JVMs without the agent and with it taking turns, and the loopback
     * GET of {@link HttpPresetBenchmark} without the agent in the same rounds, for the denominator.
     */
    static String httpCost() throws Exception {
        int rounds = Integer.getInteger("forks", 3);
        Path policy = policy(String.join("\n", "settings: { log: warn, summaryEvery: 0, reload: false }", "policies:",
                "  - name: http",
                "    match: [{ preset: apache-http4 }, { preset: apache-http5 }, { preset: okhttp }]",
                "  - name: own-client",
                "    match: [{ class: bench.targets.UrlConnectionClient, method: get }]", ""));
        Map<String, List<Double>> without = new LinkedHashMap<>();
        Map<String, List<Double>> with = new LinkedHashMap<>();
        Map<String, List<Double>> added = new LinkedHashMap<>(); // per round: median with - median without
        Map<String, List<Double>> withoutAlloc = new LinkedHashMap<>();
        Map<String, List<Double>> withAlloc = new LinkedHashMap<>();
        Map<String, List<Double>> loopback = new LinkedHashMap<>();
        Map<String, List<Double>> loopbackAlloc = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, List<Double>> a = new LinkedHashMap<>();
            Map<String, List<Double>> b = new LinkedHashMap<>();
            inMemoryRun(null, a, withoutAlloc, 15, 10);
            inMemoryRun(policy, b, withAlloc, 15, 10);
            for (String client : a.keySet()) {
                without.computeIfAbsent(client, k -> new ArrayList<>()).addAll(a.get(client));
                with.computeIfAbsent(client, k -> new ArrayList<>()).addAll(b.get(client));
                added.computeIfAbsent(client, k -> new ArrayList<>()).add(median(b.get(client)) - median(a.get(client)));
            }
            OptionsBuilder o = new OptionsBuilder();
            o.include(HttpPresetBenchmark.class.getName()).forks(1).param("client", a.keySet().toArray(new String[0]))
                    .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
            collect(new Runner(o.build()).run(), loopback, loopbackAlloc);
        }
        // allocation, exactly: without escape analysis every allocation the code makes is counted, whatever
        // the JIT decided in a fork, so the two configurations' B/op differ only by what the agent allocates
        Map<String, List<Double>> exactWithout = new LinkedHashMap<>();
        Map<String, List<Double>> exactWith = new LinkedHashMap<>();
        inMemoryRun(null, new LinkedHashMap<>(), exactWithout, 4, 3, "-XX:-DoEscapeAnalysis");
        inMemoryRun(policy, new LinkedHashMap<>(), exactWith, 4, 3, "-XX:-DoEscapeAnalysis");
        StringBuilder md = new StringBuilder("## HTTP presets: their own work per request, as a share of a loopback request\n\n");
        md.append("JMH, the GET of the HTTP preset benchmark through each client over sockets that answer in memory (every ")
                .append("`java.net.Socket` replaced: what is sent is dropped, what is read is the same 200 response again ")
                .append("and again), so the whole request runs on the benchmark's thread; ").append(rounds)
                .append(" rounds, each a JVM without the agent then one with a policy naming the presets (and the ")
                .append("application method over HttpURLConnection), 15 warm-up iterations of 1 s (the clients' deep ")
                .append("call chains take that long to compile on 2 cores) and 10 of 1 s; added: the median over rounds ")
                .append("of (median with - median without); share: that, over the loopback GET's median without the ")
                .append("agent (JDK HttpServer in the same JVM, 5 x 1 s per round, same rounds). The JDK's HttpClient ")
                .append("opens NIO channels, which no socket factory reaches, so it is not in this table. B/op added: ")
                .append("with the agent minus without, in one more fork of each with escape analysis off ")
                .append("(`-XX:-DoEscapeAnalysis`: every allocation made is counted, so the figure does not move with ")
                .append("what the JIT eliminated in a fork; with it on, forks of the same configuration differ by up to 50 B); ")
                .append("in brackets, the same from the timed forks.\n\n");
        md.append("| client | in memory, without: ns/op | with: ns/op | added per request (rounds) | loopback request: us/op | share of a loopback request | B/op added |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String client : without.keySet()) {
            List<Double> d = new ArrayList<>(added.get(client));
            Collections.sort(d);
            double addedNs = median(d);
            double loopNs = median(loopback.get(client)) * 1000;
            StringBuilder each = new StringBuilder();
            for (double x : added.get(client)) {
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.0f", x));
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %+.0f ns (%s) | %.1f | %.2f%% | %+.0f (%+.0f) |%n", client,
                    median(without.get(client)), median(with.get(client)), addedNs, each, loopNs / 1000, addedNs / loopNs * 100,
                    median(exactWith.get(client)) - median(exactWithout.get(client)),
                    median(withAlloc.get(client)) - median(withoutAlloc.get(client))));
        }
        return md.append('\n').toString();
    }

    static void inMemoryRun(Path policy, Map<String, List<Double>> scores, Map<String, List<Double>> alloc, int warmups,
                            int iterations, String... jvmArgs) throws Exception {
        OptionsBuilder b = new OptionsBuilder();
        b.include(HttpPresetInMemoryBenchmark.class.getName()).forks(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .addProfiler("gc");
        List<String> args = new ArrayList<>(List.of(jvmArgs));
        if (policy != null) {
            args.add("-javaagent:" + AGENT + "=" + policy);
        }
        if (!args.isEmpty()) {
            b.jvmArgsAppend(args.toArray(new String[0]));
        }
        collect(new Runner(b.build()).run(), scores, alloc);
    }

    /** Each client's iteration scores, and its B/op (one figure per fork). */
    static void collect(Collection<RunResult> results, Map<String, List<Double>> scores, Map<String, List<Double>> alloc) {
        for (RunResult r : results) {
            String client = r.getParams().getParam("client");
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult i : br.getIterationResults()) {
                    scores.computeIfAbsent(client, k -> new ArrayList<>()).add(i.getPrimaryResult().getScore());
                }
            }
            Result a = r.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
            alloc.computeIfAbsent(client, k -> new ArrayList<>()).add(a == null ? Double.NaN : a.getScore());
        }
    }

    /** One fork per client in JVMs with this policy (null: without the agent); adds its iterations' us/op and its B/op. */
    /**
     * The HTTP presets' own work per request, paired within one JVM: {@link HttpPresetToggleBenchmark}
     * switches the preset's policy on and off at every iteration through the agent's hot reload.
     */
    static String httpPaired(boolean inMemory) throws Exception {
        int pairs = Integer.getInteger("pairs", 8);
        int warmups = inMemory ? 12 : 2; // the in-memory requests' call chains take some 10 s to compile
        String unit = inMemory ? "ns" : "us";
        StringBuilder md = new StringBuilder(inMemory
                ? "## HTTP presets, paired, in memory: the preset's policy on and off in one JVM\n\n"
                : "## HTTP presets, paired: the preset's policy on and off in one JVM\n\n");
        md.append("JMH, the GET of the HTTP preset benchmark").append(inMemory ? " over sockets that answer in memory" : "")
                .append(", one JVM per client with the agent; the policy naming the ")
                .append("presets switched between this host and another by editing the policy file before every 1 s iteration (hot ")
                .append("reload; the match stays, so nothing is re-woven; while off the woven call reads its host, finds no policy and returns), ").append(warmups)
                .append(" warm-up iterations, then ").append(pairs).append(" pairs; per pair, with the policy / without")
                .append(inMemory ? ", and with minus without" : "").append(".\n\n");
        md.append("| client | with the policy: " + unit + "/op (median) | without: " + unit + "/op (median) | with / without per pair: median | quartiles |")
                .append(inMemory ? " with - without per pair: median ns |\n|---|---:|---:|---:|---:|---:|\n" : "\n|---|---:|---:|---:|---:|\n");
        String[] clients = inMemory ? new String[] {"apache-http4", "apache-http5", "okhttp"}
                : new String[] {"jdk-http", "apache-http4", "apache-http5", "okhttp"};
        Class<?> benchmark = inMemory ? HttpPresetInMemoryToggleBenchmark.class : HttpPresetToggleBenchmark.class;
        for (String client : clients) {
            Path policy = policy(HttpPresetToggleBenchmark.ON);
            OptionsBuilder b = new OptionsBuilder();
            b.include(benchmark.getName() + "\\.get$").forks(1).param("client", client)
                    .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2 * pairs).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("-javaagent:" + AGENT + "=" + policy, "-D" + HttpPresetToggleBenchmark.PROPERTY + "=" + policy);
            List<Double> on = new ArrayList<>();
            List<Double> off = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> differences = new ArrayList<>();
            for (RunResult r : new Runner(b.build()).run()) {
                for (BenchmarkResult br : r.getBenchmarkResults()) {
                    List<Double> scores = new ArrayList<>();
                    for (IterationResult i : br.getIterationResults()) {
                        scores.add(i.getPrimaryResult().getScore());
                    }
                    for (int i = 0; i < scores.size(); i++) {
                        boolean withPolicy = (warmups + i + 1) % 2 == 1; // the toggle's count includes warm-ups
                        (withPolicy ? on : off).add(scores.get(i));
                    }
                    for (int i = 0; i + 1 < scores.size(); i += 2) {
                        boolean firstOn = (warmups + i + 1) % 2 == 1;
                        double with = firstOn ? scores.get(i) : scores.get(i + 1);
                        double without = firstOn ? scores.get(i + 1) : scores.get(i);
                        ratios.add(with / without);
                        differences.add(with - without);
                    }
                }
            }
            Collections.sort(ratios);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %.3f to %.3f |", client, median(on), median(off),
                    median(ratios), ratios.get(ratios.size() / 4), ratios.get(ratios.size() * 3 / 4)));
            md.append(inMemory ? String.format(Locale.ROOT, " %+.0f |%n", median(differences)) : "\n");
        }
        return md.append('\n').toString();
    }

    static void httpRun(Path policy, Map<String, List<Double>> scores, Map<String, List<Double>> alloc) throws Exception {
        OptionsBuilder b = new OptionsBuilder();
        b.include(HttpPresetBenchmark.class.getName()).forks(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .addProfiler("gc");
        if (policy != null) {
            b.jvmArgsAppend("-javaagent:" + AGENT + "=" + policy);
        }
        collect(new Runner(b.build()).run(), scores, alloc);
    }

    static String wovenSize() throws Exception {
        Path dump = Files.createTempDirectory("woven");
        List<String> command = List.of(java(), "-javaagent:" + AGENT + "=" + policy(HAPPY_POLICY),
                "-Dtenacious.dumpDir=" + dump, "-cp", System.getProperty("java.class.path"), LoadTargets.class.getName());
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the dump run failed");
        }
        String resource = "bench/targets/WovenTarget.class";
        byte[] original;
        try (InputStream in = BenchmarkMain.class.getClassLoader().getResourceAsStream(resource)) {
            original = in.readAllBytes();
        }
        byte[] woven = Files.readAllBytes(dump.resolve(resource));
        int before = CodeSize.of(original).get("compute(I)I");
        int after = CodeSize.of(woven).get("compute(I)I");
        return "## Bytecode added to a woven method\n\n"
                + "`WovenTarget.compute(int)` (`return v * 31 + 7`), read from the class file before and after weaving.\n\n"
                + "| method | bytes before | bytes after | added |\n|---|---:|---:|---:|\n"
                + "| compute(int) | " + before + " | " + after + " | " + (after - before) + " |\n\n"
                + "HotSpot inlines hot methods up to 325 bytes (`FreqInlineSize`) and any method up to 35 bytes "
                + "(`MaxInlineSize`); each parameter adds a few bytes more for the argument backup that lets a retry "
                + "start from the caller's arguments.\n\n";
    }

    static String startup() throws Exception {
        int classes = Integer.getInteger("startupClasses", 8000);
        int runs = Integer.getInteger("startupRuns", 9);
        Path dir = Files.createTempDirectory("startup");
        Path jar = GeneratedApp.write(dir, classes);
        Path matching = policy(String.join("\n",
                "settings: { log: warn, summaryEvery: 0 }",
                "policies:",
                "  - name: generated",
                "    match:",
                "      - class: \"gen.p1.C10?\"",
                "        method: work",
                "      - class: \"gen.p7.C71?\"",
                "        method: get",
                "      - class: \"gen.**.*Client\"",
                "        method: fetch",
                ""));
        Path nothing = policy(String.join("\n",
                "settings: { log: warn, summaryEvery: 0 }",
                "policies:",
                "  - name: elsewhere",
                "    match: [{ class: \"com.acme.**.*Client\", method: fetch }]",
                ""));
        Path nullAgent = NullAgentJar.write(dir);
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("no agent", List.of());
        configs.put("floor: an agent whose transformer changes nothing", List.of("-javaagent:" + nullAgent));
        configs.put("agent, policy matching nothing", List.of("-javaagent:" + AGENT + "=" + nothing));
        configs.put("agent, policy weaving 20 methods", List.of("-javaagent:" + AGENT + "=" + matching));
        configs.put("agent, policy weaving 20 methods, Byte Buddy weaver (-Dtenacious.weaver=bytebuddy)",
                List.of("-Dtenacious.weaver=bytebuddy", "-javaagent:" + AGENT + "=" + matching));
        String vs = System.getProperty("vs"); // another build's jar: its rows interleave with this build's
        if (vs != null) {
            configs.put("other build (" + Paths.get(vs).getFileName() + "), policy matching nothing",
                    List.of("-javaagent:" + vs + "=" + nothing));
            configs.put("other build (" + Paths.get(vs).getFileName() + "), policy weaving 20 methods",
                    List.of("-javaagent:" + vs + "=" + matching));
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (String c : configs.keySet()) {
            times.put(c, new ArrayList<>());
        }
        for (int run = -1; run < runs; run++) { // run -1 warms the file cache; configs interleave
            for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                List<String> command = new ArrayList<>();
                command.add(java());
                command.addAll(c.getValue());
                command.addAll(List.of("-cp", jar.toString(), StartupMain.class.getName(), String.valueOf(classes)));
                long start = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(c.getKey() + " failed");
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (run >= 0) {
                    times.get(c.getKey()).add(ms);
                }
            }
        }
        double base = medianLong(times.get("no agent"));
        StringBuilder md = new StringBuilder("## Start-up cost\n\n");
        md.append("Whole-process wall time of a generated application that loads and initializes ").append(classes)
                .append(" classes (plus the JDK's own), ").append(runs)
                .append(" runs per configuration, interleaved; median and ratio to `no agent` in the same run.\n\n");
        md.append("| configuration | median ms | min ms | max ms | ratio |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Long>> e : times.entrySet()) {
            List<Long> t = new ArrayList<>(e.getValue());
            Collections.sort(t);
            double median = medianLong(t);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.2fx |%n", e.getKey(), median, t.get(0),
                    t.get(t.size() - 1), median / base));
        }
        md.append('\n').append(premain(jar, classes, runs, vs)).append('\n');
        return md.toString();
    }

    /**
     * The agent's own start as its start-up line states it (premain to the line), weaving 20 methods;
     * with another build's jar ({@code vs}), that build's too, the two taking turns.
     */
    static String premain(Path jar, int classes, int runs, String vs) throws Exception {
        List<String> agents = vs == null ? List.of(AGENT.toString()) : List.of(AGENT.toString(), vs);
        StringBuilder md = new StringBuilder();
        Map<String, List<Long>> byAgent = new LinkedHashMap<>();
        Map<String, String> howByAgent = new LinkedHashMap<>();
        for (String a : agents) {
            byAgent.put(a, new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (String a : agents) {
                String[] how = new String[1];
                Long ms = premainOnce(jar, classes, a, how);
                if (ms != null) {
                    byAgent.get(a).add(ms);
                    howByAgent.put(a, how[0]);
                }
            }
        }
        for (String a : agents) {
            List<Long> ms = byAgent.get(a);
            if (ms.isEmpty()) {
                md.append("The start-up line of ").append(a).append(" was not found.\n");
                continue;
            }
            Collections.sort(ms);
            md.append(String.format(Locale.ROOT, "%s own start (premain to its start-up line, as that line states it; %s): "
                    + "median %.0f ms, min %d, max %d over %d runs.%n", a.equals(AGENT.toString()) ? "The agent's"
                    : "The other build's (" + Paths.get(a).getFileName() + ")", howByAgent.get(a), medianLong(ms), ms.get(0),
                    ms.get(ms.size() - 1), ms.size()));
        }
        return md.toString();
    }

    /** One start of the generated application with {@code agentJar}: the milliseconds its start-up line states, or null. */
    static Long premainOnce(Path jar, int classes, String agentJar, String[] how) throws Exception {
        Path info = policy(String.join("\n",
                "settings: { log: info, summaryEvery: 0 }",
                "policies:",
                "  - name: generated",
                "    match:",
                "      - class: \"gen.p1.C10?\"",
                "        method: work",
                ""));
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("started from -javaagent .*\\((\\d+) ms; ([^)]*)\\)");
        Process p = new ProcessBuilder(java(), "-javaagent:" + agentJar + "=" + info, "-cp", jar.toString(),
                StartupMain.class.getName(), String.valueOf(classes)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        java.util.regex.Matcher m = line.matcher(out);
        if (!m.find()) {
            return null;
        }
        how[0] = m.group(2);
        return Long.parseLong(m.group(1));
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static double medianLong(List<Long> values) {
        List<Double> d = new ArrayList<>();
        for (long l : values) {
            d.add((double) l);
        }
        return median(d);
    }
}
