package com.acme.legacy.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Launches the test application in a fresh JVM, with or without the shaded agent, and collects what it printed. */
final class AppJvm {
    static final Path AGENT_JAR = Paths.get(System.getProperty("tenacious.agent.jar", "../agent/target/tenacious-agent.jar"))
            .toAbsolutePath().normalize();
    static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private AppJvm() {
    }

    /** The JDKs the black-box tests run the application on: this one (17) and JDK 25 where installed. */
    static Stream<String> jdks() {
        List<String> homes = new ArrayList<>();
        homes.add(System.getProperty("java.home"));
        if (new File(JDK25, "bin/java").canExecute()) {
            homes.add(JDK25);
        }
        return homes.stream();
    }

    static int featureVersion(String javaHome) {
        try {
            for (String line : Files.readAllLines(Paths.get(javaHome, "release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.version().feature();
    }

    static String classPath() {
        String classes = System.getProperty("tenacious.app.classes", "target/classes");
        String deps = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.matches(".*(h2|postgresql|httpclient5|httpcore5|slf4j).*"))
                .collect(Collectors.joining(File.pathSeparator));
        return classes + File.pathSeparator + deps;
    }

    static List<String> command(String javaHome, Path policy, List<String> jvmOptions, String... scenario) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(javaHome, "bin", "java").toString());
        if (policy != null) {
            command.add("-javaagent:" + AGENT_JAR + "=" + policy);
        }
        if (featureVersion(javaHome) >= 21) {
            command.add("-XX:+EnableDynamicAgentLoading");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add("com.acme.legacy.Scenarios");
        command.addAll(Arrays.asList(scenario));
        return command;
    }

    static Result run(String javaHome, Path policy, String... scenario) throws Exception {
        return run(javaHome, policy, List.of(), scenario);
    }

    static Result run(String javaHome, Path policy, List<String> jvmOptions, String... scenario) throws Exception {
        return run(new ProcessBuilder(command(javaHome, policy, jvmOptions, scenario)));
    }

    /** The agent without an argument, so it looks for the policy file itself; {@code setup} sets environment and directory. */
    static Result runWithoutAgentArgument(String javaHome, List<String> jvmOptions,
                                          java.util.function.Consumer<ProcessBuilder> setup, String... scenario) throws Exception {
        List<String> command = command(javaHome, null, jvmOptions, scenario);
        command.add(1, "-javaagent:" + AGENT_JAR);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TENACIOUS_POLICIES");
        setup.accept(builder);
        return run(builder);
    }

    /** A running application, for tests that change things while it runs. */
    static final class Running {
        final Process process;
        final Path out;
        final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        Result finish() throws Exception {
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the application did not finish within 120 s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    static Running start(String javaHome, Path policy, String... scenario) throws Exception {
        return start(new ProcessBuilder(command(javaHome, policy, List.of(), scenario)));
    }

    static Running start(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile("app-out", ".txt");
        Path err = Files.createTempFile("app-err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Running(p, out, err);
    }

    static Result run(ProcessBuilder builder) throws Exception {
        return start(builder).finish();
    }

    /** Writes a policy file into {@code dir}. */
    static Path policy(Path dir, String yaml) throws IOException {
        Path p = dir.resolve("policies.yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    /** What the application printed and how it exited. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The outcome of call {@code n} as the caller saw it: {@code OK <body>} or {@code CAUGHT <class> <message>}. */
        String call(int n) {
            String prefix = "RESULT " + n + " ";
            return stdout.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no result for call " + n + "\nstdout:\n"
                            + stdout + "\nstderr:\n" + stderr));
        }

        String line(String prefix) {
            return stdout.lines().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line " + prefix + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
