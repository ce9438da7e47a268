package com.acme.legacy.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy HTTP clients of issue 12 run on JDK 8 too: every class JDK 8 reads from legacy-app's lib-http,
 * lib-okhttp3 and lib-okhttp4 (Spring 5.3, OpenFeign, Commons HttpClient 3.1, OkHttp 3 and 4 with Okio and
 * Kotlin) is Java 8 bytecode or older, as {@link ClassPathTest} checks for the application's own class path.
 */
class LegacyLibrariesTest {
    @Test
    void everyLegacyHttpClientLibraryIsJava8BytecodeOrOlder() throws Exception {
        List<Path> jars = new ArrayList<>(LegacyLibraries.httpClients());
        jars.addAll(LegacyLibraries.okhttp(3));
        jars.addAll(LegacyLibraries.okhttp(4));
        List<String> newer = new ArrayList<>();
        int classes = 0;
        for (Path jar : jars) {
            for (ClassPathTest.ClassFile c : ClassPathTest.classFiles(jar)) {
                classes++;
                if (c.major > ClassPathTest.JAVA_8) {
                    newer.add(jar.getFileName() + "!" + c.name + " (" + c.major + ")");
                }
            }
        }
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("feign-core-")), jars::toString);
        assertTrue(classes > 2000, "Spring web, core and beans, Feign, Commons HttpClient 3.1, OkHttp 3 and 4, Okio, Kotlin: " + classes);
        assertEquals(List.of(), newer.subList(0, Math.min(20, newer.size())));
    }
}
