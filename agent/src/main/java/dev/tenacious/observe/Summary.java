package dev.tenacious.observe;

import dev.tenacious.runtime.PolicyState;
import dev.tenacious.weaving.ActivePolicies;
import dev.tenacious.weaving.SiteRegistry;

/** The periodic one-line-per-policy summary ({@code settings.summaryEvery}). */
public final class Summary implements Runnable {
    private final SiteRegistry registry;

    public Summary(SiteRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        ActivePolicies active = registry.active();
        for (int i = 0; i < active.size(); i++) {
            Log.info("summary " + line(active.policy(i).state()));
        }
    }

    /** Counters of one policy, as {@code name: N calls, ...}. */
    public static String line(PolicyState s) {
        return s.name() + ": " + s.calls() + " calls, " + s.retries() + " retries, "
                + s.recovered() + " recovered, " + s.exhausted() + " exhausted, " + s.aborted() + " aborted, "
                + s.unclassified() + " unclassified, "
                + (s.vetoed() > 0 ? s.vetoed() + " not retryable (preset rule), " : "")
                + s.budgetRejected() + " refused by budget, "
                + s.deadlineReached() + " past maxDuration, " + s.interrupted() + " interrupted, "
                + s.wouldRetry() + " would retry (observe)"
                + (s.chaosFaults() + s.chaosDelays() > 0 ? ", chaos: " + s.chaosFaults() + " faults and " + s.chaosDelays()
                + " delays injected" : "");
    }
}
