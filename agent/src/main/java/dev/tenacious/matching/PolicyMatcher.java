package dev.tenacious.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * All policies' match rules, in file order: a method gets the first policy with a rule that matches
 * it; after them, the watch rules (the library methods woven only to tell the woven application
 * methods around them what their calls saw). The class-name check is what every class load pays, so
 * it is a literal-prefix test and a glob walk, and it refuses JDK classes unless a rule names a JDK
 * package explicitly, and always those the agent runs on ({@link NeverWoven}). A plain pattern never
 * weaves a class whose methods cannot be re-run in place ({@link NotRerunnable}).
 */
public final class PolicyMatcher {
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
    private static final String[] JDK_INTERNAL_PREFIXES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private final List<List<MatchRule>> rulesByPolicy;
    /** Library methods woven only to watch their calls for the woven methods around them (no policy). */
    private final List<MatchRule> watchRules;
    /** A subtypes rule without a name hint: no class can be ruled out by its name. */
    private final boolean parsesEveryClass;
    private final boolean namesJdk;
    /**
     * Every rule's literal name prefix and suffix in internal form ({@code com/acme/} and {@code Client}),
     * deduplicated by pair: a class whose name fits no pair is refused without building its binary name.
     */
    private final String[] internalPrefixes;
    private final String[] internalSuffixes;
    /** The policies' rules, then the watch rules: what a class name is matched against. */
    private final List<List<MatchRule>> allRules;
    /** The rules whose literal prefix names a JDK package: the only ones a JDK class may match. */
    private final MatchRule[] jdkRules;
    /** Their literal prefixes, in binary and in internal form: a JDK class named by none is refused at once. */
    private final String[] jdkPrefixes;
    private final String[] jdkInternalPrefixes;
    /** Some rule asks for an annotation: the weavers read methods' annotations before matching them. */
    private final boolean usesAnnotations;

    /** @param rulesByPolicy for each policy index, its rules */
    public PolicyMatcher(List<List<MatchRule>> rulesByPolicy) {
        this(rulesByPolicy, Collections.<MatchRule>emptyList());
    }

    /**
     * @param rulesByPolicy for each policy index, its rules
     * @param watchRules    the methods woven only to watch their calls (matched after every policy's)
     */
    public PolicyMatcher(List<List<MatchRule>> rulesByPolicy, List<MatchRule> watchRules) {
        this.watchRules = Collections.unmodifiableList(new ArrayList<MatchRule>(watchRules));
        List<List<MatchRule>> copy = new ArrayList<List<MatchRule>>();
        for (List<MatchRule> rules : rulesByPolicy) {
            copy.add(Collections.unmodifiableList(new ArrayList<MatchRule>(rules)));
        }
        this.allRules = withWatchRules(copy);
        boolean subtypes = false;
        java.util.Set<List<String>> prefixes = new java.util.LinkedHashSet<List<String>>();
        java.util.Set<String> jdkNamed = new java.util.LinkedHashSet<String>();
        List<MatchRule> jdkRuleList = new ArrayList<MatchRule>();
        for (List<MatchRule> rules : allRules) {
            for (MatchRule r : rules) {
                subtypes |= r.namePattern() == null;
                if (r.namePattern() != null) {
                    String prefix = r.namePattern().literalPrefix();
                    prefixes.add(Arrays.asList(prefix.replace('.', '/'), r.namePattern().literalSuffix().replace('.', '/')));
                    if (isJdk(prefix)) {
                        jdkNamed.add(prefix);
                        jdkRuleList.add(r);
                    }
                }
            }
        }
        this.internalPrefixes = new String[prefixes.size()];
        this.internalSuffixes = new String[prefixes.size()];
        int p = 0;
        for (List<String> pair : prefixes) {
            internalPrefixes[p] = pair.get(0);
            internalSuffixes[p++] = pair.get(1);
        }
        this.jdkRules = jdkRuleList.toArray(new MatchRule[0]);
        this.jdkPrefixes = jdkNamed.toArray(new String[0]);
        this.jdkInternalPrefixes = new String[jdkPrefixes.length];
        for (int i = 0; i < jdkPrefixes.length; i++) {
            jdkInternalPrefixes[i] = jdkPrefixes[i].replace('.', '/');
        }
        boolean annotations = false;
        for (List<MatchRule> rules : copy) {
            for (MatchRule r : rules) {
                annotations |= r.annotation() != null;
            }
        }
        this.usesAnnotations = annotations;
        this.rulesByPolicy = Collections.unmodifiableList(copy);
        this.parsesEveryClass = subtypes;
        this.namesJdk = jdkPrefixes.length > 0;
    }

