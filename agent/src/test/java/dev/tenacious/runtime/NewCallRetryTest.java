package dev.tenacious.runtime;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.DecisionListener;
import dev.tenacious.runtime.decision.Decisions;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A preset whose call object is single-use (as OkHttp's {@code Call}) is retried through new calls,
 * driven here through the woven protocol exactly as woven code drives it; and every decision on the
 * way reaches the decision listeners.
 */
class NewCallRetryTest {
    /** Executes once; a second execute fails as OkHttp's does. */
    static final class OneShotCall {
        static int made;
        static int failures;
        final int number = ++made;
        boolean executed;

        String execute() throws IOException {
            if (executed) {
                throw new IllegalStateException("Already Executed");
            }
            executed = true;
            if (number <= failures) {
                throw new IOException("call " + number + " failed");
            }
            return "ok on call " + number;
        }
    }

    static final class OneShotPreset extends Preset {
        OneShotPreset() {
            super("one-shot");
        }

        @Override
        public Reissue reissue() {
            return Reissue.NEW_CALL;
        }

        @Override
        public Object invokeAgain(Object self, Object a0, Object a1) throws Throwable {
            return new OneShotCall().execute(); // the clone
        }
    }

    final List<String> heard = new ArrayList<String>();
    final DecisionListener listener = new DecisionListener() {
        @Override
        public void decided(Decision d, PolicyState policy, String method, int attempt, Throwable failure, long delayNanos,
                            String detail) {
            heard.add(d + "@" + attempt);
        }
    };

    @AfterEach
    void forget() {
        Decisions.removeListener(listener);
        Dispatcher.publish(new Binding[0], Collections.<String>emptyList());
    }

    /** Publishes one preset site, 0, with a policy of 4 attempts 1 ms apart. */
    static Policy publishSite() {
        RetryConfig retry = RetryConfig.builder().maxAttempts(4).backoffType(BackoffType.FIXED).initialNanos(1_000_000L)
                .jitter(Jitter.NONE).budget(BudgetConfig.OFF).build();
        Policy p = Policy.of(PolicyConfig.builder("one-shot").retry(retry).build(), new PolicyStates().forName("one-shot"),
                false, false);
        Binding site = Binding.ofPreset(new OneShotPreset(), Collections.singletonList(p), "OneShotCall.execute()",
                "java.lang.String", null, 0, Collections.<String>emptyList());
        Dispatcher.publish(new Binding[] {site}, Collections.<String>emptyList());
        return p;
    }

    /** What woven code does around {@code call.execute()}: enter, the body once, exit. */
    static Object wovenExecute(OneShotCall call) {
        Object token = Dispatcher.enter(0, call, null, null);
        long start = Dispatcher.start(0, token);
        Object returned = null;
        Throwable thrown = null;
        if (!Dispatcher.skips(token)) {
            try {
                returned = call.execute();
            } catch (Throwable t) {
                thrown = t;
            }
        }
        return Dispatcher.exit(0, token, start, null, thrown, returned);
    }

    @Test
    void aSingleUseCallIsRetriedThroughNewCallsAndTheLastOneAnswers() {
        Decisions.addListener(listener);
        Policy p = publishSite();
        OneShotCall.made = 0;
        OneShotCall.failures = 2;
        Object next = wovenExecute(new OneShotCall());
        Outcome outcome = assertInstanceOf(Outcome.class, next, "the woven method's result is replaced");
        assertNull(outcome.thrown);
        assertEquals("ok on call 3", outcome.value);
        assertEquals(3, OneShotCall.made, "one original call and two new ones, each executed once");
        assertEquals(List.of("RETRY@1", "RETRY@2", "RECOVERED@3"), heard);
        assertEquals(2, p.state().count(Decision.RETRY));
        assertEquals(1, p.state().count(Decision.RECOVERED));
    }

    @Test
    void whenNewCallsRunOutTheCallerGetsTheLastCallsOwnException() {
        Decisions.addListener(listener);
        publishSite();
        OneShotCall.made = 0;
        OneShotCall.failures = 10;
        Outcome outcome = assertInstanceOf(Outcome.class, wovenExecute(new OneShotCall()));
        assertInstanceOf(IOException.class, outcome.thrown);
        assertEquals("call 4 failed", outcome.thrown.getMessage());
        assertEquals(List.of("RETRY@1", "RETRY@2", "RETRY@3", "EXHAUSTED@4"), heard);
    }

    @Test
    void aCallThatSucceedsFirstTimeIsLeftAlone() {
        publishSite();
        OneShotCall.made = 0;
        OneShotCall.failures = 0;
        assertSame(null, wovenExecute(new OneShotCall()), "nothing replaces a first-time success");
        assertEquals(1, OneShotCall.made);
    }
}
