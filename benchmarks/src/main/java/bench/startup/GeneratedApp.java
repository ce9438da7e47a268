package bench.startup;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Writes a jar of {@code count} small application classes ({@code gen.pK.CN}, 100 per package), each
 * with a static initializer, a static method and two instance methods, plus {@link StartupMain}, which
 * loads and initializes all of them: an application start-up that loads about {@code count} classes.
 */
public final class GeneratedApp {
    private GeneratedApp() {
    }

    public static Path write(Path dir, int count) throws IOException {
        Path jar = dir.resolve("generated-app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < count; i++) {
                String name = "gen/p" + (i / 100) + "/C" + i;
                out.putNextEntry(new JarEntry(name + ".class"));
                out.write(generate(name, i));
                out.closeEntry();
            }
            String main = StartupMain.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(main));
            try (InputStream in = GeneratedApp.class.getClassLoader().getResourceAsStream(main)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    static byte[] generate(String internalName, int i) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "value", "I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitLdcInsn(i);
        clinit.visitMethodInsn(Opcodes.INVOKESTATIC, internalName, "work", "(I)I", false);
        clinit.visitFieldInsn(Opcodes.PUTSTATIC, internalName, "value", "I");
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        MethodVisitor work = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "work", "(I)I", null, null);
        work.visitCode();
        work.visitVarInsn(Opcodes.ILOAD, 0);
        work.visitLdcInsn(31);
        work.visitInsn(Opcodes.IMUL);
        work.visitLdcInsn(7);
        work.visitInsn(Opcodes.IADD);
        work.visitInsn(Opcodes.IRETURN);
        work.visitMaxs(0, 0);
        work.visitEnd();
        for (String method : new String[] {"get", "describe"}) {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, method, "(Ljava/lang/String;)Ljava/lang/String;", null, null);
            m.visitCode();
            m.visitVarInsn(Opcodes.ALOAD, 1);
            m.visitInsn(Opcodes.ARETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
