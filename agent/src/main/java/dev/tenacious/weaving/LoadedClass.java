package dev.tenacious.weaving;

import dev.tenacious.matching.MethodCandidate;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A class already loaded when the agent starts, seen through reflection to decide whether to retransform it. */
final class LoadedClass implements MethodCandidate {
    private final Class<?> type;

    LoadedClass(Class<?> type) {
        this.type = type;
    }

    @Override
    public String className() {
        return type.getName();
    }

    @Override
    public Iterable<String> typeAndSupertypeNames() {
        Set<String> names = new LinkedHashSet<String>();
        collect(type, names);
        return names;
    }

    private static void collect(Class<?> c, Set<String> names) {
        if (c == null || !names.add(c.getName())) {
            return;
        }
        collect(c.getSuperclass(), names);
        for (Class<?> i : c.getInterfaces()) {
            collect(i, names);
        }
    }

    @Override
    public String methodName() {
        return "";
    }

    @Override
    public boolean isPublic() {
        return true;
    }

    @Override
    public List<String> parameterTypeNames() {
        return Collections.emptyList();
    }
}
