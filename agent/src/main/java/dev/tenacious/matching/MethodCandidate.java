package dev.tenacious.matching;

import java.util.List;

/**
 * A method as the matcher sees it: names only, so the matcher needs no bytecode library and can be
 * unit tested directly. The weaving layer adapts Byte Buddy's descriptions to it.
 */
public interface MethodCandidate {
    /** Binary name of the declaring class ({@code Outer$Inner}). */
    String className();

    /** The declaring class and all its supertypes, by binary name; only asked for when a rule has {@code subtypes}. */
    Iterable<String> typeAndSupertypeNames();

    String methodName();

    /** Parameter types as written in Java source ({@code int}, {@code java.lang.String[]}). */
    List<String> parameterTypeNames();

    /** Whether the method is public (preset rules weave a library's public API only). */
    boolean isPublic();

    /** The annotations declared on the method, by binary name (asked only by {@code annotation:} rules). */
    default List<String> annotationNames() {
        return java.util.Collections.emptyList();
    }

    /** The annotations declared on the method's class (not inherited), by binary name. */
    default List<String> classAnnotationNames() {
        return java.util.Collections.emptyList();
    }
}
