package com.acme.legacy.it;

import com.acme.legacy.server.FaultServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What every black-box test starts from: a temporary directory for policy files, a fresh fault server
 * on 127.0.0.1, and the JDKs to run the application on ({@code @MethodSource("jdks")}).
 */
abstract class BlackBoxTest {
    @TempDir
    Path dir;
    FaultServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new FaultServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static Stream<String> jdks() {
        return AppJvm.jdks();
    }
}
