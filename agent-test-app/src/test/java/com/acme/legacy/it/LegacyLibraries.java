package com.acme.legacy.it;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The legacy HTTP clients of issue 12, which legacy-app copies into directories of their own next to its
 * {@code target/lib} (OkHttp 3 and 4 cannot share a class path): the runs that use them add them with
 * {@link AppJvm#run(Jdk, Path, List, List, String...)}, the other runs keep the class path they had.
 */
final class LegacyLibraries {
    private LegacyLibraries() {
    }

    /** Spring's RestTemplate 5.3 (spring-web, -core, -beans, -jcl), OpenFeign 13.5 and Commons HttpClient 3.1. */
    static List<Path> httpClients() {
        return jars("lib-http");
    }

    /** OkHttp 3.14.9 with Okio 1.17, or OkHttp 4.12.0 with Okio 3.6 and the Kotlin standard library. */
    static List<Path> okhttp(int major) {
        if (major != 3 && major != 4) {
            throw new IllegalArgumentException("OkHttp " + major);
        }
        return jars("lib-okhttp" + major);
    }

    /** The jar the scenario's {@code OKHTTP} line must name for that version. */
    static String okhttpJar(int major) {
        return major == 3 ? "okhttp-3.14.9.jar" : "okhttp-4.12.0.jar";
    }

    static List<Path> both(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Path> jars(String name) {
        Path lib = Paths.get(System.getProperty("tenacious.legacyApp.lib", "../legacy-app/target/lib")).toAbsolutePath().normalize();
        Path dir = lib.resolveSibling(name);
        File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".jar"));
        if (files == null || files.length == 0) {
            throw new IllegalStateException(dir + " is missing: build legacy-app first (mvn -B -q -pl legacy-app -am package -DskipTests)");
        }
        return Stream.of(files).map(File::toPath).sorted().collect(Collectors.toList());
    }
}
