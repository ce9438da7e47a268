package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the runtime lives. The agent defines its classes in the bootstrap loader, so it appends nothing to
 * the bootstrap class path and the JVM has nothing to warn about (from JDK 11 on, an appended path turns
 * class-data sharing off for the application's classes, with a warning); asked to (or refused), it appends
 * its jar instead. The start-up line says which, and either way a woven JDK class (loaded by the bootstrap
 * loader, here the JDK's own XML parser) and the application's woven classes reach the runtime.
 */
class BootstrapRuntimeTest extends BlackBoxTest {
    static final String SHARING_WARNING = "Sharing is only supported for boot loader classes";

    Path policy() throws Exception {
        return AppJvm.policy(dir, LegacyJvmTest.policy(
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 10ms } }"));
    }

    AppJvm.Result feedAndFetch(Jdk jdk, List<String> options) throws Exception {
        server.script("/feed.xml", Script.sequence(Step.status(503), Step.okWith(LegacyJvmTest.FEED)));
        server.script("/flaky", Script.failTimes(1, 503));
        AppJvm.Result r = AppJvm.run(jdk, policy(), options, "feed", server.baseUrl(), "/feed.xml");
        assertEquals("OK stock qty=7", r.call(1), r::toString);
        assertEquals(2, server.count("/feed.xml"), "the JDK's parser, woven, retried the 503: " + r);
        AppJvm.Result fetched = AppJvm.run(jdk, policy(), options, "fetch", server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", fetched.call(1), fetched::toString);
        assertEquals(2, server.count("/flaky"), "the application's client, woven, retried the 503: " + fetched);
        return r;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theRuntimeIsDefinedInTheBootstrapLoaderAndTheJvmWarnsOfNothing(Jdk jdk) throws Exception {
        AppJvm.Result r = feedAndFetch(jdk, List.of());
        assertTrue(r.stderr.lines().anyMatch(l -> l.startsWith("[tenacious] started from -javaagent with ")
                && l.endsWith("; runtime defined in the bootstrap loader)")), r::toString);
        assertFalse(r.stderr.contains(SHARING_WARNING), r::toString);
        assertEquals(List.of(), LegacyJvmTest.warnings(r), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void askedToAppendItsJarTheAgentSaysSoAndWorksTheSame(Jdk jdk) throws Exception {
        AppJvm.Result r = feedAndFetch(jdk, List.of("-Dtenacious.bootstrap=append"));
        assertTrue(r.stderr.lines().anyMatch(l -> l.startsWith("[tenacious] started from -javaagent with ")
                && l.endsWith("; runtime on the bootstrap class path (-Dtenacious.bootstrap=append))")), r::toString);
        if (!jdk.isJava8() && jdk.sharesClassData()) {
            // what the other test proves absent: the JVM's own line, which an appended path brings back
            assertTrue(r.stderr.contains(SHARING_WARNING), r::toString);
        }
    }
}
