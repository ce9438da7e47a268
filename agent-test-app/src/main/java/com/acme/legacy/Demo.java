package com.acme.legacy;

import com.acme.legacy.client.InventoryClient;
import com.acme.legacy.client.PriceClient;
import com.acme.legacy.dao.OrderDao;
import com.acme.legacy.server.FaultServer;
import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo: a legacy order flow (look up stock over HttpURLConnection, get a price over the JDK
 * HttpClient, save the order over JDBC) run as a burst of orders through a scripted outage of its
 * dependencies. Without arguments it runs the burst twice, in two child JVMs, without and with the
 * agent, and prints both tables side by side: what the callers saw and what reached the server; then
 * what the agent did, from its own JMX figures in the second JVM (nothing is claimed when it applied
 * no policy, say because the policy file has errors).
 *
 * <pre>
 *   java -jar agent-test-app.jar [POLICIES]  both runs, compared (POLICIES: the repository's policies.yaml)
 *   java -jar agent-test-app.jar run         one run in this JVM (add -javaagent yourself)
 * </pre>
 * The agent jar and the policy file are looked for from where this demo's own jar (or classes
 * directory) is, up to the repository root, then in the working directory, so the demo runs from
 * anywhere; system properties {@code demo.agent} and {@code demo.policies} name them outright.
 */
