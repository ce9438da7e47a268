package dev.tenacious.weaving;

import dev.tenacious.config.PolicyFile;
import dev.tenacious.discover.Discovery;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.Policy;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.PolicyConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One valid policy file in force: its matcher and, per policy, the runtime {@link Policy} (its
 * configuration paired with the state kept under its name). Immutable; a reload builds a new one.
 */
public final class ActivePolicies {
    private final PolicyFile file;
    private final PolicyMatcher matcher;
    private final Policy[] byIndex;

    private ActivePolicies(PolicyFile file, PolicyMatcher matcher, Policy[] byIndex) {
        this.file = file;
        this.matcher = matcher;
        this.byIndex = byIndex;
    }

    public static ActivePolicies compile(PolicyFile file, PolicyStates states) {
        List<List<MatchRule>> rules = new ArrayList<List<MatchRule>>();
        Policy[] policies = new Policy[file.policies().size()];
        boolean applicationMethods = false;
        for (int i = 0; i < policies.length; i++) {
            PolicyConfig p = file.policies().get(i);
            rules.add(p.rules());
            policies[i] = Policy.of(p, states.forName(p.name()), file.settings().dryRun(), file.settings().chaos());
            for (MatchRule r : p.rules()) {
                applicationMethods |= r.preset() == null;
            }
        }
        // an application method's policy is told what its HTTP requests saw: their libraries are watched;
        // discovery (started before the first compile, from the start-up file only) watches every
        // library's calls, JDBC's included, for as long as it runs
        boolean discovering = Discovery.isRunning();
        List<MatchRule> watch = discovering ? Presets.watchRules("watched for discovery", true)
                : applicationMethods ? Presets.watchRules("watched for woven methods", false)
                : Collections.<MatchRule>emptyList();
        return new ActivePolicies(file, new PolicyMatcher(rules, watch), policies);
    }

    public PolicyFile file() {
        return file;
    }

    public PolicyMatcher matcher() {
        return matcher;
    }

    public Policy policy(int index) {
        return byIndex[index];
    }

    public int size() {
        return byIndex.length;
    }

    /** Drops per-method and per-host breakers whose method has no live site any more (its class was unloaded). */
    public void pruneKeyedBreakers(java.util.Set<String> liveMethods) {
        for (Policy p : byIndex) {
            p.state().retainKeyedBreakers(liveMethods);
        }
    }

    /** The states of the policies in force, in file order (for the summary line). */
    public List<PolicyState> states() {
        List<PolicyState> states = new ArrayList<PolicyState>();
        for (Policy p : byIndex) {
            states.add(p.state());
        }
        return Collections.unmodifiableList(states);
    }
}
