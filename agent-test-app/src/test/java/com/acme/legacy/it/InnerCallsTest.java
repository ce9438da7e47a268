package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a woven application method's HttpURLConnection requests tell its policy: the method turns every
 * answer into an IOException of its own, and the statuses its requests got decide whether it is retried.
 */
class InnerCallsTest extends BlackBoxTest {
    static final String FETCH = RetryBehaviourTest.FETCH;

    Path policy(String extra) throws Exception {
        return AppJvm.policy(dir, RetryBehaviourTest.policy(FETCH,
                "      maxAttempts: 4\n      backoff: { initial: 20ms, max: 2s }\n" + extra));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFourHundredWrappedInAnIOExceptionIsNotRetried(Jdk jdk) throws Exception {
        server.script("/bad", Script.always(400));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "fetch", server.baseUrl(), "/bad");
        assertEquals("CAUGHT com.acme.legacy.client.BadRequestException HTTP 400 from /bad", r.call(1), r::toString);
        assertEquals(1, server.count("/bad"), "the 400 the request got makes the failure permanent");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aFiveOhThreeIsRetriedWhateverTheMethodThrows(Jdk jdk) throws Exception {
        server.script("/flaky", Script.failTimes(2, 503));
        AppJvm.Result r = AppJvm.run(jdk, policy("      retryOn: [java.lang.IllegalArgumentException]\n"), "fetch",
                server.baseUrl(), "/flaky");
        assertEquals("OK ok /flaky", r.call(1), r::toString);
        assertEquals(3, server.count("/flaky"), "the 503 makes the IOException transient even though retryOn omits it");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aTooManyRequestsRetryAfterReplacesTheBackoff(Jdk jdk) throws Exception {
        server.script("/busy", Script.sequence(Step.tooManyRequests("1"), Step.ok()));
        AppJvm.Result r = AppJvm.run(jdk, policy(""), "fetch", server.baseUrl(), "/busy");
        assertEquals("OK ok /busy", r.call(1), r::toString);
        List<Long> arrivals = server.arrivals("/busy");
        assertEquals(2, arrivals.size());
        long gapMs = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        assertTrue(gapMs >= 950, "Retry-After: 1 waited, not the 20 ms backoff: " + gapMs + " ms");
    }
}
