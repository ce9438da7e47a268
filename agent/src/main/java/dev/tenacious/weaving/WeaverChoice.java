package dev.tenacious.weaving;

import dev.tenacious.runtime.Policy;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Which weaver a method needs, stated once for the transformer, the ASM weaver and the start-up
 * warm-up. The ASM weaver ({@link DirectWeaver}) writes every shape of the protocol, and resolves the
 * supertypes {@code subtypes} rules ask for from class files ({@link ClassHierarchy}); Byte Buddy is
 * loaded only for {@code fallback: throw} (its type is checked against the method's declared
 * exceptions through Byte Buddy's type pool), for class files older than Java 7 and for returns that
 * leave extra values on the stack (which the ASM weaver cannot extend), and then when the first class
 * needing it loads.
 */
final class WeaverChoice {
    /** {@code -Dtenacious.weaver=bytebuddy} sends every class to Byte Buddy (a way around a suspected weaving problem). */
    static final boolean DIRECT = !"bytebuddy".equals(System.getProperty("tenacious.weaver"));

    private WeaverChoice() {
    }

    /** {@code fallback: throw T}: T is checked against the method's declared exceptions through Byte Buddy's type pool. */
    static boolean needsByteBuddy(Policy policy) {
        return policy.config().fallback() != null && policy.config().fallback().throwType() != null;
    }

    /** Whether some policy is sure to need Byte Buddy (so it may be loaded ahead of the first class that does). */
    static boolean needsByteBuddy(ActivePolicies active) {
        for (int i = 0; i < active.size(); i++) {
            if (needsByteBuddy(active.policy(i))) {
                return true;
            }
        }
        return !DIRECT;
    }

    /** Constructors, initialisers, abstract, native and synthetic (bridge, lambda) methods are never woven. */
    static boolean isWeavable(int access, String name) {
        return name.charAt(0) != '<'
                && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0;
    }
}
