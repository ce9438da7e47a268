package dev.tenacious.weaving;

import dev.tenacious.config.PolicyFile;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.NotRerunnable;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.PolicyConfig;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy file would weave in a set of classes, found without loading or running any of them:
 * the class files are read with the same matcher and the same weaving rules the agent uses. Which
 * classes a class path holds (jars, directories, a Spring Boot jar's nested ones) is the command
 * line's business ({@code cli.ClassPath}).
 */
public final class WeavingPlan {
    /** Per policy name, the methods it would weave. */
    public final Map<String, List<String>> methodsByPolicy = new LinkedHashMap<String, List<String>>();
    /** Per policy name, how each preset it names stacks with its library's own retries. */
    public final Map<String, List<String>> stackingByPolicy = new LinkedHashMap<String, List<String>>();
    /** Plain patterns refused on a class whose methods cannot be re-run in place, with what to weave instead. */
    public final List<String> refused = new ArrayList<String>();
    /** Rules (with their position) that match no method in the class path. */
    public final List<String> unmatchedRules = new ArrayList<String>();
    /** Methods more than one policy matches: method, then the policies in order (the first wins). */
    public final Map<String, List<String>> overlaps = new LinkedHashMap<String, List<String>>();
    public int classesRead;

    /**
     * @param classNames the binary names of the classes to consider
     * @param classFiles finds their class files and their supertypes' (the JDK's are added)
     */
    public static WeavingPlan of(PolicyFile file, Collection<String> classNames, ClassFileLocator classFiles) {
        ActivePolicies active = ActivePolicies.compile(file, new PolicyStates());
        PolicyMatcher matcher = active.matcher();
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(classFiles,
                ClassFileLocator.ForClassLoader.ofSystemLoader())); // JDK supertypes
        WeavingPlan plan = new WeavingPlan();
        for (int i = 0; i < active.size(); i++) {
            PolicyConfig p = active.policy(i).config();
            plan.methodsByPolicy.put(p.name(), new ArrayList<String>());
            plan.stackingByPolicy.put(p.name(), Presets.stacking(p.rules(), p.retry().maxAttempts()));
        }
        Map<MatchRule, Boolean> used = new IdentityHashMap<MatchRule, Boolean>();
        for (String name : classNames) {
            plan.classesRead++;
            if (!matcher.mayMatchClassName(name)) {
                continue;
            }
            for (MatchRule r : matcher.refusedRules(name)) {
                plan.refused.add(r.where() + ": " + r + " names " + name + ", which is not woven: " + NotRerunnable.reason(name));
            }
            TypePool.Resolution resolution = pool.describe(name);
            if (!resolution.isResolved()) {
                continue;
            }
            TypeDescription type = resolution.resolve();
            if (type.isAnnotation() || !matcher.mayMatchType(new DescribedMethod(type, null))) {
                continue;
            }
            for (MethodDescription m : type.getDeclaredMethods()) {
                if (!Weaver.isWeavable(m)) {
                    continue;
                }
                DescribedMethod candidate = new DescribedMethod(type, m);
                List<Integer> policies = matcher.matchAll(candidate);
                if (policies.isEmpty()) {
                    continue;
                }
                String method = SiteRegistry.describe(candidate);
                plan.methodsByPolicy.get(active.policy(policies.get(0)).name()).add(method);
                for (Integer p : policies) {
                    for (MatchRule r : matcher.rulesByPolicy().get(p)) {
                        if (r.matches(candidate)) {
                            used.put(r, Boolean.TRUE);
                        }
                    }
                }
                if (policies.size() > 1) {
                    List<String> names2 = new ArrayList<String>();
                    for (Integer p : policies) {
                        names2.add(active.policy(p).name());
                    }
                    plan.overlaps.put(method, names2);
                }
            }
        }
        for (List<MatchRule> rules : matcher.rulesByPolicy()) {
            for (MatchRule r : rules) {
                if (!used.containsKey(r)) {
                    plan.unmatchedRules.add(r.where() + ": " + r);
                }
            }
        }
        return plan;
    }
}
