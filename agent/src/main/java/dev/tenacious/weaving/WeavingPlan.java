package dev.tenacious.weaving;

import dev.tenacious.config.PolicyFile;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.runtime.decision.PolicyStates;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a policy file would weave in a class path, found without loading or running any class: the
 * class files are read with the same matcher and the same weaving rules the agent uses.
 */
public final class WeavingPlan {
    /** Per policy name, the methods it would weave. */
    public final Map<String, List<String>> methodsByPolicy = new LinkedHashMap<String, List<String>>();
    /** Rules (with their position) that match no method in the class path. */
    public final List<String> unmatchedRules = new ArrayList<String>();
    /** Methods more than one policy matches: method, then the policies in order (the first wins). */
    public final Map<String, List<String>> overlaps = new LinkedHashMap<String, List<String>>();
    public int classesRead;

    public static WeavingPlan of(PolicyFile file, List<File> classPath) throws IOException {
        ActivePolicies active = ActivePolicies.compile(file, new PolicyStates());
        PolicyMatcher matcher = active.matcher();
        List<ClassFileLocator> locators = new ArrayList<ClassFileLocator>();
        TreeSet<String> names = new TreeSet<String>();
        for (File entry : classPath) {
            if (entry.isDirectory()) {
                locators.add(new ClassFileLocator.ForFolder(entry));
                collect(entry.toPath(), names);
            } else if (entry.isFile()) {
                locators.add(ClassFileLocator.ForJarFile.of(entry));
                try (JarFile jar = new JarFile(entry)) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String n = e.nextElement().getName();
                        if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
                            names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                        }
                    }
                }
            }
        }
        locators.add(ClassFileLocator.ForClassLoader.ofSystemLoader()); // JDK supertypes
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(locators));
        WeavingPlan plan = new WeavingPlan();
        for (int i = 0; i < active.size(); i++) {
            plan.methodsByPolicy.put(active.policy(i).name(), new ArrayList<String>());
        }
        Map<MatchRule, Boolean> used = new IdentityHashMap<MatchRule, Boolean>();
        for (String name : names) {
            plan.classesRead++;
            if (!matcher.mayMatchClassName(name)) {
                continue;
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

    private static void collect(Path root, TreeSet<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
                    .forEach(p -> {
                        String relative = root.relativize(p).toString();
                        names.add(relative.substring(0, relative.length() - 6).replace(File.separatorChar, '.'));
                    });
        }
    }
}