public final class Demo {
    static final int ORDERS = 120;
    static final int THREADS = 4;
    /** What the child with the agent prints after its table: one line per policy, from the agent's MBeans. */
    static final String AGENT = "AGENT ";
    static final String[] FIGURES = {"Calls", "Retries", "SuccessesAfterRetry", "Aborted", "Exhausted", "FailedCalls"};

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("run")) {
            run(args.length > 1 && args[1].equals("--figures"));
            return;
        }
        Path agent = find("demo.agent", null, "agent/target/tenacious-agent.jar", "tenacious-agent.jar");
        Path policies = find("demo.policies", args.length > 0 ? args[0] : null, "policies.yaml");
        if (agent == null || !Files.isRegularFile(agent)) {
            System.err.println("agent jar not found (" + (agent != null ? agent : "looked for agent/target/tenacious-agent.jar from "
                    + home() + " up, and in " + Paths.get("").toAbsolutePath()) + "): build it first (mvn package), "
                    + "or give its path with -Ddemo.agent=PATH");
            System.exit(1);
        }
        if (policies == null || !Files.isRegularFile(policies)) {
            System.err.println("policy file not found (" + (policies != null ? policies : "looked for policies.yaml from "
                    + home() + " up, and in " + Paths.get("").toAbsolutePath()) + "): give its path as the argument");
            System.exit(1);
        }
        System.out.println("Tenacious demo: " + ORDERS + " orders on " + THREADS + " threads, through a scripted outage");
        System.out.println("(inventory: requests fail with 503 (40%) or a reset (30%), at most 3 times per order; prices: 3 of the first 10 requests fail with 502; a few items are malformed)");
        System.out.println("agent " + agent + ", policies " + policies);
        System.out.println();
        Child without = child(null, null);
        Child with = child(agent, policies);
        print(without, with, policies);
    }

    /**
     * The file {@code given} on the command line, else the one a system property names, else the first of {@code names} found in
     * the demo's own directory or one of its parents (the jar is in agent-test-app/target/, the classes
     * in agent-test-app/target/classes/), else in the working directory; null if none is.
     */
    static Path find(String property, String given, String... names) {
        String named = given != null ? given : System.getProperty(property);
        if (named != null) {
            return Paths.get(named).toAbsolutePath().normalize();
        }
        for (Path dir = home(); dir != null; dir = dir.getParent()) {
            for (String n : names) {
                if (Files.isRegularFile(dir.resolve(n))) {
                    return dir.resolve(n);
                }
            }
        }
        for (String n : names) {
            Path here = Paths.get(n).toAbsolutePath().normalize();
            if (Files.isRegularFile(here)) {
                return here;
            }
        }
        return null;
    }

    /** The directory of this demo's jar, or its classes directory. */
    static Path home() {
        try {
            Path code = Paths.get(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(code) ? code : code.getParent();
        } catch (Exception e) {
            return Paths.get("").toAbsolutePath();
        }
    }

    /** What a child JVM printed: its table, the agent's own lines, and (with the agent) its figures per policy. */
    static final class Child {
        final List<String> table = new ArrayList<>();
        final List<String> agentLines = new ArrayList<>();
        final Map<String, Map<String, Long>> figures = new LinkedHashMap<>();
    }

    private static Child child(Path agent, Path policies) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        if (agent != null) {
            command.add("-javaagent:" + agent + "=" + policies);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Demo.class.getName());
        command.add("run");
        if (agent != null) {
            command.add("--figures");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Child child = new Child();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("ROW ")) {
                    child.table.add(line.substring(4));
                } else if (line.startsWith(AGENT)) {
                    String[] f = line.substring(AGENT.length()).split(" ");
                    Map<String, Long> values = new LinkedHashMap<>();
                    for (int i = 1; i < f.length; i++) {
                        String[] kv = f[i].split("=", 2);
                        values.put(kv[0], Long.parseLong(kv[1]));
                    }
                    child.figures.put(f[0], values);
                } else if (agent != null && line.startsWith("[tenacious]")) {
                    child.agentLines.add(line);
                    System.out.println("  " + line);
                }
            }
        }
        p.waitFor(5, TimeUnit.MINUTES);
        return child;
    }

    private static void print(Child without, Child with, Path policies) {
        System.out.println();
        System.out.printf("%-34s %12s %12s%n", "", "without", "with agent");
        for (int i = 0; i < without.table.size() && i < with.table.size(); i++) {
            String[] a = without.table.get(i).split("\\|");
            String[] b = with.table.get(i).split("\\|");
            System.out.printf("%-34s %12s %12s%n", a[0], a[1], b[1]);
        }
        System.out.println();
        System.out.println("'failed' is what the callers caught; 'requests' is what reached the flaky server.");
        for (String line : whatTheAgentDid(with, policies)) {
            System.out.println(line);
        }
    }

    /** The closing lines: what the agent's own figures say it did, or why it did nothing. */
    static List<String> whatTheAgentDid(Child with, Path policies) {
        List<String> lines = new ArrayList<>();
        boolean invalid = with.agentLines.stream().anyMatch(l -> l.contains("runs without Tenacious"));
        if (invalid || with.figures.isEmpty()) {
            lines.add(invalid
                    ? "The agent applied no policy: " + policies + " has errors (listed above), so the 'with agent' column"
                    : "The agent reported no policy (see its lines above, if any), so the 'with agent' column");
            lines.add("is the application on its own, as in the first. Check the file with");
            lines.add("  java -jar tenacious-agent.jar validate " + policies);
            return lines;
        }
        long retries = 0;
        long recovered = 0;
        long aborted = 0;
        List<String> perPolicy = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : with.figures.entrySet()) {
            Map<String, Long> f = e.getValue();
            retries += f.getOrDefault("Retries", 0L);
            recovered += f.getOrDefault("SuccessesAfterRetry", 0L);
            aborted += f.getOrDefault("Aborted", 0L);
            perPolicy.add(e.getKey() + ": " + f.getOrDefault("Calls", 0L) + " calls, " + f.getOrDefault("Retries", 0L)
                    + " retries, " + f.getOrDefault("SuccessesAfterRetry", 0L) + " recovered, "
                    + f.getOrDefault("Exhausted", 0L) + " exhausted, " + f.getOrDefault("Aborted", 0L) + " not retried (permanent)");
        }
        if (retries == 0) {
            lines.add("The agent ran with " + with.figures.size() + " policies but retried nothing: " + String.join("; ", perPolicy));
            return lines;
        }
        lines.add("With the agent, " + retries + " failed attempts were retried with backoff and jitter, and " + recovered
                + " calls succeeded on a later attempt");
        if (aborted > 0) {
            lines.add("(" + aborted + " failures were permanent, such as HTTP 400 for a malformed item, and failed at once, as before).");
        }
        lines.add("The agent's own figures, per policy (over JMX):");
        for (String p : perPolicy) {
            lines.add("  " + p);
        }
        return lines;
    }

    /**
     * One burst in this JVM; prints ROW lines that the parent process tabulates, then, with
     * {@code figures}, the agent's figures per policy as its MBeans give them.
     */
    static void run(boolean figures) throws Exception {
        try (FaultServer server = new FaultServer()) {
            // each order fails its own way, whatever the threads' interleaving: the figures are the same every run
            server.script("/inventory/item", Script.randomPerCaller(0.4, Step.status(503), 42, 3));
            server.script("/inventory/flaky-reset", Script.randomPerCaller(0.3, Step.reset(), 7, 3));
            server.script("/inventory/malformed", Script.always(400));
            server.script("/prices/sku-1", Script.sequence(Step.ok(), Step.ok(), Step.status(502),
                    Step.ok(), Step.ok(), Step.status(502), Step.ok(), Step.ok(), Step.status(502), Step.ok()));
            InventoryClient inventory = new InventoryClient(server.baseUrl());
            PriceClient prices = new PriceClient(server.baseUrl());
            OrderDao orders = new OrderDao("demo");
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger permanent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < ORDERS; i++) {
                final int n = i;
                futures.add(pool.submit(() -> {
                    String path = n % 20 == 19 ? "/inventory/malformed"
                            : n % 3 == 0 ? "/inventory/flaky-reset" : "/inventory/item";
                    try {
                        inventory.fetch(path + "?order=" + n);
                        String price = prices.quote("sku-1");
                        orders.save("sku-1", price);
                        ok.incrementAndGet();
                    } catch (com.acme.legacy.client.BadRequestException e) {
                        permanent.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("ROW orders placed|" + ORDERS);
            System.out.println("ROW orders saved|" + ok.get() + " (" + orders.count() + " rows)");
            System.out.println("ROW failed (transient errors)|" + failed.get());
            System.out.println("ROW failed (malformed item, HTTP 400)|" + permanent.get());
            System.out.println("ROW inventory requests at the server|" + (server.count("/inventory/item")
                    + server.count("/inventory/flaky-reset") + server.count("/inventory/malformed")));
            System.out.println("ROW   of which malformed (not retried)|" + server.count("/inventory/malformed"));
            System.out.println("ROW price requests at the server|" + server.count("/prices/sku-1"));
            System.out.println("ROW wall time|" + millis + " ms");
            System.out.flush();
        }
        if (figures) {
            printAgentFigures();
        }
    }

    /**
     * The agent's figures as AGENT lines. Its MBeans are registered two seconds after it started, off
     * the application's start-up path: wait until then (a little longer on a busy machine), and print
     * nothing when it has no policies, as with an invalid file.
     */
    private static void printAgentFigures() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName pattern = new ObjectName("tenacious:type=Policy,*");
        Set<ObjectName> names = jmx.queryNames(pattern, null);
        while (names.isEmpty() && ManagementFactory.getRuntimeMXBean().getUptime() < 10_000) {
            Thread.sleep(100);
            names = jmx.queryNames(pattern, null);
        }
        for (ObjectName n : new TreeSet<>(names)) {
            StringBuilder line = new StringBuilder(AGENT).append(ObjectName.unquote(n.getKeyProperty("name")));
            for (String f : FIGURES) {
                line.append(' ').append(f).append('=').append(jmx.getAttribute(n, f));
            }
            System.out.println(line);
        }
    }
}
