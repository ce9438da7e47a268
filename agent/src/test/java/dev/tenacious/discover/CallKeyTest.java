package dev.tenacious.discover;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which calls are walked, and where the others are charged. */
class CallKeyTest {
    static final Site A = new Site(new AppFrame("com.acme.A", "a"), AppFrame.NONE);
    static final Site B = new Site(new AppFrame("com.acme.B", "b"), AppFrame.NONE);

    final CallKey key = new CallKey(Dependency.http("h", 80), null);

    int walks(int calls, long callNanos) {
        int n = 0;
        for (int i = 0; i < calls; i++) {
            if (key.shouldWalk(callNanos)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theFirstCallsAreWalkedThenOnlyWhatTheCallsTimePaysFor() {
        key.walkCost(50_000);
        assertEquals(CallKey.FIRST_WALKS, walks(CallKey.FIRST_WALKS, 0));
        key.walked(A);
        // 100 us calls, walks of about 50 us: 1% of the calls' time is one walk in 50 calls
        int walked = walks(10_000, 100_000);
        assertTrue(walked >= 150 && walked <= 260, walked + " walks in 10,000 calls");
    }

    @Test
    void cheapCallsAreStillWalkedOnceInAWhile() {
        walks(CallKey.FIRST_WALKS, 0);
        assertEquals(10_000 / CallKey.MIN_WALK_EVERY, walks(10_000, 1_000), "one in " + CallKey.MIN_WALK_EVERY);
    }

    @Test
    void callsBetweenWalksGoToTheOnlyMethodFoundThenAreSharedOutOnceThereAreSeveral() {
        CallStats a = key.walked(A);
        assertSame(a, key.unwalked());
        key.walked(B);
        assertTrue(key.ambiguous());
        assertEquals(CallKey.AMBIGUOUS_WALKS, walks(CallKey.AMBIGUOUS_WALKS, 0), "walked in a row once ambiguous");
        dev.tenacious.runtime.Exchange x = new dev.tenacious.runtime.Exchange();
        x.http("GET", false, true, "h", 80, 200, -1);
        for (int i = 0; i < 3; i++) {
            key.walked(A).sampled(-1, -1);
            key.walked(A).record(x, 1000, null, Outcomes.OK, null);
        }
        key.walked(B).sampled(-1, -1);
        key.walked(B).record(x, 1000, null, Outcomes.OK, null);
        for (int i = 0; i < 40; i++) {
            key.unwalked().record(x, 1000, null, Outcomes.OK, null);
        }
        Map<Site, Figures> f = key.figures();
        assertEquals(3 + 30, f.get(A).calls);
        assertEquals(1 + 10, f.get(B).calls);
        assertTrue(f.get(A).estimated);
        assertEquals(44, key.total().calls);
    }
}
