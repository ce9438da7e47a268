package dev.tenacious.weaving;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.MethodCandidate;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.log.Log;
import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.Binding;
import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Policy;
import dev.tenacious.runtime.Sites;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each woven method a site id and keeps the site table the {@link Dispatcher} reads. A site is
 * keyed by class, method name and descriptor, so re-weaving a class (or the same class in another
 * class loader) reuses its id. The policy of a site is resolved from the current {@link ActivePolicies}
 * whenever either changes, and the whole table is published in one step.
 */
public final class SiteRegistry {
    private final Map<String, Integer> idsByKey = new HashMap<String, Integer>();
    private final List<MethodCandidate> candidates = new ArrayList<MethodCandidate>();
    private final List<String> returnTypes = new ArrayList<String>();
    private final List<List<String>> declaredExceptions = new ArrayList<List<String>>();
    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<WeakReference<ClassLoader>>();
    private final Map<MatchRule, Integer> methodsByRule = new IdentityHashMap<MatchRule, Integer>();
    private Binding[] table = new Binding[0];
    private volatile ActivePolicies active;

    public SiteRegistry(ActivePolicies active) {
        this.active = active;
    }

    public ActivePolicies active() {
        return active;
    }

    public PolicyMatcher matcher() {
        return active.matcher();
    }

    /**
     * Registers a method being woven and returns its site id.
     *
     * @param returnType the declared return type, as written in Java
     * @param loader     the class loader of the class being woven (null: bootstrap)
     * @param declared   the exception types the method declares, by name
     */
    public synchronized int register(String className, String methodName, String descriptor, MethodCandidate candidate,
                                     String returnType, ClassLoader loader, List<String> declared) {
        String key = className + "#" + methodName + descriptor;
        Integer existing = idsByKey.get(key);
        if (existing != null) {
            return existing;
        }
        int id = candidates.size();
        idsByKey.put(key, id);
        candidates.add(candidate);
        returnTypes.add(returnType);
        declaredExceptions.add(declared);
        loaders.add(new WeakReference<ClassLoader>(loader));
        Sites.name(id, describe(candidate));
        Binding[] bigger = new Binding[id + 1];
        System.arraycopy(table, 0, bigger, 0, table.length);
        bigger[id] = resolve(id, true);
        table = bigger;
        if (bigger[id] != null) {
            Dispatcher.woven(className, candidate.methodName());
        }
        Dispatcher.publish(table, null);
        return id;
    }

    /** Re-resolves every site against new policies (reload), publishing the new table atomically. */
    public synchronized void apply(ActivePolicies policies) {
        active = policies;
        methodsByRule.clear();
        Binding[] next = new Binding[candidates.size()];
        for (int i = 0; i < next.length; i++) {
            next[i] = resolve(i, false);
        }
        table = next;
        Set<String> frames = new HashSet<String>();
        for (int i = 0; i < table.length; i++) {
            if (table[i] != null) {
                frames.add(Dispatcher.frameKey(candidates.get(i).className(), candidates.get(i).methodName()));
            }
        }
        Dispatcher.publish(table, frames);
    }

    private Binding resolve(int site, boolean log) {
        MethodCandidate candidate = candidates.get(site);
        PolicyMatcher.Match match = active.matcher().match(candidate);
        if (match == null) {
            return null;
        }
        Integer n = methodsByRule.get(match.rule);
        methodsByRule.put(match.rule, n == null ? 1 : n + 1);
        Policy p = active.policy(match.policyIndex);
        if (log && Log.isDebug()) {
            Log.debug(p.name() + ": wove " + describe(candidate));
        }
        if (match.rule.preset() != null) {
            return Binding.ofPreset(Presets.forName(match.rule.preset()), presetPolicies(candidate, match.rule.preset()),
                    describe(candidate), returnTypes.get(site), loaders.get(site).get(), System.nanoTime(),
                    declaredExceptions.get(site));
        }
        return Binding.of(p, describe(candidate), returnTypes.get(site), loaders.get(site).get(), System.nanoTime(),
                declaredExceptions.get(site));
    }

    /** Every policy that weaves the method through this preset, in file order: a call takes the first whose hosts match. */
    private List<Policy> presetPolicies(MethodCandidate candidate, String preset) {
        List<Policy> policies = new ArrayList<Policy>();
        List<List<MatchRule>> rules = active.matcher().rulesByPolicy();
        for (int i = 0; i < rules.size(); i++) {
            for (MatchRule r : rules.get(i)) {
                if (preset.equals(r.preset()) && r.matches(candidate)) {
                    policies.add(active.policy(i));
                    if (policies.size() > 1) { // the first one's rule is counted by resolve
                        Integer n = methodsByRule.get(r);
                        methodsByRule.put(r, n == null ? 1 : n + 1);
                    }
                    break;
                }
            }
        }
        return policies;
    }

    static String describe(MethodCandidate m) {
        return m.className() + "." + m.methodName() + "(" + join(m.parameterTypeNames()) + ")";
    }

    /** Methods woven for each policy, by policy index. */
    public synchronized int[] methodsPerPolicy() {
        int[] counts = new int[active.size()];
        List<List<MatchRule>> rules = active.matcher().rulesByPolicy();
        for (int i = 0; i < rules.size(); i++) {
            for (MatchRule r : rules.get(i)) {
                Integer n = methodsByRule.get(r);
                counts[i] += n == null ? 0 : n;
            }
        }
        return counts;
    }

    /** Rules that have matched no woven method so far. */
    public synchronized List<MatchRule> unmatchedRules() {
        List<MatchRule> unmatched = new ArrayList<MatchRule>();
        for (List<MatchRule> rules : active.matcher().rulesByPolicy()) {
            for (MatchRule r : rules) {
                if (!methodsByRule.containsKey(r)) {
                    unmatched.add(r);
                }
            }
        }
        return Collections.unmodifiableList(unmatched);
    }

    /** Woven methods of one class, per policy name, for the log line after a class is woven. */
    public synchronized Map<String, Integer> policiesOfClass(String className) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<String, Integer>();
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).className().equals(className) && table[i] != null) {
                String name = table[i].policy().name();
                Integer n = counts.get(name);
                counts.put(name, n == null ? 1 : n + 1);
            }
        }
        return counts;
    }

    static String join(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(names.get(i));
        }
        return b.toString();
    }
}
