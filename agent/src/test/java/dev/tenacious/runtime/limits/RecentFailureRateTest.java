package dev.tenacious.runtime.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adaptive backoff's inputs: the policy's recent failure rate and the stretch it gives. */
class RecentFailureRateTest {
    @Test
    void theStretchIsOneOverOneMinusTheFailureRateUpToTenfold() {
        assertEquals(1.0, RecentFailureRate.stretch(0.0));
        assertEquals(1.25, RecentFailureRate.stretch(0.2), 1e-9);
        assertEquals(2.0, RecentFailureRate.stretch(0.5), 1e-9);
        assertEquals(10.0, RecentFailureRate.stretch(1.0), 1e-9, "at most 10x");
    }

    @Test
    void theRecentFailureRateFollowsTheLastTenSeconds() {
        RecentFailureRate r = new RecentFailureRate();
        for (int i = 0; i < 50; i++) {
            r.recordFailure();
        }
        assertEquals(0.5, r.rate(100), 1e-9);
        for (int second = 0; second < 10; second++) {
            r.tick(100); // ten quiet seconds: the old attempts leave the window
        }
        assertEquals(0.0, r.rate(100));
        assertEquals(0.0, r.rate(200), "100 new attempts, none failed");
        for (int i = 0; i < 10; i++) {
            r.recordFailure();
        }
        assertEquals(0.1, r.rate(200), 1e-9);
    }
}
