package dev.tenacious.runtime;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The protocol as woven code drives it, for an application method: what the clock reads and what a deadline does. */
class DispatcherTest {
    @AfterEach
    void forget() {
        Dispatcher.publish(new Binding[0], Collections.<String>emptyList());
    }

    static Policy publish(RetryConfig retry) {
        Policy p = Policy.of(PolicyConfig.builder("p").retry(retry).build(), new PolicyStates().forName("p"), false, false);
        Dispatcher.publish(new Binding[] {Binding.of(p, "T.m()", "void", null, 0, Collections.<String>emptyList())},
                Collections.<String>emptyList());
        return p;
    }

    /** One woven call whose every attempt fails; returns the attempts made. */
    static int failingCall() {
        Object token = Dispatcher.enter(0);
        long start = Dispatcher.start(0, token);
        Object state = null;
        int attempts = 0;
        do {
            attempts++;
            state = Dispatcher.exit(0, token, start, state, new IOException("attempt " + attempts));
        } while (state != null && !(state instanceof Outcome));
        return attempts;
    }

    @Test
    void aPolicyWithAMaxDurationReadsTheClockAtEntryAndRetriesUntilTheDeadline() {
        Policy p = publish(RetryConfig.builder().maxAttempts(1000).maxDurationNanos(300_000_000L)
                .backoffType(BackoffType.FIXED).initialNanos(100_000_000L).jitter(Jitter.NONE).budget(BudgetConfig.OFF).build());
        assertNotEquals(0L, Dispatcher.start(0, Dispatcher.enter(0)), "a deadline needs the call's start");
        int attempts = failingCall();
        assertEquals(3, attempts, "100 ms apart within 300 ms: the third wait would end past the deadline");
        assertEquals(1, p.state().count(Decision.DEADLINE));
    }

    @Test
    void aPolicyWithoutOneReadsNoClockOnTheHappyPath() {
        publish(RetryConfig.builder().maxAttempts(2).jitter(Jitter.NONE).budget(BudgetConfig.OFF).build());
        Object token = Dispatcher.enter(0);
        assertEquals(0L, Dispatcher.start(0, token));
        assertNull(Dispatcher.exit(0, token, 0L, null, null), "a first-time success: nothing to do");
    }
}
