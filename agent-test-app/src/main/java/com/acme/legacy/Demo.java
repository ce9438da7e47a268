package com.acme.legacy;

import com.acme.legacy.client.InventoryClient;
import com.acme.legacy.client.PriceClient;
import com.acme.legacy.dao.OrderDao;
import com.acme.legacy.server.FaultServer;
import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo: a legacy order flow (look up stock over HttpURLConnection, get a price over the JDK
 * HttpClient, save the order over JDBC) run as a burst of orders through a scripted outage of its
 * dependencies. Without arguments it runs the burst twice, in two child JVMs, without and with the
 * agent, and prints both tables side by side: what the callers saw and what reached the server.
 *
 * <pre>
 *   java -jar agent-test-app.jar            both runs, compared
 *   java -jar agent-test-app.jar run        one run in this JVM (add -javaagent yourself)
 * </pre>
 * System properties {@code demo.agent} and {@code demo.policies} override the agent jar and policy
 * file paths (defaults: agent/target/tenacious-agent.jar and policies.yaml).
 */
public final class Demo {
    static final int ORDERS = 120;
    static final int THREADS = 4;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("run")) {
            run();
            return;
        }
        String agent = System.getProperty("demo.agent", "agent/target/tenacious-agent.jar");
        String policies = System.getProperty("demo.policies", "policies.yaml");
        if (!new File(agent).isFile()) {
            System.err.println("agent jar " + agent + " not found: build it first (mvn package)");
            System.exit(1);
        }
        System.out.println("Tenacious demo: " + ORDERS + " orders on " + THREADS + " threads, through a scripted outage");
        System.out.println("(inventory: 40% of requests fail with 503 or a reset; prices: every third request fails; a few items are malformed)");
        System.out.println();
        List<String> without = child(null, null);
        List<String> with = child(agent, policies);
        print(without, with);
    }

    private static List<String> child(String agent, String policies) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        if (agent != null) {
            command.add("-javaagent:" + agent + "=" + policies);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Demo.class.getName());
        command.add("run");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> table = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("ROW ")) {
                    table.add(line.substring(4));
                } else if (agent != null && line.startsWith("[tenacious]")) {
                    System.out.println("  " + line);
                }
            }
        }
        p.waitFor(5, TimeUnit.MINUTES);
        return table;
    }

    private static void print(List<String> without, List<String> with) {
        System.out.println();
        System.out.printf("%-34s %12s %12s%n", "", "without", "with agent");
        for (int i = 0; i < without.size() && i < with.size(); i++) {
            String[] a = without.get(i).split("\\|");
            String[] b = with.get(i).split("\\|");
            System.out.printf("%-34s %12s %12s%n", a[0], a[1], b[1]);
        }
        System.out.println();
        System.out.println("'failed' is what the callers caught; 'requests' is what reached the flaky server. With the agent,");
        System.out.println("transient failures (503, connection reset) are retried with backoff and jitter; malformed items");
        System.out.println("(HTTP 400) are permanent and fail at once, exactly as before.");
    }

    /** One burst in this JVM; prints ROW lines that the parent process tabulates. */
    static void run() throws Exception {
        try (FaultServer server = new FaultServer()) {
            server.script("/inventory/item", Script.random(0.4, Step.status(503), 42));
            server.script("/inventory/flaky-reset", Script.random(0.3, Step.reset(), 7));
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
                        inventory.fetch(path);
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
        }
    }
}
