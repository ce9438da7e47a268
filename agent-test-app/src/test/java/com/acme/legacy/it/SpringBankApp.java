package com.acme.legacy.it;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Spring Boot bank (module spring-app) in a JVM of its own, as an operator runs it:
 * {@code java [-javaagent:tenacious-agent.jar=policy] -jar spring-app.jar}, on a free port of
 * 127.0.0.1, against the database the test names; and an HTTP client for its API.
 */
final class SpringBankApp implements AutoCloseable {
    static final Path JAR = Paths.get(System.getProperty("tenacious.springApp.jar", "../spring-app/target/spring-app.jar"))
            .toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String name;
    final int port;
    final Process process;
    final Path out;

    private SpringBankApp(String name, int port, Process process, Path out) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.out = out;
    }

    /**
     * Starts the application; {@code policy} null runs it without the agent.
     *
     * @param datasource {@code url} and, for PostgreSQL, the user
     */
    static SpringBankApp start(String name, Path policy, String url, String... extraArgs) throws Exception {
        return startWithAgent(name, policy == null ? null : policy.toString(), url, extraArgs);
    }

    /** As {@link #start}, with any agent argument ({@code discover=PATH}); null runs it without the agent. */
    static SpringBankApp startWithAgent(String name, String agentArgument, String url, String... extraArgs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (agentArgument != null) {
            command.add("-javaagent:" + AppJvm.AGENT_JAR + "=" + agentArgument);
        }
        command.add("-Xmx384m");
        command.add("-jar");
        command.add(JAR.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--spring.datasource.url=" + url);
        if (url.startsWith("jdbc:postgresql:")) {
            command.add("--spring.datasource.username=postgres");
        }
        command.addAll(List.of(extraArgs));
        Path out = Files.createTempFile("spring-app-" + name, ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new SpringBankApp(name, port, p, out);
    }

    /** Waits for Spring Boot's "Started" line (a busy 2-core machine may take a minute or more). */
    SpringBankApp awaitStarted() throws Exception {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); System.nanoTime() < deadline; ) {
            if (log().contains("Started BankApplication")) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not start:\n" + log());
    }

    String log() throws Exception {
        return Files.readString(out);
    }

    /** Status and body of a POST to {@code pathAndQuery}. */
    Response post(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** A number the body's JSON object has under {@code key}. */
    static long number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(key) + "\":(-?\\d+)")
                .matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** How many times the service bodies counted under {@code key} ran. */
    long counter(String key) throws Exception {
        return number(get("/counters").body, key);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    record Response(int status, String body) {
    }
}
