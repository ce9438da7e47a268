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

/** Launches the test application in a fresh JVM, with or without the shaded agent, and collects what it printed. */
final class AppJvm {
    static final Path AGENT_JAR = Paths.get(System.getProperty("tenacious.agent.jar", "../agent/target/tenacious-agent.jar"))
            .toAbsolutePath().normalize();
    /** The legacy application's own classes, as an operator would point {@code plan} at them. */
    static final Path APP_CLASSES = Paths.get(System.getProperty("tenacious.legacyApp.classes", "../legacy-app/target/classes"))
            .toAbsolutePath().normalize();

    private AppJvm() {
    }

    static String classPath(Jdk jdk) {
        return jdk.classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    static List<String> command(Jdk jdk, Path policy, List<String> jvmOptions, String... scenario) {
        return command(jdk, policy, jvmOptions, List.of(), scenario);
    }

    /** With {@code libraries} after the application's class path (the legacy HTTP clients: see {@link LegacyLibraries}). */
    static List<String> command(Jdk jdk, Path policy, List<String> jvmOptions, List<Path> libraries, String... scenario) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (policy != null) {
            command.add("-javaagent:" + AGENT_JAR + "=" + policy);
        }
        if (jdk.version >= 21) {
            command.add("-XX:+EnableDynamicAgentLoading");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(libraries.isEmpty() ? classPath(jdk) : classPath(jdk) + File.pathSeparator
                + libraries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add("com.acme.legacy.Scenarios");
        command.addAll(Arrays.asList(scenario));
        return command;
    }

    static Result run(Jdk jdk, Path policy, String... scenario) throws Exception {
        return run(jdk, policy, List.of(), scenario);
    }

    static Result run(Jdk jdk, Path policy, List<String> jvmOptions, String... scenario) throws Exception {
        return run(new ProcessBuilder(command(jdk, policy, jvmOptions, scenario)));
    }

    /** With {@code libraries} after the application's class path (the legacy HTTP clients: see {@link LegacyLibraries}). */
    static Result run(Jdk jdk, Path policy, List<String> jvmOptions, List<Path> libraries, String... scenario) throws Exception {
        return run(new ProcessBuilder(command(jdk, policy, jvmOptions, libraries, scenario)));
    }

    /** The agent without an argument, so it looks for the policy file itself; {@code setup} sets environment and directory. */
    static Result runWithoutAgentArgument(Jdk jdk, List<String> jvmOptions,
                                          java.util.function.Consumer<ProcessBuilder> setup, String... scenario) throws Exception {
        List<String> command = command(jdk, null, jvmOptions, scenario);
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

        /** Waits until the application printed a line starting with {@code prefix} on stdout. */
        void awaitOut(String prefix) throws Exception {
            await(() -> Files.readString(out).lines().anyMatch(l -> l.startsWith(prefix)), "a line " + prefix);
        }

        /** Waits until the application printed {@code text} on stderr (the agent's lines). */
        void awaitErr(String text) throws Exception {
            await(() -> Files.readString(err).contains(text), "'" + text + "' on stderr");
        }

        /** How many calls the application has reported so far. */
        int results() throws IOException {
            return (int) Files.readString(out).lines().filter(l -> l.startsWith("RESULT ")).count();
        }

        private void await(Check check, String what) throws Exception {
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline; ) {
                if (check.holds()) {
                    return;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            if (!check.holds()) {
                process.destroyForcibly();
                throw new AssertionError("no " + what + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
        }

        /** Ends the application (for scenarios that would run on) and collects what it printed. */
        Result stop() throws Exception {
            process.destroy();
            return finish();
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

    interface Check {
        boolean holds() throws IOException;
    }

    static Running start(Jdk jdk, Path policy, String... scenario) throws Exception {
        return start(new ProcessBuilder(command(jdk, policy, List.of(), scenario)));
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
