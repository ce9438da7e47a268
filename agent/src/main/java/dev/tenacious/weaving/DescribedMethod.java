package dev.tenacious.weaving;

import dev.tenacious.matching.MethodCandidate;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Adapts Byte Buddy's view of a type (and optionally one of its methods) to {@link MethodCandidate}. */
final class DescribedMethod implements MethodCandidate {
    private final TypeDescription type;
    private final MethodDescription method;
    private List<String> parameters;
    private Set<String> hierarchy;

    DescribedMethod(TypeDescription type, MethodDescription method) {
        this.type = type;
        this.method = method;
    }

    @Override
    public String className() {
        return type.getName();
    }

    /** Walks supertypes through the type pool; a supertype that cannot be resolved ends that branch. */
    @Override
    public Iterable<String> typeAndSupertypeNames() {
        if (hierarchy == null) {
            Set<String> names = new LinkedHashSet<String>();
            collect(type, names);
            hierarchy = names;
        }
        return hierarchy;
    }

    private static void collect(TypeDefinition t, Set<String> names) {
        if (t == null || !names.add(t.asErasure().getName())) {
            return;
        }
        try {
            TypeDescription.Generic superClass = t.getSuperClass();
            if (superClass != null) {
                collect(superClass.asErasure(), names);
            }
            for (TypeDescription.Generic i : t.getInterfaces()) {
                collect(i.asErasure(), names);
            }
        } catch (RuntimeException unresolvable) {
            // a supertype missing from the class path cannot match; the rest of the hierarchy still can
        }
    }

    @Override
    public boolean isPublic() {
        return method == null || method.isPublic();
    }

    @Override
    public String methodName() {
        return method == null ? "" : method.getName();
    }

    @Override
    public List<String> annotationNames() {
        return method == null ? Collections.<String>emptyList() : names(method.getDeclaredAnnotations());
    }

    /** Declared on the type itself: {@code getDeclaredAnnotations} leaves out what it inherits. */
    @Override
    public List<String> classAnnotationNames() {
        return names(type.getDeclaredAnnotations());
    }

    /** The annotations' type names as the class file writes them; one whose type cannot be described is skipped. */
    private static List<String> names(AnnotationList annotations) {
        List<String> names = new ArrayList<String>();
        for (AnnotationDescription a : annotations) {
            try {
                names.add(a.getAnnotationType().getName());
            } catch (RuntimeException unresolvable) {
                // an annotation type the pool cannot describe
            }
        }
        return names;
    }

    @Override
    public List<String> parameterTypeNames() {
        if (parameters == null) {
            if (method == null) {
                parameters = Collections.emptyList();
            } else {
                // from the descriptor: a parameter type missing from the class path (plan's) needs no resolution
                List<String> names = new ArrayList<String>();
                for (net.bytebuddy.jar.asm.Type p : net.bytebuddy.jar.asm.Type.getArgumentTypes(method.getDescriptor())) {
                    names.add(p.getClassName());
                }
                parameters = Collections.unmodifiableList(names);
            }
        }
        return parameters;
    }
}
