package com.acme.legacy.it;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's class path on JDK 8 holds only class files JDK 8 can load: the legacy
 * application compiled for Java 8, and libraries whose class files are Java 8 or older (H2 2.1.214,
 * not the current H2, which is Java 11). Checked from the class files, not from what the libraries say.
 */
class ClassPathTest {
    static final int JAVA_8 = 52;

    @Test
    void everyClassOnTheJdk8ClassPathIsJava8BytecodeOrOlder() throws Exception {
        Jdk jdk8 = Jdk.all().filter(Jdk::isJava8).findFirst().orElseThrow();
        List<String> newer = new ArrayList<>();
        int classes = 0;
        for (Path entry : jdk8.classPath()) {
            for (ClassFile c : classFiles(entry)) {
                classes++;
                if (c.major > JAVA_8) {
                    newer.add(entry.getFileName() + "!" + c.name + " (" + c.major + ")");
                }
            }
        }
        assertTrue(classes > 3000, "the application, H2, HttpClient 4.5 and 5, PostgreSQL: " + classes + " classes");
        assertEquals(List.of(), newer.subList(0, Math.min(20, newer.size())));
    }

    static final class ClassFile {
        final String name;
        final int major;

        ClassFile(String name, int major) {
            this.name = name;
            this.major = major;
        }
    }

    /** The class files JDK 8 reads: multi-release versions and module descriptors are for later JDKs. */
    static List<ClassFile> classFiles(Path entry) throws IOException {
        List<ClassFile> found = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    try (InputStream in = Files.newInputStream(f)) {
                        found.add(new ClassFile(entry.relativize(f).toString(), major(in)));
                    }
                }
            }
            return found;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                        found.add(new ClassFile(name, major(in)));
                    }
                }
            }
        }
        return found;
    }

    private static int major(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        d.readInt(); // 0xCAFEBABE
        d.readUnsignedShort(); // minor
        return d.readUnsignedShort();
    }
}
