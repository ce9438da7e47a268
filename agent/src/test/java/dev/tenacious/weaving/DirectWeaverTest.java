package dev.tenacious.weaving;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import static dev.tenacious.weaving.WovenProtocolTest.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which classes the ASM weaver hands to Byte Buddy ({@link WeaverChoice}), and which it leaves alone. */
class DirectWeaverTest {
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.WARN); // "wove N methods" lines
    }

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

    /** A class with a small method and one whose code is just under the JVM's 64 KB limit. */
    static byte[] withAHugeMethod() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "gen/Odd", null, "java/lang/Object", null);
        for (String name : new String[] {"value", "huge"}) {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "()I", null, null);
            m.visitCode();
            for (int i = 0; name.equals("huge") && i < 32_740; i++) {
                m.visitInsn(Opcodes.ICONST_0);
                m.visitInsn(Opcodes.POP);
            }
            m.visitInsn(Opcodes.ICONST_2);
            m.visitInsn(Opcodes.IRETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    static int codeSize(byte[] classFile, String method) {
        int[] size = {-1};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals(method)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitCode() {
                        size[0] = 0;
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        size[0]++;
                    }
                };
            }
        }, 0);
        return size[0];
    }

    @Test
    void aMethodTooLargeToWeaveIsLeftAsItIsAndTheClassesOtherMethodsAreWoven() {
        SiteRegistry registry = registry("settings: { log: off }\npolicies:\n  - name: odd\n    match: [{ class: gen.Odd }]\n");
        byte[] original = withAHugeMethod();
        byte[] woven = new DirectWeaver(registry).weave(null, "gen/Odd", false, original);
        assertNotNull(woven, "the class is woven");
        assertEquals(codeSize(original, "huge"), codeSize(woven, "huge"), "the huge method is copied unchanged");
        assertTrue(codeSize(woven, "value") > codeSize(original, "value"), "the small one is woven");
        assertEquals(1, registry.methodsPerPolicy()[0], "only the woven method counts");
    }

    @Test
    void aClassWithNoMatchingMethodIsLeftAlone() {
        DirectWeaver weaver = new DirectWeaver(registry("policies:\n  - name: odd\n    match: [{ class: gen.Odd, method: other }]\n"));
        assertNull(weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, false)));
    }
}
