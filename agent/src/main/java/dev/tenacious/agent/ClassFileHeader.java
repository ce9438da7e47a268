package dev.tenacious.agent;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The names a class file declares for itself, its superclass and its interfaces, read from the
 * constant pool without a bytecode library (the premain touches nothing but the JDK): enough to
 * define a set of classes supertypes first.
 */
final class ClassFileHeader {
    /** Internal names ({@code dev/tenacious/runtime/Dispatcher}); superName is null for java/lang/Object. */
    final String name;
    final String superName;
    final String[] interfaces;

    private ClassFileHeader(String name, String superName, String[] interfaces) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
    }

    static ClassFileHeader read(byte[] b) throws IOException {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        int count = u2(b, 8);
        int[] offsets = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = p;
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1: // Utf8
                    p += 3 + u2(b, p + 1);
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    p += 3;
                    break;
                case 15: // MethodHandle
                    p += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte constants and references
                    p += 5;
                    break;
                case 5: case 6: // Long, Double take two entries
                    p += 9;
                    i++;
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at " + p);
            }
        }
        int thisClass = u2(b, p + 2);
        int superClass = u2(b, p + 4);
        String[] interfaces = new String[u2(b, p + 6)];
        for (int i = 0; i < interfaces.length; i++) {
            interfaces[i] = className(b, offsets, u2(b, p + 8 + 2 * i));
        }
        return new ClassFileHeader(className(b, offsets, thisClass), superClass == 0 ? null : className(b, offsets, superClass),
                interfaces);
    }

    /** A CONSTANT_Class entry's name, decoded as modified UTF-8. */
    private static String className(byte[] b, int[] offsets, int index) throws IOException {
        int utf8 = offsets[u2(b, offsets[index] + 1)];
        return new DataInputStream(new ByteArrayInputStream(b, utf8 + 1, u2(b, utf8 + 1) + 2)).readUTF();
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
