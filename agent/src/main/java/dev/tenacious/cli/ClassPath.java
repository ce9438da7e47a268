package dev.tenacious.cli;

import net.bytebuddy.dynamic.ClassFileLocator;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The class files of {@code plan}'s class path as the application's class loaders would see them,
 * read without loading a class. An entry is a directory, a jar, or {@code DIR/*} (every jar in DIR,
 * as {@code java -cp} reads it). A Spring Boot jar or a war is read as its launcher or server loads
 * it: {@code BOOT-INF/classes/} and every jar in {@code BOOT-INF/lib/} ({@code WEB-INF/classes/},
 * {@code WEB-INF/lib/} and {@code WEB-INF/lib-provided/} for a war), the nested jars read in memory,
 * nothing unpacked to disk. An entry that does not exist, or is neither a directory nor a jar, is an
 * error: a plan that silently read nothing would report every pattern as matching nothing.
 */
final class ClassPath implements Closeable {
    /** A problem with the class path the operator gave: the message names the entry. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** Binary names of every class found, sorted; where a name is found twice the first entry's class wins. */
    final TreeSet<String> classNames = new TreeSet<String>();
    /** One line per entry that was more than a plain jar or directory: what was read of it. */
    final List<String> notes = new ArrayList<String>();
    /** Nested jars that could not be read: their classes are left out. */
    final List<String> warnings = new ArrayList<String>();
    int entries;
    private final List<ClassFileLocator> locators = new ArrayList<ClassFileLocator>();
    private final List<Closeable> open = new ArrayList<Closeable>();

    private ClassPath() {
    }

    /** Reads {@code classPath}, entries separated by {@link File#pathSeparator}. */
    static ClassPath read(String classPath) throws Problem, IOException {
        ClassPath cp = new ClassPath();
        try {
            for (String e : classPath.split(File.pathSeparator)) {
                if (!e.isEmpty()) {
                    cp.entries++;
                    cp.add(e);
                }
            }
            return cp;
        } catch (Problem | IOException | RuntimeException e) {
            cp.close();
            throw e;
        }
    }

    /** Finds class files by binary name, in class-path order. */
    ClassFileLocator locator() {
        return new ClassFileLocator.Compound(locators);
    }

    private void add(String entry) throws Problem, IOException {
        if (entry.endsWith(File.separator + "*") || entry.equals("*")) {
            File dir = new File(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
            File[] jars = dir.listFiles((d, n) -> n.endsWith(".jar") || n.endsWith(".JAR"));
            if (jars == null) {
                throw new Problem(entry + ": no such directory");
            }
            Arrays.sort(jars);
            for (File j : jars) {
                addFile(j);
            }
            return;
        }
        File f = new File(entry);
        if (f.isDirectory()) {
            addDirectory(f);
        } else if (f.isFile()) {
            addFile(f);
        } else {
            throw new Problem(entry + ": no such file or directory");
        }
    }

    private void addDirectory(File dir) throws IOException {
        for (String layout : new String[] {"BOOT-INF", "WEB-INF"}) {
            File classes = new File(dir, layout + "/classes");
            if (classes.isDirectory()) { // an unpacked Spring Boot jar or war
                folder(classes);
                int jars = 0;
                for (String lib : libraries(layout)) {
                    File[] found = new File(dir, lib).listFiles((d, n) -> n.endsWith(".jar"));
                    if (found != null) {
                        Arrays.sort(found);
                        for (File j : found) {
                            plainJar(j);
                            jars++;
                        }
                    }
                }
                notes.add(dir + ": an unpacked " + kind(layout) + ": " + layout + "/classes/ and " + count(jars, "jar"));
                return;
            }
        }
        folder(dir);
    }

    private void addFile(File file) throws Problem, IOException {
        JarFile jar;
        try {
            jar = new JarFile(file);
        } catch (IOException e) {
            throw new Problem(file + ": not a jar or a directory (" + e.getMessage() + ")");
        }
        open.add(jar);
        String layout = has(jar, "BOOT-INF/") ? "BOOT-INF"
                : has(jar, "WEB-INF/") ? "WEB-INF" : null;
        if (layout == null) {
            locators.add(new InJar(jar, ""));
            names(jar, "", "META-INF/");
            return;
        }
        Manifest manifest = jar.getManifest();
        Attributes main = manifest != null ? manifest.getMainAttributes() : new Attributes();
        String classes = directoryName(main.getValue("Spring-Boot-Classes"), layout + "/classes/");
        locators.add(new InJar(jar, classes));
        names(jar, classes);
        locators.add(new InJar(jar, "")); // the launcher's own classes, at the root, are loaded too
        names(jar, "", "META-INF/", layout + "/");
        List<String> libs = new ArrayList<String>(libraries(layout));
        String bootLib = directoryName(main.getValue("Spring-Boot-Lib"), null);
        if (bootLib != null && !libs.contains(bootLib)) {
            libs.add(0, bootLib);
        }
        int nested = 0;
        for (String path : nestedJars(jar, libs)) {
            try {
                InMemoryJar inner = InMemoryJar.of(file.getName() + "!/" + path, bytes(jar, jar.getJarEntry(path)));
                locators.add(inner);
                for (String n : inner.entryNames()) {
                    addClassName(n, "");
                }
                nested++;
            } catch (IOException e) {
                warnings.add(e.getMessage() + "; its classes are left out of the plan");
            }
        }
        notes.add(file + ": a " + kind(layout) + ": " + classes + " and " + count(nested, "nested jar") + " from "
                + String.join(", ", libs));
    }

    /** The nested jars in class-path order: Spring Boot's {@code classpath.idx} when there is one, else the jar's order. */
    private static List<String> nestedJars(JarFile jar, List<String> libs) throws IOException {
        List<String> found = new ArrayList<String>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            for (String lib : libs) {
                if (n.startsWith(lib) && n.endsWith(".jar") && n.indexOf('/', lib.length()) < 0) {
                    found.add(n);
                }
            }
        }
        JarEntry index = jar.getJarEntry("BOOT-INF/classpath.idx");
        if (index == null) {
            return found;
        }
        List<String> ordered = new ArrayList<String>();
        for (String line : new String(bytes(jar, index), StandardCharsets.UTF_8).split("\r?\n")) {
            String n = line.replaceFirst("^- ", "").replace("\"", "").trim();
            if (found.remove(n)) {
                ordered.add(n);
            }
        }
        ordered.addAll(found); // listed nowhere: after the others
        return ordered;
    }

    private static List<String> libraries(String layout) {
        return layout.equals("BOOT-INF") ? Arrays.asList("BOOT-INF/lib/")
                : Arrays.asList("WEB-INF/lib/", "WEB-INF/lib-provided/");
    }

    private static String kind(String layout) {
        return layout.equals("BOOT-INF") ? "Spring Boot jar" : "war";
    }

    private static String directoryName(String value, String fallback) {
        if (value == null || value.trim().isEmpty()) {
            return fallback;
        }
        String v = value.trim();
        return v.endsWith("/") ? v : v + "/";
    }

    private static boolean has(JarFile jar, String prefix) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            if (e.nextElement().getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void plainJar(File f) throws IOException {
        JarFile jar = new JarFile(f);
        open.add(jar);
        locators.add(new InJar(jar, ""));
        names(jar, "", "META-INF/");
    }

    /** Adds the classes of {@code jar} under {@code prefix}, but those under any of {@code skipped}. */
    private void names(JarFile jar, String prefix, String... skipped) {
        entries:
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            for (String s : skipped) {
                if (n.startsWith(s)) {
                    continue entries;
                }
            }
            addClassName(n, prefix);
        }
    }

    private void addClassName(String entryName, String prefix) {
        if (entryName.startsWith(prefix) && entryName.endsWith(".class") && !entryName.endsWith("module-info.class")
                && !entryName.startsWith("META-INF/", prefix.length())) {
            String n = entryName.substring(prefix.length(), entryName.length() - 6);
            classNames.add(n.replace('/', '.'));
        }
    }

    private void folder(File dir) throws IOException {
        locators.add(new ClassFileLocator.ForFolder(dir));
        final Path root = dir.toPath();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(p -> addClassName(root.relativize(p).toString().replace(File.separatorChar, '/'), ""));
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static byte[] bytes(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(entry.getSize() > 0 ? (int) entry.getSize() : 8192);
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                out.write(b, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Class files in a jar on disk, under a folder of it ({@code BOOT-INF/classes/}) or at its root. */
    private static final class InJar implements ClassFileLocator {
        private final JarFile jar;
        private final String prefix;

        InJar(JarFile jar, String prefix) {
            this.jar = jar;
            this.prefix = prefix;
        }

        @Override
        public Resolution locate(String typeName) throws IOException {
            JarEntry e = jar.getJarEntry(prefix + typeName.replace('.', '/') + ".class");
            return e == null ? new Resolution.Illegal(typeName) : new Resolution.Explicit(bytes(jar, e));
        }

        @Override
        public void close() {
            // the jar is closed with the class path
        }
    }
}
