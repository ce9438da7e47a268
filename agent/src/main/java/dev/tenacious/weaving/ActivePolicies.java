package dev.tenacious.weaving;

import dev.tenacious.config.PolicyDefinition;
import dev.tenacious.config.PolicyFile;
import dev.tenacious.config.RetryDefinition;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.runtime.Clock;
import dev.tenacious.runtime.ExceptionClassifier;
import dev.tenacious.runtime.PolicyStates;
import dev.tenacious.runtime.RetryPolicy;

import java.util.ArrayList;
import java.util.List;

/** One valid policy file compiled for use: its matcher and a runtime {@link RetryPolicy} per policy. Immutable. */
public final class ActivePolicies {
    private final PolicyFile file;
    private final PolicyMatcher matcher;
    private final RetryPolicy[] byIndex;

    private ActivePolicies(PolicyFile file, PolicyMatcher matcher, RetryPolicy[] byIndex) {
        this.file = file;
        this.matcher = matcher;
        this.byIndex = byIndex;
    }

    public static ActivePolicies compile(PolicyFile file, PolicyStates states, Clock clock) {
        List<List<MatchRule>> rules = new ArrayList<List<MatchRule>>();
        RetryPolicy[] policies = new RetryPolicy[file.policies().size()];
        for (int i = 0; i < policies.length; i++) {
            PolicyDefinition p = file.policies().get(i);
            rules.add(p.rules());
            RetryDefinition r = p.retry();
            policies[i] = new RetryPolicy(p.name(), !p.observe(), r.maxAttempts(), r.maxDurationNanos(), r.backoff(),
                    new ExceptionClassifier(r.retryOn(), r.abortOn(), r.causes()), r.budget(),
                    states.forName(p.name()), clock, p.circuitBreaker(), p.bulkhead(), p.fallback(), r.adaptive(),
                    file.settings().chaos() && !p.observe() ? p.chaos() : null,
                    p.http() != null ? p.http() : dev.tenacious.runtime.HttpConfig.DEFAULT,
                    r.abortOnGiven() ? r.abortOn() : null);
        }
        return new ActivePolicies(file, new PolicyMatcher(rules), policies);
    }

    public PolicyFile file() {
        return file;
    }

    public PolicyMatcher matcher() {
        return matcher;
    }

    public RetryPolicy policy(int index) {
        return byIndex[index];
    }

    public int size() {
        return byIndex.length;
    }
}
