package dev.tenacious.agent;

import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files that go into the bootstrap loader, in an order the JVM can define them in (every class
 * after its superclass and interfaces). They are the packages woven code and the runtime need, whole (a
 * package split between two loaders would break package-private access): the runtime woven code calls,
 * the log, and the match rules a policy's configuration holds. Everything else (installer, policy file
 * reader, weavers, presets, metrics, the shaded SnakeYAML and Byte Buddy) stays with the agent's class
 * loader: the runtime reaches a preset only through its {@code Preset} instance. {@code BootstrapSetTest}
 * checks that the set is closed under references and holds no package the runtime does not reach.
 *
 * <p>The build writes them, in that order, into one entry of the jar ({@link #INDEX}, by {@link #main}
 * after compiling), so that the agent's start reads one entry rather than looking through the jar's
 * thousands.
 */
public final class RuntimeClassFiles {
    /** Package prefixes in internal form, subpackages included. */
    static final String[] PACKAGES = {"dev/tenacious/runtime/", "dev/tenacious/matching/", "dev/tenacious/log/"};
    /**
     * The jar entry holding the set: {@code InternalUnsafeDefiner}'s class file (its length, then its
     * bytes), the count of classes, then each class's binary name, length and class file.
     */
    static final String INDEX = "META-INF/tenacious/bootstrap-classes.bin";
    private static final int MAGIC = 0x7E4AC106;
    /** Compiled apart, for Java 9 and later (src/main/java9). */
    private static final String INTERNAL_DEFINER = "dev/tenacious/agent/InternalUnsafeDefiner.class";

    /** Binary names, in definition order. */
    final String[] names;
    final byte[][] classFiles;
    /** {@code InternalUnsafeDefiner}'s class file (a Java 9 one). */
    final byte[] definer;

    private RuntimeClassFiles(String[] names, byte[][] classFiles, byte[] definer) {
        this.names = names;
        this.classFiles = classFiles;
        this.definer = definer;
    }

    /** Whether a class file ({@code dev/tenacious/runtime/Dispatcher.class}) belongs in the bootstrap loader. */
    static boolean inBootstrapSet(String path) {
        if (!path.endsWith(".class")) {
            return false;
        }
        for (String p : PACKAGES) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the set the build wrote into the agent's jar. */
    static RuntimeClassFiles read(File jar) throws IOException {
        ZipFile zip = new ZipFile(jar);
        try {
            ZipEntry index = zip.getEntry(INDEX);
            if (index == null) {
                throw new IOException(jar + " holds no " + INDEX + " (the build writes it)");
            }
            return parse(readFully(zip.getInputStream(index), (int) index.getSize()));
        } finally {
            zip.close();
        }
    }

    /** The index's content (read by hand: DataInputStream costs method-handle set-up on recent JDKs). */
    static RuntimeClassFiles parse(byte[] index) throws IOException {
        Reader in = new Reader(index);
        if (in.int32() != MAGIC) {
            throw new IOException(INDEX + " is not an index of class files");
        }
        byte[] definer = in.bytes(in.int32());
        String[] names = new String[in.int32()];
        byte[][] classFiles = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = in.ascii(in.int32());
            classFiles[i] = in.bytes(in.int32());
        }
        return new RuntimeClassFiles(names, classFiles, definer);
    }

    /**
     * Run by the build after compiling: writes {@link #INDEX} under the classes directory {@code args[0]},
     * with the Java 9 definer from the classes directory {@code args[1]}.
     */
    public static void main(String[] args) throws IOException {
        File classes = new File(args[0]);
        File definerFile = new File(args[1], INTERNAL_DEFINER);
        byte[] definer = readFully(new java.io.FileInputStream(definerFile), (int) definerFile.length());
        Map<String, byte[]> files = new TreeMap<String, byte[]>();
        collect(classes, "", files);
        List<String> order = order(files);
        File out = new File(classes, INDEX);
        if (!out.getParentFile().isDirectory() && !out.getParentFile().mkdirs()) {
            throw new IOException("cannot create " + out.getParentFile());
        }
        OutputStream file = new FileOutputStream(out);
        try {
            DataOutputStream data = new DataOutputStream(file);
            data.writeInt(MAGIC);
            data.writeInt(definer.length);
            data.write(definer);
            data.writeInt(order.size());
            for (String name : order) {
                byte[] b = files.get(name);
                byte[] binaryName = name.replace('/', '.').getBytes("US-ASCII");
                data.writeInt(binaryName.length);
                data.write(binaryName);
                data.writeInt(b.length);
                data.write(b);
            }
            data.flush();
        } finally {
            file.close();
        }
        System.out.println("[tenacious build] " + order.size() + " runtime classes written to " + out);
    }

    /** The set's class files under {@code dir}, by internal name. */
    private static void collect(File dir, String path, Map<String, byte[]> files) throws IOException {
        File[] children = dir.listFiles();
        if (children == null) {
            return;
        }
        for (File f : children) {
            String p = path + f.getName();
            if (f.isDirectory()) {
                collect(f, p + "/", files);
            } else if (inBootstrapSet(p)) {
                byte[] b = readFully(new java.io.FileInputStream(f), (int) f.length());
                files.put(ClassFileHeader.read(b).name, b);
            }
        }
    }

    /** Internal names, every class after those of its supertypes that are in the set. */
    static List<String> order(Map<String, byte[]> files) throws IOException {
        Map<String, ClassFileHeader> headers = new TreeMap<String, ClassFileHeader>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            headers.put(e.getKey(), ClassFileHeader.read(e.getValue()));
        }
        List<String> order = new ArrayList<String>(files.size());
        Set<String> placed = new HashSet<String>();
        for (String name : headers.keySet()) {
            place(name, headers, placed, order);
        }
        return order;
    }

    private static void place(String name, Map<String, ClassFileHeader> headers, Set<String> placed, List<String> order) {
        ClassFileHeader h = headers.get(name);
        if (h == null || !placed.add(name)) {
            return; // a JDK type, or already placed (the hierarchy of class files is acyclic)
        }
        if (h.superName != null) {
            place(h.superName, headers, placed, order);
        }
        for (String i : h.interfaces) {
            place(i, headers, placed, order);
        }
        order.add(name);
    }

    /** Big-endian ints, byte runs and ASCII names from the index. */
    private static final class Reader {
        private final byte[] b;
        private int at;

        Reader(byte[] b) {
            this.b = b;
        }

        int int32() {
            int v = ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            at += 4;
            return v;
        }

        byte[] bytes(int n) {
            byte[] r = new byte[n];
            System.arraycopy(b, at, r, 0, n);
            at += n;
            return r;
        }

        String ascii(int n) {
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = (char) b[at + i];
            }
            at += n;
            return new String(c);
        }
    }

    static byte[] readFully(InputStream in, int size) throws IOException {
        try {
            byte[] b = new byte[size >= 0 ? size : 8192];
            int n = 0;
            while (true) {
                if (n == b.length) {
                    if (size >= 0) {
                        return b;
                    }
                    byte[] bigger = new byte[b.length * 2];
                    System.arraycopy(b, 0, bigger, 0, n);
                    b = bigger;
                }
                int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (size >= 0) {
                throw new IOException("truncated entry");
            }
            byte[] exact = new byte[n];
            System.arraycopy(b, 0, exact, 0, n);
            return exact;
        } finally {
            in.close();
        }
    }
}
