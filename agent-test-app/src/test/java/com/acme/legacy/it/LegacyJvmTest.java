package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What differs between the JVMs legacy applications run: JDK 8 has no module system (a JDK class is
 * woven without opening a module) and no JDK HttpClient (the {@code jdk-http} preset needs Java 11).
 * The application's stock feed is read by the JDK's own XML parser, which opens the URL itself, so
 * the policy weaves the JDK's {@code DocumentBuilder.parse}.
 */
class LegacyJvmTest extends BlackBoxTest {
    static final String FEED = "<stock sku=\"sku-1\" qty=\"7\"/>";

    static Stream<Jdk> jdk8() {
        return Jdk.all().filter(Jdk::isJava8);
    }

    static String policy(String... extraPolicies) {
        return String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: feed",
                "    match: [{ class: javax.xml.parsers.DocumentBuilder, method: parse, params: [java.lang.String] }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 10ms } }",
                String.join("\n", extraPolicies),
                "");
    }

    /**
     * Warnings and errors on stderr, the agent's and the JVM's (the JVM's "Sharing is only supported for
     * boot loader classes" among them, which an agent appending to the bootstrap class path brings).
     */
    static List<String> warnings(AppJvm.Result r) {
        return r.stderr.lines()
                .filter(l -> l.startsWith("[tenacious] WARN") || l.startsWith("[tenacious] ERROR") || l.toLowerCase().contains("warning"))
                .collect(Collectors.toList());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aJdkClassThePolicyNamesIsWovenAndRetried(Jdk jdk) throws Exception {
        server.script("/feed.xml", Script.sequence(Step.status(503), Step.status(503), Step.okWith(FEED)));
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, policy()), "feed", server.baseUrl(), "/feed.xml");
        assertEquals("OK stock qty=7", r.call(1), r::toString);
        assertEquals(3, server.count("/feed.xml"), "two 503s, then the document");
        assertTrue(r.stderr.contains("feed: wove 1 method of javax.xml.parsers.DocumentBuilder"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theAgentStartsWithoutAWarningWhereverThePoliciesApply(Jdk jdk) throws Exception {
        server.script("/feed.xml", Script.sequence(Step.status(503), Step.okWith(FEED)));
        Path p = AppJvm.policy(dir, policy(
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "  - name: db",
                "    match: [{ preset: jdbc }]",
                "  - name: partners",
                "    match: [{ preset: apache-http5 }]"));
        AppJvm.Result r = AppJvm.run(jdk, p, "feed", server.baseUrl(), "/feed.xml");
        assertEquals("OK stock qty=7", r.call(1), r::toString);
        assertEquals(List.of(), warnings(r), "on JDK 8 no module to open, nothing to warn about: " + r);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdk8")
    void onJava8APolicyNamingTheJdkHttpClientSaysItNeedsJava11(Jdk jdk) throws Exception {
        server.script("/flaky", Script.failTimes(1, 503));
        Path p = AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0 }",
                "policies:",
                "  - name: http",
                "    match: [{ preset: jdk-http }]",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { backoff: { initial: 10ms } }",
                ""));
        AppJvm.Result r = AppJvm.run(jdk, p, "fetch", server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", r.call(1), "the other policies apply: " + r);
        assertEquals(2, server.count("/flaky"));
        List<String> said = r.stderr.lines().filter(l -> l.startsWith("[tenacious]") && l.contains("jdk-http") && l.contains("Java 11"))
                .collect(Collectors.toList());
        assertEquals(1, said.size(), "one start-up line says that jdk-http needs Java 11: " + r);
    }
}
