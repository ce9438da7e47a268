package com.acme.legacy.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plan} over class paths as operators give them: a missing entry, something that is not a jar,
 * a Spring Boot jar and a war whose libraries are nested jars. The fat archives are built here from
 * the legacy application's classes and the H2 driver's jar, packed as Spring Boot and a servlet
 * container expect them.
 */
class PlanTest {
    static final String POLICIES = String.join("\n",
            "policies:",
            "  - name: db",
            "    match: [{ preset: jdbc }]",
            "  - name: inventory",
            "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
            "");
    static final String H2_STATEMENT = "\n  org.h2.jdbc.JdbcStatement.executeQuery(java.lang.String)\n";
    static final String H2_PREPARED = "\n  org.h2.jdbc.JdbcPreparedStatement.executeQuery()\n";
    static final String APP_METHOD = "\n  com.acme.legacy.client.InventoryClient.fetch(java.lang.String)\n";

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void aClassPathEntryThatDoesNotExistIsAnErrorNamingIt() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        Path missing = dir.resolve("app.jar");
        AppJvm.Result r = CliTest.cli("plan", policies.toString(), "--classpath", AppJvm.APP_CLASSES + ":" + missing);
        assertEquals(1, r.exitCode, r::toString);
        assertTrue(r.stderr.contains("error: " + missing + ": no such file or directory"), r::toString);
        assertFalse(r.stdout.contains("classes read"), "no plan from part of the class path: " + r);
    }

    @Test
    void aClassPathEntryThatIsNotAJarIsAnErrorNamingIt() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        AppJvm.Result r = CliTest.cli("plan", policies.toString(), "--classpath", policies.toString());
        assertEquals(1, r.exitCode, r::toString);
        assertTrue(r.stderr.contains("error: " + policies + ": not a jar or a directory"), r::toString);
    }

    @Test
    void aSpringBootJarIsReadWithTheJarsNestedInBootInfLib() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        Path jar = fatJar(dir.resolve("petclinic.jar"), "BOOT-INF/classes/", "BOOT-INF/lib/", true);
        AppJvm.Result r = CliTest.cli("plan", policies.toString(), "--classpath", jar.toString());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains(H2_STATEMENT), "H2's statements, from the nested jar: " + r);
        assertTrue(r.stdout.contains(H2_PREPARED), r::toString);
        assertTrue(r.stdout.contains(APP_METHOD), "the application's classes, from BOOT-INF/classes: " + r);
        assertFalse(r.stdout.contains("matches nothing"), r::toString);
        assertTrue(r.stdout.contains(jar + ": a Spring Boot jar: BOOT-INF/classes/ and 1 nested jar from BOOT-INF/lib/"), r::toString);
    }

    @Test
    void aWarIsReadWithWebInfClassesAndTheJarsInWebInfLib() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        Path war = fatJar(dir.resolve("app.war"), "WEB-INF/classes/", "WEB-INF/lib/", false);
        AppJvm.Result r = CliTest.cli("plan", policies.toString(), "--classpath", war.toString());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains(H2_STATEMENT), r::toString);
        assertTrue(r.stdout.contains(APP_METHOD), r::toString);
        assertFalse(r.stdout.contains("matches nothing"), r::toString);
    }

    @Test
    void aSpringBootJarGivesTheSamePlanAsItsClassesAndJarsGivenApart() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        Path jar = fatJar(dir.resolve("app.jar"), "BOOT-INF/classes/", "BOOT-INF/lib/", true);
        AppJvm.Result fat = CliTest.cli("plan", policies.toString(), "--classpath", jar.toString());
        AppJvm.Result apart = CliTest.cli("plan", policies.toString(), "--classpath", AppJvm.APP_CLASSES + ":" + h2Jar());
        assertEquals(0, apart.exitCode, apart::toString);
        assertEquals(methods(apart.stdout), methods(fat.stdout), fat::toString);
    }

    @Test
    void aDirectoryOfJarsIsReadFromAWildcardEntry() throws Exception {
        Path policies = Files.writeString(dir.resolve("policies.yaml"), POLICIES);
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.copy(h2Jar(), lib.resolve("h2.jar"));
        AppJvm.Result r = CliTest.cli("plan", policies.toString(), "--classpath", lib + "/*");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.stdout.contains(H2_STATEMENT), r::toString);
    }

    /** The lines from the first policy on: the plan without the line that counts entries and notes. */
    private static String methods(String stdout) {
        return stdout.substring(stdout.indexOf("policy "));
    }

    /** The current H2 driver's jar, as Maven copied it for the test application. */
    static Path h2Jar() throws IOException {
        Path lib = Paths.get(System.getProperty("tenacious.java11App.lib", "target/lib"));
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 jar in " + lib));
        }
    }

    /**
     * A fat archive: the application's classes under {@code classes}, H2's jar under {@code lib},
     * stored (as Spring Boot packs nested jars, so they can be read in place) or deflated (as a war
     * usually has them).
     */
    static Path fatJar(Path target, String classes, String lib, boolean stored) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classes.startsWith("BOOT-INF")) {
            manifest.getMainAttributes().putValue("Main-Class", "org.springframework.boot.loader.launch.JarLauncher");
            manifest.getMainAttributes().putValue("Start-Class", "com.acme.legacy.Scenarios");
            manifest.getMainAttributes().putValue("Spring-Boot-Classes", classes);
            manifest.getMainAttributes().putValue("Spring-Boot-Lib", lib);
        }
        Path app = AppJvm.APP_CLASSES;
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest);
             Stream<Path> files = Files.walk(app)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes + app.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            byte[] h2 = Files.readAllBytes(h2Jar());
            JarEntry nested = new JarEntry(lib + h2Jar().getFileName());
            if (stored) {
                CRC32 crc = new CRC32();
                crc.update(h2);
                nested.setMethod(ZipEntry.STORED);
                nested.setSize(h2.length);
                nested.setCompressedSize(h2.length);
                nested.setCrc(crc.getValue());
            }
            out.putNextEntry(nested);
            out.write(h2);
            out.closeEntry();
        }
        return target;
    }
}
