package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery, from outside: the application runs with {@code -javaagent:...=discover=FILE} (or a policy
 * file with {@code settings.discover}), and the file it leaves is read back: valid, every policy in
 * observe mode, one per dependency, matching the application's methods, with the figures seen, and
 * without any of the secrets the application's calls carried.
 */
class DiscoveryTest extends BlackBoxTest {
    static final String USER = "svc-user-SECRET1";
    static final String PASSWORD = "pw-SECRET2";
    static final String TOKEN = "tok-SECRET3";
    static final String PIN = "pin-SECRET4";
    static final String DB_PASSWORD = "db-SECRET5";
    static final String JDBC_URL = "jdbc:h2:mem:accounts;USER=sa;PASSWORD=" + DB_PASSWORD + ";DB_CLOSE_DELAY=-1";

    /** Runs the accounts scenario with {@code agentArgument}; returns what the application printed. */
    AppJvm.Result runAccounts(Jdk jdk, String agentArgument) throws Exception {
        server.script("/accounts/alice", Script.random(0.3, Step.status(503), 11));
        server.script("/accounts/transfer", Script.failTimes(1, 503));
        String base = server.baseUrl().replace("http://", "http://" + USER + ":" + PASSWORD + "@");
        List<String> command = AppJvm.command(jdk, null, List.of(), "discover-app", base, TOKEN, PIN, JDBC_URL);
        command.add(1, "-javaagent:" + AppJvm.AGENT_JAR + "=" + agentArgument);
        AppJvm.Result r = AppJvm.run(new ProcessBuilder(command).directory(dir.toFile()));
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains("DONE"), r::toString);
        return r;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theFileHasOnePolicyPerDependencyMatchingTheMethodsThatCalledItAndPassesValidate(Jdk jdk) throws Exception {
        Path out = dir.resolve("found.yaml");
        AppJvm.Result r = runAccounts(jdk, "discover=" + out);
        assertTrue(r.stderr.contains("[tenacious] discover: wrote " + out), r::toString);
        String file = Files.readString(out);
        String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
        assertEquals(40, server.count("/accounts/alice"), "watched, never retried: one request per call");
        assertEquals(3, server.count("/accounts/transfer"));
        assertEquals("RESULT duplicate CAUGHT SQLSTATE 23505", r.line("RESULT duplicate"), "the application's own exception");

        AppJvm.Result valid = CliTest.cli("validate", out.toString());
        assertEquals(0, valid.exitCode, () -> valid + "\n" + file);
        assertTrue(valid.stdout.contains("valid, 2 policies"), () -> valid + "\n" + file);
        assertEquals(count(file, "\n  - name: "), count(file, "\n    mode: observe\n"), file);
        assertFalse(file.contains("enforce\n"), file);

        String http = policy(file, "127.0.0.1-" + port);
        assertTrue(http.contains("      - class: \"com.acme.legacy.accounts.AccountsClient\"\n        method: \"balance\"\n"
                + "        params: [\"java.lang.String\"]\n"), file);
        assertTrue(http.contains("      - class: \"com.acme.legacy.accounts.AccountsClient\"\n        method: \"balance\"\n"
                + "        params: [\"java.lang.String\", \"int\"]\n"), file);
        assertTrue(http.contains("      - class: \"com.acme.legacy.accounts.AccountsClient\"\n        method: \"transfer\"\n"), file);
        assertTrue(http.contains("      - class: \"com.acme.legacy.common.HttpHelper\"\n        method: \"get\"\n"), file);
        assertTrue(flat(http).contains("# AccountsClient.balance: through HttpURLConnection, 45 calls; GET x 45; status 200 x "), file);
        assertTrue(flat(http).contains("; made in AccountsClient.answer, which is handed the HttpURLConnection it reads (sent once:"
                + " it cannot be re-run by itself)."), file);
        assertFalse(http.contains("method: \"answer\""), file);
        assertTrue(flat(http).contains("AccountsClient.transfer: through HttpURLConnection, 3 calls; POST x 3; status 200 x 2, 503 x 1;"), file);
        assertTrue(flat(http).contains("1 call from com.acme.legacy.accounts.AccountsWarmup.<init> (a constructor, which is never woven)"
                + " through HttpURLConnection: no policy can retry these here"), file);
        assertTrue(http.contains("      maxAttempts: "), file);
        assertTrue(flat(http).contains("      statuses: [429, 502, 503, 504]   # seen: 503 x "), file);
        assertTrue(flat(http).contains("      retryNonIdempotent: false   # 3 POST/PATCH requests without an Idempotency-Key were seen"), file);

        String jdbc = policy(file, "h2-mem-accounts");
        assertTrue(flat(jdbc).contains("# JDBC jdbc:h2:mem:accounts, from "), file);
        assertTrue(jdbc.contains("      - class: \"com.acme.legacy.accounts.AccountsDao\"\n        method: \"save\"\n"), file);
        assertTrue(jdbc.contains("      - class: \"com.acme.legacy.accounts.AccountsDao\"\n        method: \"total\"\n"), file);
        assertTrue(flat(jdbc).contains("SQLState 23505 x 1"), file);
        assertTrue(flat(jdbc).contains("1 failed permanently"), file);
        assertTrue(jdbc.contains("      - preset: jdbc\n"), "the constructor's statements fall to the preset: " + file);

        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("found.yaml"), names, "the temporary file was renamed, not left behind");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void noCredentialQueryStringPathOrBodyReachesTheFile(Jdk jdk) throws Exception {
        Path out = dir.resolve("found.yaml");
        runAccounts(jdk, "discover=" + out);
        String file = Files.readString(out);
        assertTrue(file.contains("h2-mem-accounts") && file.contains("AccountsClient"), file);
        for (String secret : List.of("SECRET", "svc-user", USER, PASSWORD, TOKEN, PIN, DB_PASSWORD, "alice", "bob",
                "/accounts", "token=", "Bearer", "USER=sa", "DB_CLOSE_DELAY", "ledger", "INSERT")) {
            assertFalse(file.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
                    () -> "'" + secret + "' in the file:\n" + file);
        }
        assertFalse(Pattern.compile("[?&;]\\w+=").matcher(file).find(), file);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void theDefaultFileIsWrittenInTheWorkingDirectory(Jdk jdk) throws Exception {
        runAccounts(jdk, "discover");
        assertTrue(Files.readString(dir.resolve("tenacious-discovered.yaml")).contains("AccountsClient"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void skipPassesOverTheApplicationsOwnHelperToItsCallers(Jdk jdk) throws Exception {
        Path out = dir.resolve("found.yaml");
        Path policies = Files.writeString(dir.resolve("policies.yaml"), String.join("\n",
                "settings:",
                "  discover: { out: " + out + ", skip: [com.acme.legacy.common] }",
                "policies: []", ""));
        runAccounts(jdk, policies.toString());
        String file = Files.readString(out);
        assertTrue(file.contains("      - class: \"com.acme.legacy.accounts.Reports\"\n        method: \"daily\"\n"), file);
        assertFalse(file.contains("HttpHelper"), file);
        assertTrue(flat(file).contains("Frames of com.acme.legacy.common (settings.discover.skip) were passed over"), file);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void besideOrdinaryPoliciesWhichKeepWorkingTheFileIsWrittenEveryEveryWhileTheApplicationRuns(Jdk jdk) throws Exception {
        server.script("/flaky", Script.of(new java.util.function.Supplier<Step>() {
            int n;

            @Override
            public Step get() {
                return n++ % 2 == 0 ? Step.status(503) : Step.ok();
            }
        }));
        Path out = dir.resolve("found.yaml");
        Path policies = AppJvm.policy(dir, String.join("\n",
                "settings:",
                "  summaryEvery: 0",
                "  discover: { out: " + out + ", every: 1s }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 10ms } }", ""));
        AppJvm.Running app = AppJvm.start(new ProcessBuilder(AppJvm.command(jdk, policies, List.of(), "sequence",
                server.baseUrl(), "/flaky", "40", "100")));
        app.awaitOut("RESULT 5 ");
        for (long deadline = System.nanoTime() + 30_000_000_000L; !Files.exists(out) && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(out), "written while the application runs");
        assertTrue(app.process.isAlive(), "the application was still running when the file appeared");
        AppJvm.Result r = app.finish();
        for (int i = 1; i <= 40; i++) {
            assertEquals("OK ok /flaky", r.call(i), "the policy still retries every 503");
        }
        String file = Files.readString(out);
        assertTrue(file.contains("      - class: \"com.acme.legacy.client.InventoryClient\"\n        method: \"fetch\"\n"), file);
        assertTrue(flat(file).contains("InventoryClient.fetch: through HttpURLConnection, 80 calls; GET x 80; status 200 x 40, 503 x 40;"),
                "every attempt is heard: " + file);
        assertTrue(file.contains("      maxAttempts: 8\n"), "half the attempts failed: " + file);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void attachDiscoverIntoARunningApplicationWatchesTheClassesItHasLoaded(Jdk jdk) throws Exception {
        Path out = dir.resolve("found.yaml");
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, null, List.of(), "attach", server.baseUrl(), "/stock"))
                .redirectError(err.toFile()).start();
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(app.getInputStream(),
                StandardCharsets.UTF_8));
             java.io.Writer w = new java.io.OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("READY")) {
                // the first call, before the agent
            }
            assertTrue(line != null, () -> "the application did not get ready: " + read(err));
            AppJvm.Result attach = CliTest.cli("attach", line.substring("READY ".length()), "discover=" + out);
            assertEquals(0, attach.exitCode, attach::toString);
            assertTrue(attach.stdout.contains("started in discovery mode (nothing is retried), writing " + out), attach::toString);
            w.write("go\n");
            w.flush();
            assertEquals("RESULT 2 OK ok /stock", r.readLine());
        }
        assertTrue(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String file = Files.readString(out);
        assertTrue(flat(file).contains("# InventoryClient.fetch: through HttpURLConnection, 1 call; GET x 1; status 200 x 1;"),
                "the call after the attach, not the one before: " + file);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The text of the policy of that name, from its comments to the next policy's. */
    static String policy(String file, String name) {
        int at = file.indexOf("  - name: \"" + name + "\"\n");
        assertTrue(at >= 0, "no policy " + name + " in\n" + file);
        int start = file.lastIndexOf("\n\n", at);
        int end = file.indexOf("\n\n", at);
        return file.substring(start < 0 ? 0 : start, end < 0 ? file.length() : end);
    }

    /** The text with comments' continuation lines joined to the lines they continue. */
    static String flat(String text) {
        return text.replaceAll("\n *# {3}", " ");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
