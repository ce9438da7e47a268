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

/**
 * Which classes the ASM weaver hands to Byte Buddy ({@link WeaverChoice}), which it leaves alone, and
 * how it resolves the supertypes of {@code subtypes} rules ({@link ClassHierarchy}).
 */
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
    void fallbackExceptionsGoToByteBuddy() {
        byte[] odd = generated(Opcodes.V1_8, false);
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, new DirectWeaver(registry(ODD + "    fallback: { throw: java.lang.IllegalStateException }\n"))
                .weave(null, "gen/Odd", false, odd));
    }

    /** A class file {@code gen/<name>} with a superclass, interfaces and a method {@code value()}. */
    static byte[] type(String name, String superName, String... interfaces) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, "gen/" + name, null, superName, interfaces);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "value", "()I", null, null);
        m.visitCode();
        m.visitInsn(Opcodes.ICONST_2);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Serves generated class files as resources, as an application's loader serves its classes'. */
    static final class ClassFiles extends ClassLoader {
        final java.util.Map<String, byte[]> files = new java.util.HashMap<>();

        ClassFiles() {
            super(DirectWeaverTest.class.getClassLoader());
        }

        ClassFiles with(String name, byte[] classFile) {
            files.put("gen/" + name + ".class", classFile);
            return this;
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name);
            return b != null ? new java.io.ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }

    static final String SUBTYPES_OF_CALLABLE = "settings: { log: off }\npolicies:\n  - name: s\n"
            + "    match: [{ class: java.util.concurrent.Callable, subtypes: true, method: value }]\n";

    @Test
    void subtypesRulesAreWovenWithAsmFromSupertypesReadThroughTheClassLoader() {
        // gen.Leaf extends gen.Middle, which implements gen.Task, which extends the JDK's Callable
        ClassFiles loader = new ClassFiles()
                .with("Middle", type("Middle", "java/lang/Object", "gen/Task"))
                .with("Task", type("Task", "java/lang/Object", "java/util/concurrent/Callable"));
        SiteRegistry registry = registry(SUBTYPES_OF_CALLABLE);
        byte[] woven = new DirectWeaver(registry).weave(loader, "gen/Leaf", false, type("Leaf", "gen/Middle"));
        assertNotNull(woven, "a subtype three levels down is woven");
        assertFalse(woven == DirectWeaver.NEEDS_BYTE_BUDDY, "by ASM");
        assertEquals(1, registry.methodsPerPolicy()[0]);
    }

    @Test
    void aClassOutsideTheHierarchyOrWithASupertypeThatCannotBeReadIsLeftAlone() {
        ClassFiles loader = new ClassFiles().with("Middle", type("Middle", "java/lang/Object", "java/lang/Runnable"));
        DirectWeaver weaver = new DirectWeaver(registry(SUBTYPES_OF_CALLABLE));
        assertNull(weaver.weave(loader, "gen/Leaf", false, type("Leaf", "gen/Middle")), "Runnable is not Callable");
        assertNull(weaver.weave(loader, "gen/Orphan", false, type("Orphan", "gen/Missing")), "a missing supertype cannot match");
    }

    @Test
    void theSupertypeCacheLetsAnApplicationsLoaderGo() throws Exception {
        ClassHierarchy hierarchy = new ClassHierarchy();
        java.lang.ref.WeakReference<ClassLoader> ref = resolveOnce(hierarchy);
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), "the loader was collected although its types are cached");
    }

    private static java.lang.ref.WeakReference<ClassLoader> resolveOnce(ClassHierarchy hierarchy) {
        ClassFiles loader = new ClassFiles().with("Task", type("Task", "java/lang/Object", "java/util/concurrent/Callable"));
        assertEquals(java.util.Set.of("gen.Leaf", "gen.Task", "java.util.concurrent.Callable", "java.lang.Object"),
                hierarchy.typeAndSupertypes(loader, "gen/Leaf", "java/lang/Object", new String[] {"gen/Task"}));
        return new java.lang.ref.WeakReference<ClassLoader>(loader);
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
