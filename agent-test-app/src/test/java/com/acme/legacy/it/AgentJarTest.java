package com.acme.legacy.it;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped jar: one file, agent manifest, dependencies relocated, Java 8 bytecode. */
class AgentJarTest {
    @Test
    void theJarHoldsNoClassOutsideTheAgentsOwnPackages() throws Exception {
        List<String> strays = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(AppJvm.AGENT_JAR.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class")) {
                    classes++;
                    if (!name.startsWith("dev/tenacious/")) {
                        strays.add(name);
                    }
                }
            }
        }
        assertTrue(classes > 1000, "Byte Buddy and SnakeYAML are inside: " + classes + " classes");
        assertEquals(List.of(), strays);
    }

    @Test
    void theDependenciesAreRelocatedIntoAPrivatePackage() throws Exception {
        try (JarFile jar = new JarFile(AppJvm.AGENT_JAR.toFile())) {
            assertTrue(jar.getEntry("dev/tenacious/shaded/bytebuddy/agent/builder/AgentBuilder.class") != null);
            assertTrue(jar.getEntry("dev/tenacious/shaded/snakeyaml/Yaml.class") != null);
            assertEquals(null, jar.getEntry("net/bytebuddy/ByteBuddy.class"));
            assertEquals(null, jar.getEntry("org/yaml/snakeyaml/Yaml.class"));
        }
    }

    /** The runtime's classes, which the agent defines in the bootstrap loader, written by the build into one entry. */
    @Test
    void theJarHoldsTheIndexOfTheRuntimesClasses() throws Exception {
        try (JarFile jar = new JarFile(AppJvm.AGENT_JAR.toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/tenacious/bootstrap-classes.bin");
            assertTrue(index != null, "no index of the runtime's classes in the jar");
            String content = new String(jar.getInputStream(index).readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(content.contains("dev.tenacious.runtime.Dispatcher"), "the index holds the runtime");
            assertTrue(!content.contains("dev.tenacious.weaving.AgentInstaller"), "and not the rest of the agent");
        }
    }

    @Test
    void theManifestDeclaresAnAgentThatCanRetransform() throws Exception {
        try (JarFile jar = new JarFile(AppJvm.AGENT_JAR.toFile())) {
            Attributes a = jar.getManifest().getMainAttributes();
            assertEquals("dev.tenacious.agent.AgentMain", a.getValue("Premain-Class"));
            assertEquals("dev.tenacious.agent.AgentMain", a.getValue("Agent-Class"));
            assertEquals("true", a.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void everyClassIsJava8BytecodeOrOlder() throws Exception {
        List<String> newer = new ArrayList<>();
        try (JarFile jar = new JarFile(AppJvm.AGENT_JAR.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry); DataInputStream d = new DataInputStream(in)) {
                    d.readInt();
                    d.readUnsignedShort();
                    int major = d.readUnsignedShort();
                    if (major > 52) {
                        newer.add(entry.getName() + " (" + major + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), newer);
    }
}
