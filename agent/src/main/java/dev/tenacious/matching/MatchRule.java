package dev.tenacious.matching;

import java.util.Collections;
import java.util.List;

/**
 * One entry of a policy's {@code match} list: a class pattern (or, with {@code subtypes}, a supertype
 * pattern), a method pattern, optional parameter patterns ({@code ..} matches any rest), excluded
 * method patterns, and optionally an annotation the method or its class must carry. Immutable.
 */
public final class MatchRule {
    private final Glob classPattern;
    private final boolean subtypes;
    private final Glob methodPattern;
    private final List<Glob> params; // null: any parameters
    private final boolean paramsOpenEnded;
    private final List<Glob> excludes;
    private final String where;
    /** The preset this rule belongs to, or null for a rule the file wrote out. */
    private final String preset;
    /** For a preset's subtype rule: the names worth parsing at all, so other classes stay unparsed. */
    private final Glob nameHint;
    /** Public methods only: a preset weaves a library's API, not its private helpers of similar name. */
    private final boolean publicOnly;
    /**
     * {@code annotation:}: the annotation type a method, or its class, must carry (declared on it, not
     * inherited), by binary name; null for a rule that does not ask.
     */
    private final Glob annotation;

    public MatchRule(Glob classPattern, boolean subtypes, Glob methodPattern, List<Glob> params,
                     boolean paramsOpenEnded, List<Glob> excludes, String where) {
        this(classPattern, subtypes, methodPattern, params, paramsOpenEnded, excludes, where, null, null, false, null);
    }

    /**
     * An {@code annotation:} entry: the methods that carry the annotation, and the methods of the
     * classes that carry it, that the class and method patterns (and params, exclude) also match.
     */
    public static MatchRule ofAnnotation(Glob annotation, Glob classPattern, Glob methodPattern, List<Glob> params,
                                         boolean paramsOpenEnded, List<Glob> excludes, String where) {
        return new MatchRule(classPattern, false, methodPattern, params, paramsOpenEnded, excludes, where, null, null,
                false, annotation);
    }

    /**
     * A method a preset weaves.
     *
     * @param type       the class, or with {@code subtypes} the supertype, by binary name
     * @param nameHint   for a subtype rule: a pattern the class names worth parsing match (a driver's
     *                   statement class has {@code Statement} in its name), so other classes are
     *                   still decided on their name alone; null for none
     * @param publicOnly public methods only: a library's API, not its private helpers of similar name
     * @param params     parameter types, or null for any
     */
    public static MatchRule ofPreset(String preset, String where, String type, boolean subtypes, String method,
                                     String nameHint, boolean publicOnly, List<String> params, String... excludes) {
        List<Glob> paramGlobs = null;
        if (params != null) {
            paramGlobs = new java.util.ArrayList<Glob>();
            for (String p : params) {
                paramGlobs.add(Glob.of(p));
            }
        }
        List<Glob> excluded = new java.util.ArrayList<Glob>();
        for (String e : excludes) {
            excluded.add(Glob.of(e));
        }
        return new MatchRule(Glob.of(type), subtypes, Glob.of(method), paramGlobs, false, excluded, where, preset,
                nameHint == null ? null : Glob.of(nameHint), publicOnly, null);
    }

    private MatchRule(Glob classPattern, boolean subtypes, Glob methodPattern, List<Glob> params, boolean paramsOpenEnded,
              List<Glob> excludes, String where, String preset, Glob nameHint, boolean publicOnly, Glob annotation) {
        this.annotation = annotation;
        this.publicOnly = publicOnly;
        this.preset = preset;
        this.nameHint = nameHint;
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
        if (nameHint != null) {
            return nameHint.matches(className);
        }
        return subtypes || classPattern.matches(className);
    }

    /**
     * The pattern a class name must match before the class is parsed: the name hint of a preset's
     * subtype rule, else the class pattern (null for a subtype rule without hint: any name).
     */
    Glob namePattern() {
        return nameHint != null ? nameHint : subtypes ? null : classPattern;
    }

    /** The preset this rule belongs to, or null. */
    public String preset() {
        return preset;
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
        return (!publicOnly || m.isPublic()) && paramsMatch(m.parameterTypeNames()) && matchesType(m)
                && (annotation == null || carries(m.annotationNames()) || carries(m.classAnnotationNames()));
    }

    private boolean carries(List<String> annotations) {
        for (String a : annotations) {
            if (annotation.matches(a)) {
                return true;
            }
        }
        return false;
    }

    /** The annotation an {@code annotation:} rule asks for, or null. */
    public Glob annotation() {
        return annotation;
    }

    /**
     * The descriptor ({@code Lcom/acme/Audited;}) whose absence from a class file proves that no
     * method of it carries the rule's annotation, so the class need not be parsed; null when the rule
     * asks for no annotation, or for a pattern rather than one name.
     */
    public String annotationDescriptor() {
        return annotation == null || !annotation.isLiteral() ? null : "L" + annotation.toString().replace('.', '/') + ";";
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
        if (preset != null) {
            b.append("preset ").append(preset).append(": ");
        }
        if (annotation != null) {
            b.append("annotation ").append(annotation).append(" ");
        }
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
