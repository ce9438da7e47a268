package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the starter file suggests from the failure rates and latencies seen. */
class SuggestedTest {
    @Test
    void enoughAttemptsToLeaveAboutOneCallInAThousandFailing() {
        assertEquals(0, Suggested.maxAttempts(0), "nothing failed: the default stays");
        assertEquals(2, Suggested.maxAttempts(0.01));
        assertEquals(3, Suggested.maxAttempts(0.05));
        assertEquals(5, Suggested.maxAttempts(0.22));
        assertEquals(8, Suggested.maxAttempts(0.4));
        assertEquals(8, Suggested.maxAttempts(0.6), "capped");
        assertEquals(0, Suggested.maxAttempts(0.95), "down, not flaky: no more attempts");
        for (double p : new double[] {0.01, 0.05, 0.22, 0.4}) {
            assertTrue(Suggested.oneIn(p, Suggested.maxAttempts(p)) >= 1000 || Suggested.maxAttempts(p) == Suggested.MAX_ATTEMPTS, "p " + p);
        }
    }

    @Test
    void aBudgetForTheRetriesTheRateNeeds() {
        assertEquals(0, Suggested.budgetRatio(0.1), "0.11 retries per call: the default 0.2 is enough");
        assertEquals(0.3, Suggested.budgetRatio(0.14), 1e-9);
        assertEquals(1.0, Suggested.budgetRatio(0.4), 1e-9);
        assertEquals(Suggested.MAX_RATIO, Suggested.budgetRatio(0.8), 1e-9);
        assertEquals(0, Suggested.budgetRatio(0.95));
    }

    @Test
    void aTimeoutThreeTimesTheP99AtLeastASecondRoundedUp() {
        Figures f = new Figures();
        f.latency[Latencies.bucket(40_000)] = 100; // 40 ms
        f.maxNanos = 45_000_000;
        assertEquals("1s", Suggested.timeout(f));
        f.latency[Latencies.bucket(900_000)] = 100; // 900 ms: p99
        f.maxNanos = 950_000_000;
        assertEquals("5s", Suggested.timeout(f));
    }

    @Test
    void durationsRoundUpToOneTwoOrFive() {
        assertEquals("1ms", Text.niceDuration(1));
        assertEquals("200ms", Text.niceDuration(150_000_000));
        assertEquals("1s", Text.niceDuration(600_000_000));
        assertEquals("2s", Text.niceDuration(1_000_000_001));
        assertEquals("50s", Text.niceDuration(21_000_000_000L));
    }
}
