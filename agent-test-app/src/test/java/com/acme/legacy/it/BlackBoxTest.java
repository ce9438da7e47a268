package com.acme.legacy.it;

import com.acme.legacy.server.FaultServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What every black-box test starts from: a temporary directory for policy files, a fresh fault server
 * on 127.0.0.1, and the JDKs to run the application on: {@code @MethodSource("jdks")} for what differs
 * by JVM (8, 11, 17, 25), {@code "jdksFrom11"} for the JDK HttpClient, {@code "thisJdk"} (17) for the rest.
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

    static Stream<Jdk> jdks() {
        return Jdk.all();
    }

    static Stream<Jdk> jdksFrom11() {
        return Jdk.from(11);
    }

    static Stream<Jdk> thisJdk() {
        return Jdk.current();
    }
}
