package com.acme.legacy;

import com.acme.legacy.client.CatalogService;
import com.acme.legacy.client.InventoryClient;
import com.acme.legacy.client.ShippingClient;
import com.acme.legacy.client.StockFeed;
import com.acme.legacy.client.WrappedInventory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small programs the black-box tests run in a fresh JVM (with or without the agent) against a fault
 * server that the test started. Each prints what its caller saw, one line per call:
 * {@code RESULT <call> OK <body>} or {@code RESULT <call> CAUGHT <exception class> <message>}.
 * Java 8 code: the scenarios that need Java 11 (the JDK HttpClient) are in {@code Java11Scenarios},
 * compiled apart and on the class path from JDK 11 on.
 *
 * <pre>
 *   Scenarios fetch     BASE PATH [TIMES]   InventoryClient.fetch, sequentially
 *   Scenarios versioned BASE PATH           InventoryClient.fetchVersioned (reassigns its parameter)
 *   Scenarios nested    BASE PATH           CatalogService.describe, which calls fetch
 *   Scenarios price     BASE SKU            PriceClient.quote (JDK HttpClient; Java 11)
 *   Scenarios shipping  BASE PATH CALLS     ShippingClient.track (Apache HttpClient 4.5, a pool of 2) CALLS times
 *   Scenarios feed      BASE PATH           StockFeed.quantity: the JDK's XML parser reads a document over HTTP
 *   Scenarios quoteAsync BASE PATH          QuoteService.quoteAsync, a CompletableFuture; prints how it completed
 *   Scenarios interrupt BASE PATH MILLIS    fetch on a thread interrupted after MILLIS
 *   Scenarios burst     BASE PATH THREADS CALLS   THREADS threads, CALLS fetches each
 *   Scenarios attach    BASE PATH           fetch, print READY, wait for a line on stdin, fetch again
 *   Scenarios sleep     BASE MILLIS         stay alive (for the agent's delayed checks)
 *   Scenarios isolated  BASE PATH           fetch through a copy of the client in its own class loader
 *   Scenarios sequence  BASE PATH CALLS PAUSE   fetch CALLS times, PAUSE ms apart
 *   Scenarios concurrent BASE PATH THREADS  THREADS fetches at once
 *   Scenarios returns   BASE PATH           StockClient's int, boolean, List, Optional, String and void methods
 *   Scenarios twoMethods BASE PATH_A PATH_B ROUNDS  StockClient.text(PATH_A) and count(PATH_B), alternately
 *   Scenarios metrics   BASE PATH CALLS     fetch CALLS times, print the JMX figures, READY, wait for stdin
 *   Scenarios jdk-...   the JDK HttpClient called directly (Java 11)
 *   Scenarios jdbc-...  see {@link JdbcScenarios}: JDBC statements and connections
 *   Scenarios reservations URL CALL...  see {@link ReservationScenarios}: the application's own JDBC methods
 *   Scenarios discover-... see {@link DiscoverScenarios}: calls carrying secrets, overloads, helpers (discovery)
 *   Scenarios apache-... see {@link ApacheScenarios}: Apache HttpClient 5 classic
 *   Scenarios apache4-... see {@link Apache4Scenarios}: Apache HttpClient 4.5, library and response-handler styles
 *   Scenarios okhttp-... see {@link OkHttpScenarios}: OkHttp 3.14 / 4.12 execute and enqueue (needs lib-okhttp3 or 4)
 *   Scenarios orders-... see {@link OrdersScenarios}: the application's own methods over HttpURLConnection,
 *                        RestTemplate, Feign, Commons HttpClient 3.1 (these need lib-http), OkHttp, HttpClient 4
 *   Scenarios spring-... see {@link com.acme.legacy.spring.SpringScenarios}: Spring 5.3 transactions over JDBC
 * </pre>
 */
public final class Scenarios {
    private Scenarios() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        if (scenario.startsWith("jdk-") || scenario.equals("price")) {
            java11(args);
            return;
        }
        if (scenario.startsWith("apache-")) { // presets: the application calls the library itself
            args[0] = scenario.substring("apache-".length());
            ApacheScenarios.main(args);
            return;
        }
        if (scenario.startsWith("apache4-")) {
            args[0] = scenario.substring("apache4-".length());
            Apache4Scenarios.main(args);
            return;
        }
        if (scenario.startsWith("okhttp-")) {
            args[0] = scenario.substring("okhttp-".length());
            OkHttpScenarios.main(args);
            return;
        }
        if (scenario.startsWith("orders-")) { // the application's own methods, over each legacy HTTP client
            args[0] = scenario.substring("orders-".length());
            OrdersScenarios.main(args);
            return;
        }
        if (scenario.equals("reservations")) { // the application's own JDBC methods (PostgreSQL)
            ReservationScenarios.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (scenario.startsWith("discover-")) { // what discovery's file tells of an application
            args[0] = scenario.substring("discover-".length());
            DiscoverScenarios.main(args);
            return;
        }
        if (scenario.startsWith("jdbc-")) {
            args[0] = scenario.substring("jdbc-".length());
            JdbcScenarios.main(args);
            return;
        }
        if (scenario.startsWith("spring-")) {
            args[0] = scenario.substring("spring-".length());
            com.acme.legacy.spring.SpringScenarios.main(args);
            return;
        }
        if (scenario.equals("redeploy")) {
            RedeployScenario.main(args);
            return;
        }
        String base = args[1];
        InventoryClient inventory = new InventoryClient(base);
        switch (scenario) {
            case "fetch": {
                int times = args.length > 3 ? Integer.parseInt(args[3]) : 1;
                for (int i = 1; i <= times; i++) {
                    report(i, () -> inventory.fetch(args[2]));
                }
                break;
            }
            case "wrapped": // the failure as the cause of the application's own exception, the new way or the old
                WrappedInventory wrapped = new WrappedInventory(inventory);
                report(1, () -> wrapped.fetchWrapped(args[2]));
                report(2, () -> wrapped.fetchWrappedTheOldWay(args[2]));
                break;
            case "versioned":
                report(1, () -> inventory.fetchVersioned(args[2]));
                break;
            case "nested":
                report(1, () -> new CatalogService(inventory).describe(args[2]));
                break;
            case "quoteAsync": { // QuoteService.quoteAsync: a method returning a CompletableFuture
                java.util.concurrent.CompletableFuture<String> f = new com.acme.legacy.client.QuoteService(base).quoteAsync(args[2]);
                System.out.println("RESULT 0 OK returned done=" + f.isDone());
                report(1, () -> f.handle((v, e) -> {
                    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    return (t == null ? "value " + v : "failed " + t.getClass().getName() + " " + t.getMessage())
                            + " completedOn=" + Thread.currentThread().getName();
                }).join());
                break;
            }
            case "shipping": {
                int calls = Integer.parseInt(args[3]);
                try (ShippingClient shipping = new ShippingClient(base, 2)) {
                    for (int i = 1; i <= calls; i++) {
                        report(i, () -> shipping.track(args[2]));
                    }
                    System.out.println("RESULT 0 OK " + shipping.poolStats());
                }
                break;
            }
            case "feed":
                report(1, () -> new StockFeed(base).quantity(args[2]));
                break;
            case "interrupt":
                interrupt(inventory, args[2], Long.parseLong(args[3]));
                break;
            case "burst":
                burst(inventory, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                break;
            case "isolated": {
                // the client loaded again by a loader that sees only its own classes and the JDK,
                // as an application server's web-app loader would
                java.net.URL classes = InventoryClient.class.getProtectionDomain().getCodeSource().getLocation();
                try (java.net.URLClassLoader isolated = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
                    Class<?> type = isolated.loadClass(InventoryClient.class.getName());
                    Object client = type.getConstructor(String.class).newInstance(base);
                    java.lang.reflect.Method fetch = type.getMethod("fetch", String.class);
                    report(1, () -> {
                        try {
                            return type.getClassLoader() == isolated ? (String) fetch.invoke(client, args[2]) : "wrong loader";
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw (Exception) e.getCause();
                        }
                    });
                }
                break;
            }
            case "sequence": {
                // CALLS calls one after another, PAUSE ms apart: a breaker opening, failing fast, recovering
                int calls = Integer.parseInt(args[3]);
                long pause = Long.parseLong(args[4]);
                for (int i = 1; i <= calls; i++) {
                    report(i, () -> inventory.fetch(args[2]));
                    Thread.sleep(pause);
                }
                break;
            }
            case "concurrent": {
                // THREADS calls at once
                int threads = Integer.parseInt(args[3]);
                Thread[] workers = new Thread[threads];
                for (int t = 0; t < threads; t++) {
                    final int call = t + 1;
                    workers[t] = new Thread(() -> report(call, () -> inventory.fetch(args[2])));
                    workers[t].start();
                }
                for (Thread w : workers) {
                    w.join();
                }
                break;
            }
            case "twoMethods": {
                // StockClient.text on one path and StockClient.count on another, alternately, ROUNDS times
                com.acme.legacy.client.StockClient stock = new com.acme.legacy.client.StockClient(base);
                int rounds = Integer.parseInt(args[4]);
                for (int i = 0; i < rounds; i++) {
                    report(2 * i + 1, () -> stock.text(args[2]));
                    report(2 * i + 2, () -> String.valueOf(stock.count(args[3])));
                }
                break;
            }
            case "returns": {
                // each return type of StockClient against the same path
                com.acme.legacy.client.StockClient stock = new com.acme.legacy.client.StockClient(base);
                String path = args[2];
                report(1, () -> String.valueOf(stock.count(path)));
                report(2, () -> String.valueOf(stock.available(path)));
                report(3, () -> String.valueOf(stock.lines(path)));
                report(4, () -> String.valueOf(stock.find(path)));
                report(5, () -> "'" + stock.text(path) + "'");
                report(6, () -> {
                    stock.touch(path);
                    return "void";
                });
                break;
            }
            case "metrics": {
                // CALLS fetches, then the agent's JMX figures as a JMX client in this JVM reads them,
                // then READY; stays up (for a Prometheus scrape) until a line arrives on stdin
                int calls = Integer.parseInt(args[3]);
                for (int i = 1; i <= calls; i++) {
                    report(i, () -> inventory.fetch(args[2]));
                }
                javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
                javax.management.ObjectName name = new javax.management.ObjectName("tenacious:type=Policy,name=\"inventory\"");
                for (int waited = 0; !jmx.isRegistered(name) && waited < 100; waited++) {
                    Thread.sleep(100);
                }
                for (String attribute : new String[] {"Calls", "FirstTrySuccesses", "SuccessesAfterRetry", "FailedCalls",
                        "SuccessRate", "Retries", "Attempts", "AttemptsPerCall", "Exhausted", "BreakerState", "Recoveries",
                        "BackoffSeconds", "CallLatencyP50Millis", "AttemptLatencyP50Millis", "AgentOverheadSeconds", "RejectedOpen"}) {
                    System.out.println("JMX " + attribute + " " + jmx.getAttribute(name, attribute));
                }
                System.out.println("READY");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in)).readLine();
                break;
            }
            case "sleep":
                Thread.sleep(Long.parseLong(args[2]));
                System.out.println("RESULT 1 OK slept");
                break;
            case "attach": {
                report(1, () -> inventory.fetch(args[2]));
                System.out.println("READY " + pid());
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in)).readLine();
                report(2, () -> inventory.fetch(args[2]));
                break;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        System.out.flush();
    }

    /** The JDK HttpClient scenarios, found by name: absent from a JDK 8 class path. */
    private static void java11(String[] args) throws Exception {
        Class<?> scenarios;
        try {
            scenarios = Class.forName("com.acme.legacy.Java11Scenarios");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("scenario " + args[0] + " uses the JDK HttpClient, which needs Java 11; this is "
                    + System.getProperty("java.version"));
        }
        try {
            scenarios.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : new IllegalStateException(cause);
        }
    }

    /** This JVM's process id, as Java 8 code finds it ("pid@host"; ProcessHandle is Java 9). */
    static String pid() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return name.substring(0, name.indexOf('@'));
    }

    public static void report(int call, Callable<String> c) {
        String line;
        try {
            line = "RESULT " + call + " OK " + c.call();
        } catch (Throwable t) {
            line = "RESULT " + call + " CAUGHT " + t.getClass().getName() + " " + t.getMessage()
                    + (t.getCause() != null ? " CAUSE " + t.getCause().getClass().getName() : "");
        }
        synchronized (Scenarios.class) {
            System.out.println(line);
        }
    }

    private static void interrupt(InventoryClient inventory, String path, long afterMillis) throws InterruptedException {
        final String[] outcome = new String[1];
        Thread caller = new Thread(() -> {
            long start = System.nanoTime();
            try {
                outcome[0] = "OK " + inventory.fetch(path);
            } catch (Throwable t) {
                outcome[0] = "CAUGHT " + t.getClass().getName() + " " + t.getMessage();
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("INTERRUPTED " + Thread.currentThread().isInterrupted() + " ELAPSED_MS " + elapsedMs);
        }, "caller");
        caller.start();
        Thread.sleep(afterMillis);
        caller.interrupt();
        caller.join();
        System.out.println("RESULT 1 " + outcome[0]);
    }

    private static void burst(InventoryClient inventory, String path, int threads, int calls) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = 0; i < calls; i++) {
                    try {
                        inventory.fetch(path);
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("BURST calls=" + threads * calls + " ok=" + ok.get() + " failed=" + failed.get());
    }
}
