package dev.tenacious.weaving;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.Policy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * {@code fallback: throw T} is woven only where throwing T is legal Java: T unchecked, or a subtype of
 * an exception the method declares. Checked at weave time, by name through the woven class's loader;
 * anything else is an error naming the method, which is then left unwoven.
 */
final class FallbackCheck {
    private FallbackCheck() {
    }

    static boolean allows(Policy policy, MethodDescription method, ClassLoader loader) {
        if (!WeaverChoice.needsByteBuddy(policy)) {
            return true;
        }
        String type = policy.config().fallback().throwType();
        String where = method.getDeclaringType().asErasure().getName() + "." + method.getName();
        TypePool pool = TypePool.Default.of(loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
        TypePool.Resolution resolution = pool.describe(type);
        if (!resolution.isResolved()) {
            Log.errorOnce("fallback:" + where, policy.name() + ": fallback exception " + type + " is not visible from "
                    + where + "; that method is left unwoven");
            return false;
        }
        TypeDescription t = resolution.resolve();
        if (isSubtype(t, "java.lang.RuntimeException") || isSubtype(t, "java.lang.Error")) {
            return true;
        }
        if (!isSubtype(t, "java.lang.Throwable")) {
            Log.errorOnce("fallback:" + where, policy.name() + ": fallback " + type + " is not an exception; " + where
                    + " is left unwoven");
            return false;
        }
        for (TypeDescription declared : method.getExceptionTypes().asErasures()) {
            if (isSubtype(t, declared.getName())) {
                return true;
            }
        }
        Log.errorOnce("fallback:" + where, policy.name() + ": fallback exception " + type
                + " is checked and not declared by " + where + " (it declares "
                + method.getExceptionTypes().asErasures() + "); that method is left unwoven");
        return false;
    }

    private static boolean isSubtype(TypeDefinition t, String name) {
        try {
            for (TypeDefinition c = t; c != null; c = c.getSuperClass() == null ? null : c.getSuperClass().asErasure()) {
                if (c.asErasure().getName().equals(name)) {
                    return true;
                }
            }
        } catch (RuntimeException unresolvable) {
            // a superclass missing from the class path: not provably a subtype
        }
        return false;
    }
}
