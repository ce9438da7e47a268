package dev.tenacious.runtime;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.Clock;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import dev.tenacious.runtime.policy.Sleeper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry loop driven directly, as the woven exit advice drives it, with a fake clock and sleeper. */
class RetryExecutorTest {
    static final long MS = 1_000_000L;

    final List<Long> sleeps = new ArrayList<>();
    long now = 0;
    final Clock clock = () -> now;
    final Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        now += nanos;
    };
    final PolicyStates states = new PolicyStates();
    final RetryExecutor executor = new RetryExecutor(sleeper, clock, new Random(1));

    Policy policy(int maxAttempts, long maxDuration, BudgetConfig budget, boolean enforcing) {
        RetryConfig retry = RetryConfig.builder().maxAttempts(maxAttempts).maxDurationNanos(maxDuration)
                .backoffType(BackoffType.EXPONENTIAL).initialNanos(100 * MS).multiplier(2.0).maxNanos(10_000 * MS)
                .jitter(Jitter.NONE).budget(budget).build();
        return Policy.of(PolicyConfig.builder("p").observe(!enforcing).retry(retry).build(), states.forName("p"), false, false);
    }

    static Binding binding(Policy p, long now) {
        return Binding.of(p, "T.m()", "java.lang.String", null, now, List.of());
    }

    /** Runs one call whose every attempt fails with {@code failure}, as the woven advice drives it; returns the attempts made. */
    int callFailingWith(Policy p, Throwable failure) {
        p.state().countCall(); // what Dispatcher.enter does
        Binding b = binding(p, now);
        long token = now | 1;
        Object state = null;
        int attempts = 1;
        while ((state = executor.complete(b, 0, b, token, state, failure, null)) instanceof RetryState) {
            assertEquals(attempts + 1, ((RetryState) state).attempt);
            attempts++;
        }
        assertNull(state, "no fallback configured: the failure is thrown as is");
        return attempts;
    }

    @Test
    void transientFailuresAreRetriedUntilMaxAttemptsWithTheBackoffBetween() {
        Policy p = policy(4, 0, BudgetConfig.OFF, true);
        assertEquals(4, callFailingWith(p, new IOException("503")));
        assertEquals(List.of(100 * MS, 200 * MS, 400 * MS), sleeps);
        assertEquals(3, p.state().count(Decision.RETRY));
        assertEquals(1, p.state().count(Decision.EXHAUSTED));
    }

    @Test
    void maxAttemptsOneNeverRetries() {
        assertEquals(1, callFailingWith(policy(1, 0, BudgetConfig.OFF, true), new IOException()));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void permanentAndUnclassifiedFailuresAreNotRetried() {
        Policy p = policy(5, 0, BudgetConfig.OFF, true);
        assertEquals(1, callFailingWith(p, new UnknownHostException("x")));
        assertEquals(1, callFailingWith(p, new IllegalArgumentException("x")));
        assertEquals(1, p.state().count(Decision.PERMANENT));
        assertEquals(1, p.state().count(Decision.UNCLASSIFIED));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void noSleepIsTakenThatWouldEndPastMaxDuration() {
        // waits 100, 200, 400: the third would end at 700ms > 500ms
        Policy p = policy(10, 500 * MS, BudgetConfig.OFF, true);
        assertEquals(3, callFailingWith(p, new IOException()));
        assertEquals(List.of(100 * MS, 200 * MS), sleeps);
        assertEquals(1, p.state().count(Decision.DEADLINE));
    }

    @Test
    void observeModeCountsWhatWouldBeRetriedAndNeverRetries() {
        Policy p = policy(5, 0, BudgetConfig.OFF, false);
        assertEquals(1, callFailingWith(p, new IOException()));
        assertEquals(1, p.state().count(Decision.WOULD_RETRY));
        assertEquals(0, p.state().count(Decision.RETRY));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void anInterruptedThreadStopsAtOnceAndKeepsItsFlag() {
        Policy p = policy(5, 0, BudgetConfig.OFF, true);
        Thread.currentThread().interrupt();
        try {
            assertEquals(1, callFailingWith(p, new IOException()));
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(1, p.state().count(Decision.INTERRUPTED));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInterruptDuringBackoffStopsAndRestoresTheFlag() {
        RetryExecutor interrupting = new RetryExecutor(nanos -> {
            throw new InterruptedException();
        }, clock, new Random(1));
        Policy p = policy(5, 0, BudgetConfig.OFF, true);
        try {
            Binding b = binding(p, 0);
            assertNull(interrupting.complete(b, 0, b, 1, null, new IOException(), null));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theBudgetEndsRetriesWhenSpent() {
        Policy p = policy(3, 0, new BudgetConfig(true, 0.0, 1), true); // floor: 10 retries per window
        int attempts = 0;
        for (int i = 0; i < 20; i++) {
            attempts += callFailingWith(p, new IOException());
        }
        assertEquals(20 + 10, attempts);
        assertEquals(15, p.state().count(Decision.BUDGET), "calls 1-5 spent the 10 retries; calls 6-20 were refused once each");
    }

    @Test
    void aRetriedCallKeepsItsPolicyEvenIfAReloadRemovedIt() {
        Policy p = policy(3, 0, BudgetConfig.OFF, true);
        Binding b = binding(p, 0);
        RetryState second = (RetryState) executor.complete(b, 0, b, 1, null, new IOException(), null);
        RetryState third = (RetryState) executor.complete(null, 0, b, 1, second, new IOException(), null);
        assertEquals(3, third.attempt);
        assertNull(executor.complete(null, 0, Refusal.CIRCUIT_OPEN, 1, null, new IOException(), null),
                "a first failure whose site lost its policy ends the call");
    }
}
