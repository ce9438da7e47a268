package com.acme.legacy.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An H2 TCP server in a JVM of its own, started from the same JDK and H2 jar as the application it
 * serves (2.1.214 on JDK 8, the current H2 from 11 on), as a database server runs beside an application.
 */
final class H2TcpServer implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path log;

    private H2TcpServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the server on {@code port} of 127.0.0.1 and returns once it accepts connections. */
    static H2TcpServer start(Jdk jdk, int port) throws Exception {
        Path h2 = jdk.classPath().stream().filter(p -> p.getFileName().toString().matches("h2-[0-9.]+\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no H2 jar on " + jdk.classPath()));
        Path log = Files.createTempFile("h2-server", ".log");
        Process p = new ProcessBuilder(jdk.java().toString(), "-cp", h2.toString(), "org.h2.tools.Server",
                "-tcp", "-tcpPort", String.valueOf(port), "-ifNotExists")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        H2TcpServer server = new H2TcpServer(port, p, log);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; Thread.sleep(50)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    break;
                }
            }
        }
        String output = Files.readString(log);
        server.close();
        throw new IllegalStateException("the H2 server did not start on port " + port + ": " + output);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(log);
    }
}
