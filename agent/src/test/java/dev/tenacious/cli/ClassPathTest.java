package dev.tenacious.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassPathTest {
    @TempDir
    Path dir;

    @Test
    void nestedJarsAreReadInTheOrderOfClasspathIdxSoTheFirstListedWins() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            entry(out, "BOOT-INF/classes/com/acme/App.class", new byte[] {9});
            entry(out, "BOOT-INF/lib/a.jar", zip("p/A.class", new byte[] {1}));
            entry(out, "BOOT-INF/lib/b.jar", zip("p/A.class", new byte[] {2}));
            entry(out, "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/b.jar\"\n- \"BOOT-INF/lib/a.jar\"\n".getBytes(StandardCharsets.UTF_8));
            entry(out, "org/springframework/boot/loader/Launcher.class", new byte[] {7});
        }
        try (ClassPath cp = ClassPath.read(jar.toString())) {
            assertEquals(List.of("com.acme.App", "org.springframework.boot.loader.Launcher", "p.A"), List.copyOf(cp.classNames));
            assertArrayEquals(new byte[] {2}, cp.locator().locate("p.A").resolve(), "b.jar comes first in classpath.idx");
            assertArrayEquals(new byte[] {9}, cp.locator().locate("com.acme.App").resolve());
            assertEquals(List.of(jar + ": a Spring Boot jar: BOOT-INF/classes/ and 2 nested jars from BOOT-INF/lib/"), cp.notes);
        }
    }

    @Test
    void aNestedJarThatCannotBeReadIsAWarningAndTheRestIsRead() throws Exception {
        Path war = dir.resolve("app.war");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            entry(out, "WEB-INF/classes/com/acme/App.class", new byte[] {9});
            entry(out, "WEB-INF/lib/broken.jar", "not a zip".getBytes(StandardCharsets.US_ASCII));
            entry(out, "WEB-INF/lib-provided/ok.jar", zip("p/A.class", new byte[] {1}));
        }
        try (ClassPath cp = ClassPath.read(war.toString())) {
            assertEquals(List.of("com.acme.App", "p.A"), List.copyOf(cp.classNames));
            assertEquals(1, cp.warnings.size(), cp.warnings::toString);
            assertTrue(cp.warnings.get(0).startsWith("app.war!/WEB-INF/lib/broken.jar: not a zip archive"), cp.warnings::toString);
        }
    }

    @Test
    void anUnpackedSpringBootJarIsReadLikeThePackedOne() throws Exception {
        Path root = dir.resolve("exploded");
        Files.createDirectories(root.resolve("BOOT-INF/classes/com/acme"));
        Files.write(root.resolve("BOOT-INF/classes/com/acme/App.class"), new byte[] {9});
        Files.createDirectories(root.resolve("BOOT-INF/lib"));
        Files.write(root.resolve("BOOT-INF/lib/a.jar"), zip("p/A.class", new byte[] {1}));
        try (ClassPath cp = ClassPath.read(root.toString())) {
            assertEquals(List.of("com.acme.App", "p.A"), List.copyOf(cp.classNames));
        }
    }

    @Test
    void aMissingEntryOrAMissingWildcardDirectoryIsAProblemNamingIt() {
        Path missing = dir.resolve("nope.jar");
        ClassPath.Problem p = assertThrows(ClassPath.Problem.class, () -> ClassPath.read(dir + ":" + missing));
        assertEquals(missing + ": no such file or directory", p.getMessage());
        ClassPath.Problem w = assertThrows(ClassPath.Problem.class, () -> ClassPath.read(dir.resolve("lib") + "/*"));
        assertEquals(dir.resolve("lib") + "/*: no such directory", w.getMessage());
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(b)) {
            entry(out, name, content);
        }
        return b.toByteArray();
    }

    private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        ((OutputStream) out).write(content);
        out.closeEntry();
    }
}
