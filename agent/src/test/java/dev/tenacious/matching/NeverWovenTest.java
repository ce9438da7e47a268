package dev.tenacious.matching;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own classes and the JDK classes it runs on are never woven, and patterns naming them are told so. */
class NeverWovenTest {
    static MatchRule rule(String cls) {
        return new MatchRule(Glob.of(cls), false, Glob.of("*"), null, false, Collections.<Glob>emptyList(), "t:1:1");
    }

    @Test
    void theJdkClassesTheAgentRunsOnAreNeverMatchedWhateverThePatternSays() {
        PolicyMatcher m = new PolicyMatcher(List.of(List.of(rule("java.**"), rule("jdk.internal.**"))));
        assertFalse(m.mayMatchClassName("java.util.concurrent.CompletableFuture"));
        assertFalse(m.mayMatchClassName("java.lang.Thread"));
        assertFalse(m.mayMatchInternalName("java/util/HashMap"));
        assertFalse(m.mayMatchClassName("jdk.internal.misc.Unsafe"));
        assertTrue(m.mayMatchClassName("java.net.Socket"), "the rest of what the pattern matches");
        assertTrue(m.mayMatchClassName("jdk.internal.net.http.HttpClientImpl"), "what the jdk-http preset weaves");
    }

    @Test
    void aPatternThatCanMatchOnlySuchClassesIsAnError() {
        NeverWoven.Problem p = NeverWoven.check(rule("java.util.concurrent.CompletableFuture"));
        assertNotNull(p);
        assertTrue(p.fatal);
        assertTrue(p.message.contains("never woven"), p.message);
        NeverWoven.Problem own = NeverWoven.check(rule("dev.tenacious.**"));
        assertTrue(own.fatal && own.message.contains("the agent's own classes"), own.message);
    }

    @Test
    void aPatternThatSpansSomeOfThemIsWarnedAbout() {
        NeverWoven.Problem p = NeverWoven.check(rule("java.**"));
        assertNotNull(p);
        assertFalse(p.fatal);
        assertTrue(p.message.contains("java.util.**") && p.message.contains("java.lang.**"), p.message);
        assertNull(NeverWoven.check(rule("javax.xml.parsers.DocumentBuilder")), "a JDK class the agent does not use");
        assertNull(NeverWoven.check(rule("com.acme.**")));
    }
}
