package dev.tenacious.runtime.limits;

import dev.tenacious.runtime.policy.BudgetConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBudgetTest {
    static int granted(RetryBudget b, BudgetConfig c, long calls, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (b.tryAcquire(c, calls)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theFloorAllowsMinPerSecondTimesTenWithNoCalls() {
        assertEquals(100, granted(new RetryBudget(), BudgetConfig.DEFAULT, 0, 1000));
    }

    @Test
    void retriesAreCappedAtRatioTimesCallsPlusTheFloor() {
        BudgetConfig c = new BudgetConfig(true, 0.2, 10);
        assertEquals(300, granted(new RetryBudget(), c, 1000, 5000), "0.2 * 1000 + 10 * 10");
        BudgetConfig noFloor = new BudgetConfig(true, 0.5, 0);
        assertEquals(50, granted(new RetryBudget(), noFloor, 100, 5000));
    }

    @Test
    void theWindowSlidesAfterTenSeconds() {
        BudgetConfig c = new BudgetConfig(true, 0.1, 0);
        RetryBudget b = new RetryBudget();
        assertEquals(10, granted(b, c, 100, 100));
        assertFalse(b.tryAcquire(c, 100));
        for (int second = 0; second < 10; second++) {
            b.tick(100); // no new calls for ten seconds: the old calls and retries leave the window
        }
        assertFalse(b.tryAcquire(c, 100), "no calls in the window, no floor");
        assertTrue(b.tryAcquire(c, 150), "50 new calls in the window allow 5 retries");
        assertEquals(4, granted(b, c, 150, 100));
    }
}
