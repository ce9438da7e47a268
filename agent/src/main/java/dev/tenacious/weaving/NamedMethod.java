package dev.tenacious.weaving;

import dev.tenacious.matching.MethodCandidate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A woven method as the registry keeps it: names only, copied from whatever described it at weave
 * time (Byte Buddy's type descriptions hold their type pool, and through it the class loader).
 */
final class NamedMethod implements MethodCandidate {
    private final String className;
    private final List<String> hierarchy;
    private final String methodName;
    private final List<String> parameters;
    private final boolean isPublic;
    private final List<String> annotations;
    private final List<String> classAnnotations;

    NamedMethod(MethodCandidate m) {
        this.annotations = Collections.unmodifiableList(new ArrayList<String>(m.annotationNames()));
        this.classAnnotations = Collections.unmodifiableList(new ArrayList<String>(m.classAnnotationNames()));
        this.className = m.className();
        List<String> names = new ArrayList<String>();
        for (String n : m.typeAndSupertypeNames()) {
            names.add(n);
        }
        this.hierarchy = Collections.unmodifiableList(names);
        this.methodName = m.methodName();
        this.parameters = Collections.unmodifiableList(new ArrayList<String>(m.parameterTypeNames()));
        this.isPublic = m.isPublic();
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Iterable<String> typeAndSupertypeNames() {
        return hierarchy;
    }

    @Override
    public String methodName() {
        return methodName;
    }

    @Override
    public List<String> parameterTypeNames() {
        return parameters;
    }

    @Override
    public boolean isPublic() {
        return isPublic;
    }

    @Override
    public List<String> annotationNames() {
        return annotations;
    }

    @Override
    public List<String> classAnnotationNames() {
        return classAnnotations;
    }
}
