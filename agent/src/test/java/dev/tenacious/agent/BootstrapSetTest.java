package dev.tenacious.agent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classes the agent defines in the bootstrap loader ({@link RuntimeClassFiles#PACKAGES}), checked
 * against the compiled classes: closed under references (a bootstrap class can only link to bootstrap
 * classes), nothing the runtime does not reach, and the index the build writes holds exactly them, each
 * after its supertypes.
 */
class BootstrapSetTest {
    private static final Path CLASSES = Paths.get("target", "classes");
    /** Every agent class, by internal name, with the agent classes it refers to. */
    private static final Map<String, Set<String>> REFERENCES = new TreeMap<>();

    @BeforeAll
    static void readClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("dev/tenacious"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                Set<String> refs = new TreeSet<>();
                ClassReader reader = new ClassReader(Files.readAllBytes(f));
                reader.accept(new ClassRemapper(new ClassWriter(0), new Remapper() {
                    @Override
                    public String map(String internalName) {
                        if (!isJdk(internalName)) {
                            refs.add(internalName); // the agent's classes, and any library's
                        }
                        return internalName;
                    }
                }), 0);
                refs.remove(reader.getClassName());
                REFERENCES.put(reader.getClassName(), refs);
            }
        }
    }

    /** The JDK's own packages, which the bootstrap loader (or the platform loader) always has. */
    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/") || internalName.startsWith("[")
                || !internalName.contains("/");
    }

    static boolean inSet(String internalName) {
        return RuntimeClassFiles.inBootstrapSet(internalName + ".class");
    }

    @Test
    void theSetIsClosedUnderReferences() {
        List<String> leaks = new ArrayList<>();
        REFERENCES.forEach((c, refs) -> {
            if (inSet(c)) {
                refs.stream().filter(r -> !inSet(r)).forEach(r -> leaks.add(c + " -> " + r));
            }
        });
        assertEquals(List.of(), leaks, "bootstrap classes cannot link to classes of the agent's own class loader");
    }

    @Test
    void everyPackageOfTheSetIsReachedFromTheRuntime() {
        Set<String> reached = new HashSet<>();
        List<String> todo = REFERENCES.keySet().stream().filter(c -> c.startsWith("dev/tenacious/runtime/"))
                .collect(Collectors.toList());
        while (!todo.isEmpty()) {
            String c = todo.remove(todo.size() - 1);
            if (reached.add(c)) {
                todo.addAll(REFERENCES.getOrDefault(c, Set.of()));
            }
        }
        for (String p : RuntimeClassFiles.PACKAGES) {
            assertTrue(reached.stream().anyMatch(c -> c.startsWith(p)), p + " is in the set but the runtime never reaches it");
        }
        assertTrue(REFERENCES.keySet().stream().anyMatch(c -> c.startsWith("dev/tenacious/presets/")), "presets exist");
        assertTrue(reached.stream().noneMatch(c -> c.startsWith("dev/tenacious/presets/")),
                "the runtime reaches presets only through Preset instances, so they stay out of the bootstrap loader");
    }

    @Test
    void theIndexTheBuildWroteHoldsTheSetSupertypesFirst() throws IOException {
        RuntimeClassFiles index = RuntimeClassFiles.parse(Files.readAllBytes(CLASSES.resolve(RuntimeClassFiles.INDEX)));
        Set<String> expected = REFERENCES.keySet().stream().filter(BootstrapSetTest::inSet).collect(Collectors.toCollection(TreeSet::new));
        Set<String> defined = new TreeSet<>();
        for (int i = 0; i < index.names.length; i++) {
            String name = index.names[i].replace('.', '/');
            ClassReader reader = new ClassReader(index.classFiles[i]);
            assertEquals(name, reader.getClassName());
            List<String> supertypes = new ArrayList<>(List.of(reader.getInterfaces()));
            supertypes.add(reader.getSuperName());
            for (String s : supertypes) {
                assertTrue(!inSet(s) || defined.contains(s), name + " comes before its supertype " + s);
            }
            defined.add(name);
        }
        assertEquals(expected, defined);
        assertEquals(0xCAFEBABE, new java.io.DataInputStream(new java.io.ByteArrayInputStream(index.definer)).readInt(),
                "the Java 9 definer is in the index");
    }
}
