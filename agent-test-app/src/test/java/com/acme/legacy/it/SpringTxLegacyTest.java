package com.acme.legacy.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code spring-tx} preset on Spring 5.3 (Java 8 class files, JdbcTemplate, HikariCP 4, H2), on
 * JDK 8, 11, 17 and 25: a transaction that fails while another connection holds its row (H2's lock
 * timeout, a transient failure) is run again, whole, until the row is free; a transaction that joined
 * another is left to the outer one. Without the agent the caller gets Spring's exception.
 */
class SpringTxLegacyTest extends BlackBoxTest {
    static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=100";

    Path policy() throws Exception {
        return AppJvm.policy(dir, String.join("\n",
                "settings: { summaryEvery: 0, log: debug }",
                "policies:",
                "  - name: transactions",
                "    match: [{ preset: spring-tx }]",
                "    retry: { maxAttempts: 10, backoff: { type: fixed, initial: 150ms, jitter: none } }",
                "  - name: statements",
                "    match: [{ preset: jdbc }]",
                ""));
    }

    static int runs(AppJvm.Result r, String which) {
        return Integer.parseInt(r.line("RUNS " + which + " ").substring(("RUNS " + which + " ").length()).trim());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aTransactionalMethodIsRunAgainWholeUntilTheRowIsFree(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, policy(), "spring-lock", URL);
        assertEquals("OK updated 1", r.call(1), r::toString);
        assertEquals("OK qty 89", r.call(2), "applied once: " + r);
        assertTrue(runs(r, "inner") >= 2, r::toString);
        assertTrue(r.stderr.contains("succeeded on attempt"), r::toString);

        AppJvm.Result bare = AppJvm.run(jdk, null, "spring-lock", URL);
        // HikariCP evicts a connection whose statement timed out, so Spring's rollback then fails on the
        // closed connection, and the caller gets that (TransactionSystemException) in place of the lock timeout
        assertTrue(bare.call(1).startsWith("CAUGHT org.springframework."), bare::toString);
        assertEquals("OK qty 99", bare.call(2), bare::toString);
        assertEquals(1, runs(bare, "inner"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theOuterTransactionRetriesAndTheJoinedOneRunsOncePerAttempt(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, policy(), "spring-joined", URL);
        assertEquals("OK placed 1", r.call(1), r::toString);
        assertEquals("OK qty 89", r.call(2), r::toString);
        assertEquals("OK placed 1", r.call(3), "the outer transaction's own update applied once: " + r);
        assertTrue(runs(r, "outer") >= 2, r::toString);
        assertEquals(runs(r, "outer"), runs(r, "inner"), "the joined transaction never ran on its own: " + r);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("thisJdk")
    void aTransactionTemplateCallbackIsRunAgain(Jdk jdk) throws Exception {
        AppJvm.Result r = AppJvm.run(jdk, policy(), "spring-template", URL);
        assertEquals("OK updated 1", r.call(1), r::toString);
        assertEquals("OK qty 89", r.call(2), r::toString);
        assertTrue(runs(r, "inner") >= 2, r::toString);
    }
}
