package com.acme.legacy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code jdbc} preset against real databases: H2 embedded and over its TCP server, and a
 * PostgreSQL server this class starts. Real lock conflicts provoke the failures; what the servers
 * logged and the agent's JMX figures show how often each statement ran. The PostgreSQL tests share
 * one server, each with a database of its own; the one that restarts the server runs alone.
 */
class JdbcPresetTest extends BlackBoxTest {
    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new PostgresServer();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    Path policy(int maxAttempts, String backoff) throws Exception {
        return AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0, log: debug }",
                "policies:",
                "  - name: jdbc",
                "    match: [{ preset: jdbc }]",
                "    retry: { maxAttempts: " + maxAttempts + ", backoff: " + backoff + " }",
                ""));
    }

    Path policy() throws Exception {
        return policy(5, "{ type: fixed, initial: 300ms, jitter: none }");
    }

    /** Waits until the application has logged a failed, retried attempt (the server is down). */
    static void awaitRetrying(AppJvm.Running app) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (java.nio.file.Files.readString(app.err).contains("failed with")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the application never retried: " + java.nio.file.Files.readString(app.err));
    }

    static long figure(AppJvm.Result r, String name) {
        for (String line : r.stdout.split("\n")) {
            if (line.startsWith("JMX " + name + " ")) {
                return Long.parseLong(line.substring(("JMX " + name + " ").length()).trim());
            }
        }
        throw new AssertionError("no JMX " + name + " in " + r);
    }

    // --- H2

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2EmbeddedLockTimeoutIsRetriedUntilTheRowIsFree(Jdk jdk) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-lock", url, "true");
        assertEquals("OK updated 1", r.call(1), r::toString);
        assertEquals("OK qty 89", r.call(2), "both updates applied once: " + r);
        assertTrue(figure(r, "Retries") >= 1, r::toString);
    }

    /**
     * The preset's targets are every driver's Statement, DataSource and Driver subtypes: their
     * supertypes are read from the driver's class files and the methods woven with ASM, without loading
     * Byte Buddy.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2StatementsAreWovenWithoutLoadingByteBuddy(Jdk jdk) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath();
        Path log = dir.resolve("classes.log");
        AppJvm.Result r = AppJvm.run(jdk, policy(), jdk.classLoadingLog(log), "jdbc-lock", url, "true");
        assertEquals("OK updated 1", r.call(1), r::toString);
        assertTrue(figure(r, "Retries") >= 1, r::toString);
        assertTrue(r.stderr.contains("jdbc: wove ") && r.stderr.contains(" of org.h2.jdbc.JdbcPreparedStatement"), r::toString);
        assertEquals(0, RetryBehaviourTest.byteBuddyClassesLoaded(log), "no Byte Buddy class beyond ASM was loaded");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2InsideATransactionNothingIsRetried(Jdk jdk) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-lock", url, "false");
        assertTrue(r.call(1).startsWith("CAUGHT org.h2.jdbc.JdbcSQLTimeoutException"), r::toString);
        assertTrue(r.call(1).endsWith("SQLSTATE HYT00"), r::toString);
        assertEquals("OK qty 99", r.call(2), "only the other transaction's update: " + r);
        assertEquals(0, figure(r, "Retries"), r::toString);
        assertEquals(1, figure(r, "NotRetryable"), "auto-commit off, checked on the failing call: " + r);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2OverTcpLockTimeoutIsRetried(Jdk jdk) throws Exception {
        try (H2TcpServer tcp = H2TcpServer.start(jdk, H2TcpServer.freePort())) {
            String url = "jdbc:h2:tcp://127.0.0.1:" + tcp.port + "/mem:shop;DB_CLOSE_DELAY=-1";
            AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-lock", url, "true");
            assertEquals("OK updated 1", r.call(1), r::toString);
            assertEquals("OK qty 89", r.call(2), r::toString);
            assertTrue(figure(r, "Retries") >= 1, r::toString);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2ConnectionsAreRetriedUntilTheTcpServerIsUp(Jdk jdk) throws Exception {
        int port = H2TcpServer.freePort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:shop";
        Path p = policy(100, "{ type: fixed, initial: 100ms, jitter: none }");
        AppJvm.Running driver = AppJvm.start(jdk, p, "jdbc-connect", url);
        AppJvm.Running dataSource = AppJvm.start(jdk, p, "jdbc-source", url);
        awaitRetrying(driver);
        awaitRetrying(dataSource);
        Thread.sleep(300);
        try (H2TcpServer tcp = H2TcpServer.start(jdk, port)) {
            for (AppJvm.Result r : new AppJvm.Result[] {driver.finish(), dataSource.finish()}) {
                assertEquals("OK connected 1", r.call(1), r::toString);
                assertTrue(figure(r, "Retries") >= 1, "refused while the server was down: " + r);
            }
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void h2ConstraintViolationsAndSyntaxErrorsAreNeverRetried(Jdk jdk) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath();
        AppJvm.Result dup = AppJvm.run(jdk, policy(), "jdbc-integrity", url);
        assertTrue(dup.call(1).endsWith("SQLSTATE 23505"), dup::toString);
        assertEquals(0, figure(dup, "Retries"));
        AppJvm.Result syntax = AppJvm.run(jdk, policy(), "jdbc-syntax", url);
        assertTrue(syntax.call(1).contains("SQLSTATE 42"), syntax::toString);
        assertEquals(0, figure(syntax, "Retries"));
    }

    // --- PostgreSQL: a database per test; the restart test has the server to itself

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ)
    void postgresSerializationFailureIsRetried(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-serialize", db.url(), "true");
        assertEquals("OK updated 1", r.call(1), r::toString);
        assertEquals("OK qty 89", r.call(2), r::toString);
        assertEquals(2, db.executions("serialize-b"), "the server ran the statement twice: 40001, then success");
        assertEquals(1, figure(r, "Retries"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ)
    void postgresSerializationFailureInsideATransactionIsNotRetried(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-serialize", db.url(), "false");
        assertTrue(r.call(1).endsWith("SQLSTATE 40001"), r::toString);
        assertEquals("OK qty 99", r.call(2), r::toString);
        assertEquals(1, db.executions("serialize-b"));
        assertEquals(1, figure(r, "NotRetryable"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ)
    void postgresDeadlockIsRetried(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-deadlock", db.url(), "true");
        assertEquals("OK locked", r.call(1), r::toString);
        assertEquals(2, db.executions("deadlock-b"), "40P01, then success: " + r);
        assertEquals(1, db.lines("deadlock detected"), "the server detected one deadlock");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ)
    void postgresDeadlockInsideATransactionIsNotRetried(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result r = AppJvm.run(jdk, policy(), "jdbc-deadlock", db.url(), "false");
        assertTrue(r.call(1).endsWith("SQLSTATE 40P01"), r::toString);
        assertEquals(1, db.executions("deadlock-b"));
        assertEquals(1, figure(r, "NotRetryable"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ)
    void postgresConstraintAndSyntaxErrorsRunOnce(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result dup = AppJvm.run(jdk, policy(), "jdbc-integrity", db.url());
        assertTrue(dup.call(1).endsWith("SQLSTATE 23505"), dup::toString);
        assertEquals(1, db.executions("INSERT INTO stock VALUES (1, 5)"));
        AppJvm.Result syntax = AppJvm.run(jdk, policy(), "jdbc-syntax", db.url());
        assertTrue(syntax.call(1).endsWith("SQLSTATE 42601"), syntax::toString);
        assertEquals(1, db.lines("SELEC qty FROM stock"), "logged once by the server");
        assertEquals(0, figure(syntax, "Retries"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    @ResourceLock(value = "postgres", mode = ResourceAccessMode.READ_WRITE)
    void postgresConnectionsAreRetriedWhileTheServerRestarts(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        postgres.stop();
        AppJvm.Running app;
        try {
            app = AppJvm.start(jdk, policy(100, "{ type: fixed, initial: 100ms, jitter: none }"), "jdbc-connect", db.url());
            awaitRetrying(app);
            Thread.sleep(300);
        } finally {
            postgres.start();
        }
        AppJvm.Result r = app.finish();
        assertEquals("OK connected 1", r.call(1), r::toString);
        assertTrue(figure(r, "Retries") >= 2, "connection refused (08001) while the server was down: " + r);
    }
}