    private List<List<MatchRule>> withWatchRules(List<List<MatchRule>> byPolicy) {
        if (watchRules.isEmpty()) {
            return byPolicy;
        }
        List<List<MatchRule>> all = new ArrayList<List<MatchRule>>(byPolicy);
        all.add(watchRules);
        return all;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some rule's literal prefix names a JDK package (only then may a JDK class be woven). */
    public boolean namesJdk() {
        return namesJdk;
    }

    public static boolean isJdk(String className) {
        for (String p : JDK_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #mayMatchClassName} for the JVM's internal form of the name ({@code com/acme/Client}),
     * as the transformer gets it for every class that loads: most names are refused on a prefix
     * test, without building the binary name.
     */
    public boolean mayMatchInternalName(String internalName) {
        for (String p : JDK_INTERNAL_PREFIXES) {
            if (internalName.startsWith(p)) {
                return startsWithAny(internalName, jdkInternalPrefixes) && mayMatchClassName(internalName.replace('/', '.'));
            }
        }
        if (parsesEveryClass) {
            return true;
        }
        for (int i = 0; i < internalPrefixes.length; i++) {
            if (internalName.startsWith(internalPrefixes[i]) && internalName.endsWith(internalSuffixes[i])) {
                return mayMatchClassName(internalName.replace('/', '.'));
            }
        }
        return false;
    }

    /**
     * False when no policy can match any method of the class: the class is then left alone without
     * being parsed. JDK classes pass only if some rule's literal prefix names a JDK package.
     */
    public boolean mayMatchClassName(String className) {
        if (isJdk(className)) {
            if (!startsWithAny(className, jdkPrefixes) || NeverWoven.reason(className) != null) {
                return false;
            }
            for (MatchRule r : jdkRules) {
                if (r.namePattern().matches(className)) {
                    return true;
                }
            }
            return false;
        }
        if (parsesEveryClass) {
            return true;
        }
        for (List<MatchRule> rules : allRules) {
            for (MatchRule r : rules) {
                if (r.mayMatchClassName(className)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some rule asks for an annotation (methods' annotations must then be read before matching). */
    public boolean usesAnnotations() {
        return usesAnnotations;
    }

    /**
     * The check between the name and a parse, for a class that passed {@link #mayMatchClassName}: when
     * every rule its name leaves in play asks for one annotation, a class file whose constant pool lacks
     * all their descriptors carries none of them, on the class or on a method, and is left unparsed (an
     * {@code annotation:} entry without {@code class} would otherwise parse every class loaded).
     */
    public boolean mayMatchClassFile(String className, byte[] classFile) {
        if (!usesAnnotations || isJdk(className)) {
            return true;
        }
        for (MatchRule r : watchRules) {
            if (r.mayMatchClassName(className)) {
                return true; // a watched library's class (a driver's statement under discovery, say)
            }
        }
        boolean anyAnnotationRule = false;
        for (List<MatchRule> rules : rulesByPolicy) {
            for (MatchRule r : rules) {
                if (!r.mayMatchClassName(className)) {
                    continue;
                }
                String descriptor = r.annotationDescriptor();
                if (descriptor == null) {
                    return true; // a rule that needs no annotation, or a pattern of them
                }
                anyAnnotationRule = true;
                if (contains(classFile, descriptor)) {
                    return true;
                }
            }
        }
        return !anyAnnotationRule;
    }

    /** Whether the ASCII text occurs in the bytes (a type descriptor is ASCII in a class file's modified UTF-8 unless it names non-ASCII types, which then simply pass). */
    static boolean contains(byte[] bytes, String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) > 0x7F) {
                return true;
            }
        }
        byte first = (byte) text.charAt(0);
        outer:
        for (int i = 0, last = bytes.length - n; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < n; j++) {
                if (bytes[i + j] != (byte) text.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * True if some rule's class part matches the type, by name or (for {@code subtypes} rules) by a
     * supertype; the method parts are checked per method afterwards.
     */
    public boolean mayMatchType(MethodCandidate type) {
        if (!mayMatchClassName(type.className())) {
            return false;
        }
        for (List<MatchRule> rules : allRules) {
            for (MatchRule r : rules) {
                if (r.matchesType(type) && allowed(r, type.className())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A plain pattern never weaves a class whose methods cannot be re-run in place; a preset's rule may. */
    private static boolean allowed(MatchRule r, String className) {
        return r.preset() != null || NotRerunnable.reason(className) == null;
    }

    /**
     * The plain rules that would weave this class but may not (its methods cannot be re-run in place),
     * for an error naming what to weave instead.
     */
    public List<MatchRule> refusedRules(String className) {
        if (NotRerunnable.reason(className) == null) {
            return Collections.emptyList();
        }
        List<MatchRule> refused = new ArrayList<MatchRule>();
        for (List<MatchRule> rules : rulesByPolicy) {
            for (MatchRule r : rules) {
                if (r.preset() == null && r.mayMatchClassName(className) && !r.subtypes()) {
                    refused.add(r);
                }
            }
        }
        return refused;
    }

    /**
     * The first policy and rule that match the method, or null; a watch rule's match has policy index
     * {@link Match#WATCH}.
     */
    public Match match(MethodCandidate m) {
        for (int i = 0; i < rulesByPolicy.size(); i++) {
            for (MatchRule r : rulesByPolicy.get(i)) {
                if (r.matches(m) && allowed(r, m.className())) {
                    return new Match(i, r);
                }
            }
        }
        for (MatchRule r : watchRules) {
            if (r.matches(m)) {
                return new Match(Match.WATCH, r);
            }
        }
        return null;
    }

    /** Every policy index with a rule that matches the method, in file order (the first one wins). */
    public List<Integer> matchAll(MethodCandidate m) {
        List<Integer> all = new ArrayList<Integer>();
        for (int i = 0; i < rulesByPolicy.size(); i++) {
            for (MatchRule r : rulesByPolicy.get(i)) {
                if (r.matches(m) && allowed(r, m.className())) {
                    all.add(i);
                    break;
                }
            }
        }
        return all;
    }


    public List<List<MatchRule>> rulesByPolicy() {
        return rulesByPolicy;
    }

    public List<MatchRule> watchRules() {
        return watchRules;
    }

    /** A policy index and the rule that selected it. */
    public static final class Match {
        /** The policy index of a watch rule's match: no policy. */
        public static final int WATCH = -1;
        public final int policyIndex;
        public final MatchRule rule;

        Match(int policyIndex, MatchRule rule) {
            this.policyIndex = policyIndex;
            this.rule = rule;
        }
    }
}
