package dev.tenacious.matching;

import java.util.Collections;
import java.util.List;

/**
 * One entry of a policy's {@code match} list: a class pattern (or, with {@code subtypes}, a supertype
 * pattern), a method pattern, optional parameter patterns ({@code ..} matches any rest) and excluded
 * method patterns. Immutable.
 */
public final class MatchRule {
    private final Glob classPattern;
    private final boolean subtypes;
    private final Glob methodPattern;
    private final List<Glob> params; // null: any parameters
    private final boolean paramsOpenEnded;
    private final List<Glob> excludes;
    private final String where;

    public MatchRule(Glob classPattern, boolean subtypes, Glob methodPattern, List<Glob> params,
                     boolean paramsOpenEnded, List<Glob> excludes, String where) {
        this.classPattern = classPattern;
        this.subtypes = subtypes;
        this.methodPattern = methodPattern;
        this.params = params == null ? null : Collections.unmodifiableList(params);
        this.paramsOpenEnded = paramsOpenEnded;
        this.excludes = Collections.unmodifiableList(excludes);
        this.where = where;
    }

    /** Cheap check on the class name alone; false means no method of this class can match. */
    public boolean mayMatchClassName(String className) {
        return subtypes || classPattern.matches(className);
    }

    public boolean matchesType(MethodCandidate m) {
        if (!subtypes) {
            return classPattern.matches(m.className());
        }
        for (String name : m.typeAndSupertypeNames()) {
            if (classPattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(MethodCandidate m) {
        String name = m.methodName();
        if (!methodPattern.matches(name)) {
            return false;
        }
        for (Glob exclude : excludes) {
            if (exclude.matches(name)) {
                return false;
            }
        }
        return paramsMatch(m.parameterTypeNames()) && matchesType(m);
    }

    private boolean paramsMatch(List<String> actual) {
        if (params == null) {
            return true;
        }
        if (paramsOpenEnded ? actual.size() < params.size() : actual.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).matches(actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    public Glob classPattern() {
        return classPattern;
    }

    public boolean subtypes() {
        return subtypes;
    }

    /** Where the rule was written, {@code file:line:column}, for log lines. */
    public String where() {
        return where;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(subtypes ? "subtypes of " : "class ").append(classPattern).append(" method ").append(methodPattern);
        if (params != null) {
            b.append(" params ").append(params).append(paramsOpenEnded ? " .." : "");
        }
        if (!excludes.isEmpty()) {
            b.append(" exclude ").append(excludes);
        }
        return b.toString();
    }
}
