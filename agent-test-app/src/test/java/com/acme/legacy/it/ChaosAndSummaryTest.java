package com.acme.legacy.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chaos rehearsals armed and disarmed, and the periodic summary line. */
class ChaosAndSummaryTest extends BlackBoxTest {
    static final Pattern SUMMARY = Pattern.compile("\\[tenacious] summary inventory: (\\d+) calls, (\\d+) retries, .*, (\\d+) chaos faults");

    static String policy(boolean armed) {
        return String.join("\n",
                "settings: { chaos: " + armed + ", summaryEvery: 1s }",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 8, backoff: { type: fixed, initial: 1ms, jitter: none }, budget: off }",
                "    chaos: { rate: 30%, throw: java.net.SocketTimeoutException }",
                "");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void armedChaosInjectsFaultsThatTheRetriesAbsorb(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy(true)), "sequence", server.baseUrl(), "/ok", "60", "40");
        List<String> outcomes = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            outcomes.add(r.call(i));
        }
        long failed = outcomes.stream().filter(s -> !s.equals("OK ok /ok")).count();
        assertTrue(failed <= 1, "30% faults, 8 attempts: about one call in 15,000 fails: " + outcomes);
        assertTrue(server.count("/ok") <= 60, "an injected fault replaces the real call: " + server.count("/ok"));
        Matcher m = lastSummary(r);
        int faults = Integer.parseInt(m.group(3));
        assertTrue(faults >= 1, "faults counted apart (the last summary may come before the last calls): " + r.stderr);
        assertEquals(60 - failed, server.count("/ok"), "the server saw exactly the attempts that were not faults and did succeed");
        assertTrue(r.stderr.contains("chaos 30% of attempts: throw java.net.SocketTimeoutException (armed)"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void disarmedChaosIsInert(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy(false)), "sequence", server.baseUrl(), "/ok", "60", "40");
        for (int i = 1; i <= 60; i++) {
            assertEquals("OK ok /ok", r.call(i));
        }
        assertEquals(60, server.count("/ok"));
        assertTrue(r.stderr.contains("[tenacious] summary inventory: "), "the summary runs every second: " + r.stderr);
        assertTrue(!r.stderr.contains("chaos faults"), "no chaos counted: " + r.stderr);
    }

    private static Matcher lastSummary(AppJvm.Result r) {
        Matcher last = null;
        for (String line : r.stderr.split("\n")) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        assertTrue(last != null, "a summary line with chaos counts: " + r.stderr);
        return last;
    }
}
