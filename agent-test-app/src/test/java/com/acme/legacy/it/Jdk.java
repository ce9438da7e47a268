package com.acme.legacy.it;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JDK the black-box tests run the application on. The matrix is JDK 8, 11, this JVM's (17) and 25,
 * found at fixed paths that system properties override ({@code tenacious.jdk8}, {@code tenacious.jdk11},
 * {@code tenacious.jdk25}). A JDK that is not there stays in the matrix: its tests are skipped with
 * the reason, and the first lookup says so on the console, so a missing JDK never passes silently.
 */
final class Jdk {
    static final String JDK8 = "/opt/legacy-jdks/jdk8";
    static final String JDK11 = "/opt/legacy-jdks/jdk11";
    static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final List<Jdk> MATRIX = matrix();

    final int version;
    /** The JDK's home, or null when it is missing. */
    private final Path home;
    /** Why it is missing, or null. */
    private final String missing;

    private Jdk(int version, Path home, String missing) {
        this.version = version;
        this.home = home;
        this.missing = missing;
    }

    /** Every JDK of the matrix, oldest first, missing ones included. */
    static Stream<Jdk> all() {
        return MATRIX.stream();
    }

    /** The JDKs of the matrix from {@code version} on (the JDK HttpClient needs 11). */
    static Stream<Jdk> from(int version) {
        return all().filter(j -> j.version >= version);
    }

    /** The JVM running the tests (JDK 17 in CI), for the suites that do not differ by JVM. */
    static Stream<Jdk> current() {
        return all().filter(j -> j.version == Runtime.version().feature());
    }

    /** The {@code java} launcher; skips the calling test, with the reason, when this JDK is missing. */
    Path java() {
        Assumptions.assumeTrue(home != null, () -> "JDK " + version + " skipped: " + missing);
        return home.resolve("bin").resolve("java");
    }

    private Boolean sharesClassData;

    /**
     * Whether this JVM maps a class-data archive at start ({@code java -version} says "sharing"): only
     * then does appending to the bootstrap class path make it warn "Sharing is only supported for boot
     * loader classes". Debian's JDK 11 ships no archive.
     */
    synchronized boolean sharesClassData() throws Exception {
        if (sharesClassData == null) {
            Process p = new ProcessBuilder(java().toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            sharesClassData = out.contains("sharing");
        }
        return sharesClassData;
    }

    /** JDK 8 has no module system, no unified logging and no JDK HttpClient; its attach API is in tools.jar. */
    boolean isJava8() {
        return version == 8;
    }

    /**
     * The application's class path on this JDK: the Java 8 application and the Java-8-capable
     * libraries (H2 2.1.214 among them) on JDK 8; from 11 on, also the Java 11 scenarios, with the
     * current H2. Each JDK gets only class files it can run.
     */
    List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        Path legacyClasses = property("tenacious.legacyApp.classes", "../legacy-app/target/classes");
        if (version < 11) {
            entries.add(legacyClasses);
            entries.addAll(jars(property("tenacious.legacyApp.lib", "../legacy-app/target/lib")));
        } else {
            entries.add(property("tenacious.java11App.classes", "target/classes"));
            entries.add(legacyClasses);
            entries.addAll(jars(property("tenacious.java11App.lib", "target/lib")));
        }
        return entries;
    }

    /** JVM options that make the class-loading log go to {@code file} (JDK 8 has no unified logging). */
    List<String> classLoadingLog(Path file) {
        if (isJava8()) {
            return List.of("-XX:+TraceClassLoading", "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogVMOutput",
                    "-XX:-DisplayVMOutput", "-XX:LogFile=" + file);
        }
        return List.of("-Xlog:class+load=info:file=" + file);
    }

    @Override
    public String toString() {
        return "JDK " + version + (home != null ? " (" + home + ")" : " (missing)");
    }

    private static List<Jdk> matrix() {
        int current = Runtime.version().feature();
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk(current, Paths.get(System.getProperty("java.home")), null));
        for (Jdk j : List.of(configured(8, "tenacious.jdk8", JDK8), configured(11, "tenacious.jdk11", JDK11),
                configured(25, "tenacious.jdk25", JDK25))) {
            if (j.version != current) {
                jdks.add(j);
            }
        }
        jdks.sort(java.util.Comparator.comparingInt(j -> j.version));
        for (Jdk j : jdks) {
            if (j.missing != null) {
                System.out.println("[black-box tests] JDK " + j.version + " is missing (" + j.missing
                        + "): its tests are skipped. .ci/run installs it; see README.");
            }
        }
        return jdks;
    }

    private static Jdk configured(int version, String property, String defaultHome) {
        String where = System.getProperty(property, defaultHome);
        Path home = Paths.get(where);
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return new Jdk(version, null, "no " + where + "/bin/java; install it there or set -D" + property + "=HOME");
        }
        int found = versionOf(home);
        if (found != version) {
            return new Jdk(version, null, where + " is JDK " + found + ", not " + version);
        }
        return new Jdk(version, home, null);
    }

    /** From the JDK's release file, or (Debian's JDK 8 has none) from what {@code java -version} prints. */
    static int versionOf(Path home) {
        try {
            Path release = home.resolve("release");
            String text;
            if (Files.isRegularFile(release)) {
                text = Files.readString(release);
            } else {
                Process p = new ProcessBuilder(home.resolve("bin/java").toString(), "-version").redirectErrorStream(true).start();
                text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(30, TimeUnit.SECONDS);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("version \"(1\\.)?(\\d+)|JAVA_VERSION=\"(1\\.)?(\\d+)").matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            }
        } catch (IOException | InterruptedException e) {
            // fall through: unknown
        }
        return -1;
    }

    private static Path property(String name, String fallback) {
        return Paths.get(System.getProperty(name, fallback)).toAbsolutePath().normalize();
    }

    private static List<Path> jars(Path dir) {
        File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".jar"));
        if (files == null) {
            throw new IllegalStateException(dir + " is missing: build first (mvn -B -q install -DskipTests)");
        }
        return Stream.of(files).map(File::toPath).sorted().collect(Collectors.toList());
    }
}
