package com.acme.legacy.it;

import com.acme.legacy.server.FaultServer;
import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Not a test: the measurement behind issue 12's table, "server requests for one call" per legacy HTTP client and
 * fault, written as markdown for the README. Each client is run without the agent, with the policy the contract
 * prescribes (its preset, or the application's method), and, for the libraries, with the nearest plain
 * {@code class}/{@code method} pattern a user could write without the preset. Every policy has
 * {@code maxAttempts: 4}. Runs on this JDK only when asked:
 *
 * <pre>
 *   mvn -B verify -pl agent-test-app -am -Dtest=LegacyHttpFigures -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dtenacious.figures=$PWD/docs/legacy-http-after.md -Dtenacious.figures.agent="which agent, for the header"
 * </pre>
 *
 * The only assertions are the ones that make the figures mean something: without the agent every client
 * sends one request per call that gets a status (none of them retries a status on its own).
 */
@EnabledIfSystemProperty(named = "tenacious.figures", matches = ".+")
class LegacyHttpFigures {
    @TempDir
    Path dir;

    static final String RETRY = "    retry: { maxAttempts: 4, backoff: { initial: 20ms, max: 2s } }";

    /** One row: a client, the scenario that drives it, and the policies that weave it. */
    record Client(String name, String scenario, String options, String style, List<Path> libraries,
                  String contractMatch, String workaroundMatch) {
        /** The call spec for a method and path in this client's scenario. */
        String call(String method, String path) {
            return (style.isEmpty() ? "" : style + " ") + method + " " + path;
        }

        List<String> args(FaultServer server, String... calls) {
            List<String> a = new ArrayList<>(List.of(scenario, server.baseUrl()));
            if (options != null) {
                a.add(options);
            }
            Collections.addAll(a, calls);
            return a;
        }
    }

    static String app(String className) {
        return "[{ class: " + className + ", method: get }, { class: " + className + ", method: submit }]";
    }

    static List<Client> clients() {
        List<Path> http = LegacyLibraries.httpClients();
        return List.of(
                new Client("Apache HttpClient 4.5.14, `execute(request)` (library style)", "apache4-calls", "-", "library", List.of(),
                        "[{ preset: apache-http4 }]", "[{ class: org.apache.http.client.HttpClient, subtypes: true, method: execute }]"),
                new Client("Apache HttpClient 4.5.14, `execute(request, handler)`", "apache4-calls", "-", "handler", List.of(),
                        "[{ preset: apache-http4 }]", "[{ class: org.apache.http.client.HttpClient, subtypes: true, method: execute }]"),
                new Client("OkHttp 4.12.0, `newCall(request).execute()`", "okhttp-calls", "no-own-retries", "execute", LegacyLibraries.okhttp(4),
                        "[{ preset: okhttp }]", "[{ class: okhttp3.internal.connection.RealCall, method: execute }]"),
                new Client("OkHttp 4.12.0, `enqueue(callback)`", "okhttp-calls", "no-own-retries", "enqueue", LegacyLibraries.okhttp(4),
                        "[{ preset: okhttp }]", "[{ class: okhttp3.internal.connection.RealCall, method: enqueue }]"),
                new Client("OkHttp 3.14.9, `newCall(request).execute()`", "okhttp-calls", "no-own-retries", "execute", LegacyLibraries.okhttp(3),
                        "[{ preset: okhttp }]", "[{ class: okhttp3.RealCall, method: execute }]"),
                new Client("`HttpURLConnection` in the application's method (`getInputStream`'s IOException)", "orders-urlconnection", null, "", List.of(),
                        app("com.acme.legacy.orders.UrlConnectionOrders"),
                        "[{ class: sun.net.www.protocol.http.HttpURLConnection, method: getInputStream }]"),
                new Client("`HttpURLConnection` in the application's method (its own RuntimeException)", "orders-status-checking", null, "", List.of(),
                        app("com.acme.legacy.orders.StatusCheckingOrders"), null),
                new Client("Spring `RestTemplate` 5.3.39 in the application's method", "orders-resttemplate", null, "", http,
                        app("com.acme.legacy.orders.RestTemplateOrders"),
                        "[{ class: org.springframework.web.client.RestTemplate, method: doExecute }]"),
                new Client("OpenFeign 13.5 (default client, `Retryer.NEVER_RETRY`) in the application's method", "orders-feign", null, "", http,
                        app("com.acme.legacy.orders.FeignOrders"), null),
                new Client("Commons HttpClient 3.1 in the application's method (status turned into its own checked exception)",
                        "orders-commons3", null, "", http, app("com.acme.legacy.orders.CommonsHttp3Orders"), null));
    }

    /** What one JVM run measured: per column, the requests and the caller's outcome (and the Retry-After gap). */
    record Cells(List<String> cells) {
    }

    static final String[] COLUMNS = {"503 twice then 200", "400 always", "POST (no key), 503 twice then 200",
            "429 `Retry-After: 1`, then 200", "connection reset twice, then 200"};

    Cells measure(Client c, String match, Path policyDir) throws Exception {
        try (FaultServer server = new FaultServer()) {
            server.script("/twice", Script.failTimes(2, 503));
            server.script("/bad", Script.always(400));
            server.script("/post", Script.failTimes(2, 503));
            server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
            server.script("/reset", Script.sequence(Step.reset(), Step.reset(), Step.ok()));
            Path policy = null;
            if (match != null) {
                Files.createDirectories(policyDir);
                policy = AppJvm.policy(policyDir, "settings: { summaryEvery: 0 }\npolicies:\n  - name: figures\n    match: " + match
                        + "\n" + RETRY + "\n");
            }
            AppJvm.Result r = AppJvm.run(Jdk.current().findFirst().orElseThrow(), policy, List.of(), c.libraries(),
                    c.args(server, c.call("GET", "/twice"), c.call("GET", "/bad"), c.call("POST", "/post"), c.call("GET", "/busy"),
                            c.call("GET", "/reset")).toArray(new String[0]));
            List<String> cells = new ArrayList<>();
            cells.add(server.count("/twice") + ", " + outcome(r.call(1)));
            cells.add(server.count("/bad") + ", " + outcome(r.call(2)));
            cells.add(server.count("/post") + ", " + outcome(r.call(3)));
            List<Long> at = server.arrivals("/busy");
            cells.add(server.count("/busy") + ", " + outcome(r.call(4)) + (at.size() > 1 ? ", gap " + (at.get(1) - at.get(0)) / 1_000_000 + " ms" : ""));
            cells.add(server.count("/reset") + ", " + outcome(r.call(5)));
            if (match == null) {
                // (a reset is another matter: HttpURLConnection re-sends a GET once, Commons HttpClient 3.1 three times)
                for (String p : new String[] {"/twice", "/bad", "/post", "/busy"}) {
                    assertEquals(1, server.count(p), c.name() + " " + p + " without the agent: " + r);
                }
            }
            String errors = r.stderr.lines().filter(l -> l.startsWith("[tenacious] ERROR")).findFirst().orElse("")
                    .replaceAll("/\\S*/policies\\.yaml", "policies.yaml");
            if (!errors.isEmpty()) {
                cells.add(errors.length() > 160 ? errors.substring(0, 160) + "..." : errors);
            } else {
                cells.add(r.stderr.contains(": wove ") ? "woven" : "nothing woven");
            }
            return new Cells(cells);
        }
    }

    /** {@code OK 200 ok /x} → {@code 200}; {@code CAUGHT a.b.C msg} → {@code C}. */
    static String outcome(String call) {
        if (call.startsWith("OK ")) {
            Matcher m = Pattern.compile("OK (\\d{3}) ").matcher(call + " ");
            return m.lookingAt() ? m.group(1) : "200";
        }
        String type = call.substring("CAUGHT ".length()).split(" ")[0];
        String simple = type.substring(type.lastIndexOf('.') + 1);
        if (call.contains("Already Executed")) {
            simple += ": Already Executed";
        }
        return "`" + simple + "`";
    }

    /** The library's own retries with the policy's 4 attempts: an always-failing connection, per client. */
    record Stacking(String name, String scenario, String options, List<String> calls, List<Path> libraries, String contractMatch,
                    String workaroundMatch) {
    }

    static List<Stacking> stackings() {
        List<Path> http = LegacyLibraries.httpClients();
        return List.of(
                new Stacking("Apache HttpClient 4.5.14 with its `DefaultHttpRequestRetryHandler` (3 retries)", "apache4-calls", "own-retries",
                        List.of("handler GET /dead"), List.of(), "[{ preset: apache-http4 }]",
                        "[{ class: org.apache.http.client.HttpClient, subtypes: true, method: execute }]"),
                new Stacking("OkHttp 4.12.0 with `retryOnConnectionFailure` (default on), pooled connection", "okhttp-calls", "-",
                        List.of("execute GET /warm", "execute GET /dead"), LegacyLibraries.okhttp(4), "[{ preset: okhttp }]",
                        "[{ class: okhttp3.internal.connection.RealCall, method: execute }]"),
                new Stacking("OkHttp 3.14.9 with `retryOnConnectionFailure` (default on), pooled connection", "okhttp-calls", "-",
                        List.of("execute GET /warm", "execute GET /dead"), LegacyLibraries.okhttp(3), "[{ preset: okhttp }]",
                        "[{ class: okhttp3.RealCall, method: execute }]"),
                new Stacking("`HttpURLConnection` in the application's method", "orders-urlconnection", null,
                        List.of("GET /dead"), List.of(), app("com.acme.legacy.orders.UrlConnectionOrders"), null),
                new Stacking("OpenFeign 13.5 with its default `Retryer` (5 attempts) over `HttpURLConnection`", "orders-feign-own-retries", null,
                        List.of("GET /dead"), http, app("com.acme.legacy.orders.FeignOrders"), null),
                new Stacking("Commons HttpClient 3.1 with its default retry handler (3 retries)", "orders-commons3", null,
                        List.of("GET /dead"), http, app("com.acme.legacy.orders.CommonsHttp3Orders"), null));
    }

    String stacking(Stacking s, String match, Path policyDir) throws Exception {
        try (FaultServer server = new FaultServer()) {
            server.script("/dead", Script.sequence(Step.reset()));
            Path policy = null;
            if (match != null) {
                Files.createDirectories(policyDir);
                policy = AppJvm.policy(policyDir, "settings: { summaryEvery: 0 }\npolicies:\n  - name: figures\n    match: " + match
                        + "\n" + RETRY + "\n");
            }
            List<String> args = new ArrayList<>(List.of(s.scenario(), server.baseUrl()));
            if (s.options() != null) {
                args.add(s.options());
            }
            args.addAll(s.calls());
            AppJvm.Result r = AppJvm.run(Jdk.current().findFirst().orElseThrow(), policy, List.of(), s.libraries(), args.toArray(new String[0]));
            String line = r.stderr.lines().filter(l -> AgentLines.stacking(s.contractMatch().contains("okhttp") ? "okhttp" : "apache-http4")
                    .matcher(l).find()).findFirst().orElse("");
            String outcome = r.stdout.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).map(l -> outcome(l.replaceFirst("RESULT \\d+ ", "")))
                    .orElse("?");
            return server.count("/dead") + ", " + outcome + (line.isEmpty() || match == null ? "" : " (start-up: " + line.replace("|", "\\|") + ")");
        }
    }

    /** The leaky wrapper over a pool of 2 (connection request timeout 500 ms): how long a call that finds no connection takes. */
    String poolTimeout(String match, Path policyDir) throws Exception {
        try (FaultServer server = new FaultServer()) {
            server.script("/good", Script.alwaysOk());
            Path policy = null;
            if (match != null) {
                Files.createDirectories(policyDir);
                policy = AppJvm.policy(policyDir, "settings: { summaryEvery: 0 }\npolicies:\n  - name: http\n    match: " + match
                        + "\n" + RETRY + "\n");
            }
            AppJvm.Result r = AppJvm.run(Jdk.current().findFirst().orElseThrow(), policy, "apache4-leak", server.baseUrl(), "/good", "/leaky", "4");
            String elapsed = r.line("ELAPSED 103 ").substring("ELAPSED 103 ".length());
            String retries = r.stdout.lines().filter(l -> l.startsWith("JMX Retries ")).findFirst().map(l -> l.substring(4)).orElse("no JMX figures");
            return outcome(r.call(103)) + " after " + elapsed + " ms; " + retries;
        }
    }

    @Test
    void writeTheTable() throws Exception {
        Path out = Paths.get(System.getProperty("tenacious.figures"));
        List<Client> clients = clients();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Cells>[]> rows = new ArrayList<>();
            int n = 0;
            for (Client c : clients) {
                @SuppressWarnings("unchecked")
                Future<Cells>[] row = new Future[3];
                int k = n++;
                row[0] = pool.submit(() -> measure(c, null, dir.resolve(k + "-none")));
                row[1] = pool.submit(() -> measure(c, c.contractMatch(), dir.resolve(k + "-contract")));
                row[2] = c.workaroundMatch() == null ? null : pool.submit(() -> measure(c, c.workaroundMatch(), dir.resolve(k + "-workaround")));
                rows.add(row);
            }
            List<Future<String>[]> stacks = new ArrayList<>();
            for (Stacking s : stackings()) {
                @SuppressWarnings("unchecked")
                Future<String>[] row = new Future[3];
                int k = n++;
                row[0] = pool.submit(() -> stacking(s, null, dir.resolve(k + "-none")));
                row[1] = pool.submit(() -> stacking(s, s.contractMatch(), dir.resolve(k + "-contract")));
                row[2] = s.workaroundMatch() == null ? null : pool.submit(() -> stacking(s, s.workaroundMatch(), dir.resolve(k + "-workaround")));
                stacks.add(row);
            }
            int k = n;
            Future<String> poolNone = pool.submit(() -> poolTimeout(null, dir.resolve(k + "-none")));
            Future<String> poolContract = pool.submit(() -> poolTimeout("[{ preset: apache-http4 }]", dir.resolve(k + "-contract")));
            Future<String> poolWorkaround = pool.submit(() -> poolTimeout(
                    "[{ class: org.apache.http.client.HttpClient, subtypes: true, method: execute }]", dir.resolve(k + "-workaround")));

            StringBuilder md = new StringBuilder();
            md.append("# Legacy HTTP clients: server requests for one call (issue 12)\n\n")
                    .append("Measured by `LegacyHttpFigures` (agent-test-app) on JDK ").append(Runtime.version().feature())
                    .append(" with the agent jar of this build").append(System.getProperty("tenacious.figures.agent", "").isEmpty() ? ""
                            : " (" + System.getProperty("tenacious.figures.agent") + ")").append(". Every policy has `maxAttempts: 4`,")
                    .append(" backoff 20 ms (max 2 s). Each cell: requests the fault server counted for one call, then what the caller got")
                    .append(" (a status it read, or the exception it caught), and for `Retry-After` the gap between the first two requests.")
                    .append(" The libraries' own retries are off here (`disableAutomaticRetries()`, `retryOnConnectionFailure(false)`,")
                    .append(" `Retryer.NEVER_RETRY`; Commons HttpClient 3.1 keeps its default handler, which retries no status); the")
                    .append(" stacking table has them on.\n\n")
                    .append("- **none**: without the agent.\n")
                    .append("- **contract**: the policy the contract prescribes: `preset: apache-http4` / `preset: okhttp` for the libraries,")
                    .append(" the application's `get`/`submit` by `class`/`method` for the clients inside application methods.\n")
                    .append("- **plain pattern**: the nearest `class`/`method` pattern a user could write without the preset.\n")
                    .append("- **agent says**: the agent's first ERROR line, else whether it wove anything.\n\n");
            md.append("| client | policy | ").append(String.join(" | ", COLUMNS)).append(" | agent says |\n");
            md.append("| --- | --- |").append(" --- |".repeat(COLUMNS.length)).append(" --- |\n");
            String[] modes = {"none", "contract", "plain pattern"};
            for (int i = 0; i < clients.size(); i++) {
                Future<Cells>[] row = rows.get(i);
                for (int m = 0; m < 3; m++) {
                    if (row[m] == null) {
                        continue;
                    }
                    Cells cells = row[m].get();
                    String policy = m == 0 ? "none" : m == 1 ? "contract: `" + clients.get(i).contractMatch() + "`"
                            : "plain pattern: `" + clients.get(i).workaroundMatch() + "`";
                    md.append("| ").append(m == 0 ? clients.get(i).name() : "").append(" | ").append(policy.replace("|", "\\|"))
                            .append(" | ").append(String.join(" | ", cells.cells()).replace("\n", " ")).append(" |\n");
                }
            }
            md.append("\n## Stacking with the library's own retries\n\n")
                    .append("Requests for one call when every request's connection is reset (no response), the library's own retries")
                    .append(" at their defaults, and the policy's 4 attempts.\n\n")
                    .append("| client | none | contract | plain pattern (as above) |\n| --- | --- | --- | --- |\n");
            List<Stacking> stackings = stackings();
            for (int i = 0; i < stackings.size(); i++) {
                md.append("| ").append(stackings.get(i).name()).append(" | ").append(stacks.get(i)[0].get()).append(" | ")
                        .append(stacks.get(i)[1].get()).append(" | ")
                        .append(stacks.get(i)[2] == null ? "(the contract's)" : stacks.get(i)[2].get()).append(" |\n");
            }
            md.append("\n## A pool with no free connection\n\n")
                    .append("A leaky wrapper that never closes its responses exhausts a pool of 2 (connection request timeout")
                    .append(" 500 ms); the third call:\n\n")
                    .append("| policy | the third call |\n| --- | --- |\n")
                    .append("| none | ").append(poolNone.get()).append(" |\n")
                    .append("| contract: `[{ preset: apache-http4 }]` | ").append(poolContract.get()).append(" |\n")
                    .append("| plain pattern: `[{ class: org.apache.http.client.HttpClient, subtypes: true, method: execute }]` | ")
                    .append(poolWorkaround.get()).append(" |\n");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            System.out.println(md);
            assertTrue(Files.size(out) > 0);
        } finally {
            pool.shutdownNow();
        }
    }
}
