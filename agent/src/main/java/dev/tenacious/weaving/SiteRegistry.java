package dev.tenacious.weaving;

import dev.tenacious.log.Log;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.MethodCandidate;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.Binding;
import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Policy;
import dev.tenacious.runtime.Sites;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each woven method a site id and keeps the site table the {@link Dispatcher} reads. A site is
 * keyed by class, method name and descriptor, so re-weaving a class (or the same class in another
 * class loader) reuses its id. The policy of a site is resolved from the current {@link ActivePolicies}
 * whenever either changes, and the whole table is published in one step.
 *
 * <p>A site holds names only, and its class loader weakly, so it never keeps an undeployed
 * application's classes alive; once that loader is collected the site is released (its binding,
 * breaker and MBean go) and its id is given to the next method woven.
 */
public final class SiteRegistry {
    private final Map<String, Integer> idsByKey = new HashMap<String, Integer>();
    private final List<Site> sites = new ArrayList<Site>();
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<Integer>();
    private final Map<MatchRule, Integer> methodsByRule = new IdentityHashMap<MatchRule, Integer>();
    private Binding[] table = new Binding[0];
    private volatile ActivePolicies active;

    /** What the registry keeps of a woven method: its names, and its class loader weakly. */
    private static final class Site {
        final String key;
        final NamedMethod method;
        final String returnType;
        final List<String> declared;
        WeakReference<ClassLoader> loader;
        /** Woven in a class loader other than the bootstrap one: its site goes when that loader does. */
        boolean unloadable;

        Site(String key, NamedMethod method, String returnType, List<String> declared, ClassLoader loader) {
            this.key = key;
            this.method = method;
            this.returnType = returnType;
            this.declared = declared;
            at(loader);
        }

        void at(ClassLoader l) {
            loader = new WeakReference<ClassLoader>(l);
            unloadable = l != null;
        }

        boolean unloaded() {
            return unloadable && loader.get() == null;
        }
    }

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
            Site s = sites.get(existing);
            if (s.unloaded()) { // the class again, in a new loader (a redeploy): bind the site there
                s.at(loader);
                rebuild();
            }
            return existing;
        }
        Site site = new Site(key, new NamedMethod(candidate), returnType, declared, loader);
        int id;
        if (freeIds.isEmpty()) {
            id = sites.size();
            sites.add(site);
            Binding[] bigger = new Binding[id + 1];
            System.arraycopy(table, 0, bigger, 0, table.length);
            table = bigger;
        } else {
            id = freeIds.poll();
            sites.set(id, site);
            table = table.clone();
        }
        idsByKey.put(key, id);
        Sites.name(id, describe(site.method));
        table[id] = bind(id, true);
        if (table[id] != null) {
            Dispatcher.woven(className, candidate.methodName());
        }
        Dispatcher.publish(table, null);
        return id;
    }

    /** Re-resolves every site against new policies (reload), publishing the new table atomically. */
    public synchronized void apply(ActivePolicies policies) {
        active = policies;
        rebuild();
    }

    /**
     * Releases the sites of classes whose class loader has been collected (an undeployed web
     * application): their bindings go, and their ids are reused. Run in the background.
     *
     * @return how many sites were released
     */
    public synchronized int releaseUnloaded() {
        int released = 0;
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            if (s != null && s.unloaded()) {
                idsByKey.remove(s.key);
                sites.set(i, null);
                freeIds.add(i);
                released++;
            }
        }
        if (released > 0) {
            rebuild();
            Log.debug("released " + released + (released == 1 ? " site" : " sites") + " of unloaded classes");
        }
        return released;
    }

    /** Frees the site of a method that turned out not to be woven after all (its code too large). */
    public synchronized void forget(String className, String methodName, String descriptor) {
        Integer id = idsByKey.remove(className + "#" + methodName + descriptor);
        if (id != null) {
            sites.set(id, null);
            freeIds.add(id);
            rebuild();
        }
    }

    private void rebuild() {
        methodsByRule.clear();
        Binding[] next = new Binding[sites.size()];
        Set<String> frames = new HashSet<String>();
        for (int i = 0; i < next.length; i++) {
            next[i] = sites.get(i) == null ? null : bind(i, false);
            if (next[i] != null) {
                frames.add(Dispatcher.frameKey(sites.get(i).method.className(), sites.get(i).method.methodName()));
            }
        }
        table = next;
        Dispatcher.publish(table, frames);
    }

    /** The method's {@code Class.method(params)} of every live site with a policy, for pruning per-method state. */
    public synchronized Set<String> liveMethods() {
        Set<String> live = new HashSet<String>();
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i) != null && table[i] != null) {
                live.add(describe(sites.get(i).method));
            }
        }
        return live;
    }

    private Binding bind(int id, boolean log) {
        Site site = sites.get(id);
        PolicyMatcher.Match match = active.matcher().match(site.method);
        if (match == null) {
            return null;
        }
        Integer n = methodsByRule.get(match.rule);
        methodsByRule.put(match.rule, n == null ? 1 : n + 1);
        if (match.policyIndex == PolicyMatcher.Match.WATCH) {
            if (log && Log.isDebug()) {
                Log.debug("watching " + describe(site.method) + " for the woven methods that call it");
            }
            return Binding.ofPreset(Presets.forTarget(match.rule.preset()), Collections.<Policy>emptyList(),
                    describe(site.method), site.returnType, site.loader.get(), System.nanoTime(), site.declared);
        }
        Policy p = active.policy(match.policyIndex);
        if (log && Log.isDebug()) {
            Log.debug(p.name() + ": wove " + describe(site.method));
        }
        if (match.rule.preset() != null) {
            return Binding.ofPreset(Presets.forName(match.rule.preset()), presetPolicies(site.method, match.rule.preset()),
                    describe(site.method), site.returnType, site.loader.get(), System.nanoTime(), site.declared);
        }
        return Binding.of(p, describe(site.method), site.returnType, site.loader.get(), System.nanoTime(), site.declared);
    }

    /** Every policy that weaves the method through this preset, in file order: a call takes the first whose hosts match. */
    private List<Policy> presetPolicies(MethodCandidate candidate, String preset) {
        List<Policy> policies = new ArrayList<Policy>();
        List<List<MatchRule>> rules = active.matcher().rulesByPolicy();
        for (int i = 0; i < rules.size(); i++) {
            for (MatchRule r : rules.get(i)) {
                if (preset.equals(r.preset()) && r.matches(candidate)) {
                    policies.add(active.policy(i));
                    if (policies.size() > 1) { // the first one's rule is counted by bind
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
        Map<String, Integer> counts = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            if (s != null && s.method.className().equals(className) && table[i] != null && !table[i].watchOnly()) {
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
