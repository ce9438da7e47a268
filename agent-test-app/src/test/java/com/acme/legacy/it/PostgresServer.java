package com.acme.legacy.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the jdbc preset's tests: {@code initdb} into a temporary directory and
 * {@code pg_ctl start} on a free port of 127.0.0.1, no Unix socket, trust authentication, every
 * statement logged (the log is what the server counted). Each test takes a {@link Database} of its
 * own, whose lines in the log carry its name, so tests share the server side by side. PostgreSQL
 * refuses to run as root, so as root (CI) its commands run as the {@code postgres} user that the
 * Debian package creates.
 */
final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path log;
    final int port;
    private final boolean asPostgresUser;
    private final java.util.concurrent.atomic.AtomicInteger databases = new java.util.concurrent.atomic.AtomicInteger();

    PostgresServer() throws Exception {
        bin = findBin();
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        home = Files.createTempDirectory("tenacious-pg");
        data = home.resolve("data");
        log = home.resolve("server.log");
        port = freePort();
        if (asPostgresUser) {
            exec(List.of("chown", "-R", "postgres", home.toString()), false);
        }
        exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "--no-sync", "-E", "UTF8"), asPostgresUser);
        start();
    }

    /** The newest /usr/lib/postgresql/N/bin (the Debian layout), else the directory of initdb on the PATH. */
    static Path findBin() throws IOException {
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, "initdb"))) {
                return Paths.get(dir);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (no initdb); .ci/run installs the Debian package postgresql");
    }

    /** A new, empty database on this server. */
    Database createDatabase() throws Exception {
        String name = "test" + databases.incrementAndGet();
        exec(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", name), false);
        return new Database(name);
    }

    /** One test's database, and what the server logged about it. */
    final class Database {
        final String name;

        Database(String name) {
            this.name = name;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
        }

        /** The server's log lines about this database (log_line_prefix puts its name first). */
        List<String> log() throws IOException {
            String prefix = "db=" + name + ":";
            return Arrays.stream(PostgresServer.this.log().split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        }

        /** How many times statements containing {@code marker} were executed here, as the server logged them. */
        int executions(String marker) throws IOException {
            return (int) log().stream().filter(l -> (l.contains("statement: ") || l.contains("execute <")) && l.contains(marker)).count();
        }

        int lines(String text) throws IOException {
            return (int) log().stream().filter(l -> l.contains(text)).count();
        }
    }

    void start() throws Exception {
        String options = String.join(" ", "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=''", "-c", "log_statement=all", "-c", "log_connections=on",
                "-c", "deadlock_timeout=200ms", "-c", "fsync=off", "-c", "max_connections=50", "-c", "log_line_prefix=db=%d:");
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", options, "start"), asPostgresUser);
    }

    void stop() throws Exception {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), asPostgresUser);
    }

    /** The server's log: one line per statement ({@code statement: ...}) and per connection. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }


    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            exec(List.of("rm", "-rf", home.toString()), false);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void exec(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
        }
    }
}
