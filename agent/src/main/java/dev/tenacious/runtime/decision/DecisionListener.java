package dev.tenacious.runtime.decision;

/**
 * Hears every {@link Decision}, in the thread that made it, right after it is counted. Listeners run
 * on the failure path of the application's calls, so they must be quick and must not throw (an error
 * is caught and logged once, and the call goes on).
 */
public interface DecisionListener {
    /**
     * @param decision what was decided
     * @param policy   the policy's state (its name and counters)
     * @param method   the woven method, {@code Class.method(params)}
     * @param attempt  the attempt the decision follows (1 for the first; 0 for a call refused at entry)
     * @param failure  the attempt's failure, or null (a success, a refusal)
     * @param delayNanos the backoff before the next attempt ({@link Decision#RETRY}), else 0
     * @param detail   why, in words, where the decision has a reason of its own (a preset rule), else null
     */
    void decided(Decision decision, PolicyState policy, String method, int attempt, Throwable failure, long delayNanos,
                 String detail);
}
