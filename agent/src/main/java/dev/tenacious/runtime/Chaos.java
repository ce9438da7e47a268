package dev.tenacious.runtime;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.Decisions;
import dev.tenacious.runtime.policy.ChaosConfig;
import dev.tenacious.runtime.policy.Sleeper;

import java.util.concurrent.ThreadLocalRandom;

/** Decides and injects chaos faults for one attempt; counts them apart from real failures. */
final class Chaos {
    private Chaos() {
    }

    /**
     * Rolls the dice for an attempt about to start: on a hit, waits the configured delay and returns
     * the exception to throw instead of the real call (null when the fault is a delay only, or none).
     */
    static Throwable beforeAttempt(Binding b, int attempt) {
        ChaosConfig c = b.policy.chaos;
        if (c == null || ThreadLocalRandom.current().nextDouble() >= c.rate()) {
            return null;
        }
        if (c.delayNanos() > 0) {
            Decisions.record(Decision.CHAOS_DELAY, b.policy.state, b.method, attempt, null);
            try {
                Sleeper.THREAD.sleep(c.delayNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (c.throwType() == null) {
            return null;
        }
        Throwable fault = Fallbacks.instantiate(b, c.throwType(),
                "chaos: fault injected by Tenacious policy " + b.policy.name + " (settings.chaos is on)", null);
        if (fault == null) {
            return null;
        }
        if (!b.mayThrow(fault)) {
            Log.warnOnce("chaos:" + b.method, b.policy.name + ": chaos exception " + c.throwType() + " is checked and not declared by "
                    + b.method + "; only delays are injected there");
            return null;
        }
        Decisions.record(Decision.CHAOS_FAULT, b.policy.state, b.method, attempt, fault);
        return fault;
    }
}
