package dev.tenacious.weaving;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import static dev.tenacious.weaving.WovenProtocolTest.registry;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which classes the ASM weaver hands to Byte Buddy ({@link WeaverChoice}), and which it leaves alone. */
class DirectWeaverTest {
    static byte[] generated(int version, boolean extraValueOnReturn) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC, "gen/Odd", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "value", "()I", null, null);
        m.visitCode();
        if (extraValueOnReturn) {
            m.visitInsn(Opcodes.ICONST_1); // left on the stack under the returned value: legal, and rare
        }
        m.visitInsn(Opcodes.ICONST_2);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    static final String ODD = "policies:\n  - name: odd\n    match: [{ class: gen.Odd, method: value }]\n";

    @Test
    void aReturnWithExtraValuesOnTheStackGoesToByteBuddy() {
        DirectWeaver weaver = new DirectWeaver(registry(ODD));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, true)));
        byte[] clean = weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, false));
        assertNotNull(clean);
        assertFalse(clean == DirectWeaver.NEEDS_BYTE_BUDDY);
    }

    @Test
    void classFilesOlderThanJava7GoToByteBuddy() {
        DirectWeaver weaver = new DirectWeaver(registry(ODD));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_6, false)));
    }

    @Test
    void subtypesRulesAndFallbackExceptionsGoToByteBuddy() {
        byte[] odd = generated(Opcodes.V1_8, false);
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, new DirectWeaver(registry(
                "policies:\n  - name: s\n    match: [{ class: \"gen.*\", subtypes: true, method: value }]\n"))
                .weave(null, "gen/Odd", false, odd));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, new DirectWeaver(registry(ODD + "    fallback: { throw: java.lang.IllegalStateException }\n"))
                .weave(null, "gen/Odd", false, odd));
    }

    @Test
    void aClassWithNoMatchingMethodIsLeftAlone() {
        DirectWeaver weaver = new DirectWeaver(registry("policies:\n  - name: odd\n    match: [{ class: gen.Odd, method: other }]\n"));
        assertNull(weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, false)));
    }
}
