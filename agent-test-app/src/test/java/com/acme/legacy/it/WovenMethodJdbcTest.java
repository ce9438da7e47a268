package com.acme.legacy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "What a woven method's calls tell its policy" for JDBC (issue 12, item 3, rule 5): the policy weaves the
 * application's own DAO method, which wraps every SQLException in its own unchecked exception; the agent
 * watches the statements each attempt runs, and their SQLState classifies the failure as the {@code jdbc}
 * preset does: 40001, 40P01 and class 08 transient, classes 23 and 42 permanent (ahead of the policy's
 * {@code retryOn}). A PostgreSQL server of this class's own raises each SQLState on purpose.
 */
class WovenMethodJdbcTest extends BlackBoxTest {
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

    static final String POLICY = String.join("\n",
            "settings: { summaryEvery: 0 }",
            "policies:",
            "  - name: reserve",
            "    match: [{ class: com.acme.legacy.orders.ReservationDao, method: reserve }]",
            "    retry: { maxAttempts: 4, backoff: { initial: 20ms } }",
            "  - name: release",
            "    match: [{ class: com.acme.legacy.orders.ReservationDao, method: release }]",
            "    retry: { maxAttempts: 4, backoff: { initial: 20ms }, retryOn: [com.acme.legacy.orders.ReservationFailed] }",
            "");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theStatementsSqlStateDecidesWhatTheMethodsFailureMeans(Jdk jdk) throws Exception {
        PostgresServer.Database db = postgres.createDatabase();
        AppJvm.Result r = AppJvm.run(jdk, AppJvm.policy(dir, POLICY), "reservations", db.url(),
                "reserve serialization 40001 2", "reserve deadlock 40P01 1", "reserve connection 08006 1",
                "reserve duplicate 23505 -1", "release duplicate_released 23505 -1", "release syntax 42601 -1");
        String failed = "CAUGHT com.acme.legacy.orders.ReservationFailed reservation failed: ERROR: provoked ";
        assertAll(
                () -> assertEquals("OK done", r.call(1), r::toString),
                () -> assertEquals(3, db.executions("call-serialization"), "40001 twice: retried, whatever the method threw"),
                () -> assertEquals("OK done", r.call(2), r::toString),
                () -> assertEquals(2, db.executions("call-deadlock"), "40P01: retried"),
                () -> assertEquals("OK done", r.call(3), r::toString),
                () -> assertEquals(2, db.executions("call-connection"), "class 08: retried"),
                () -> assertTrue(r.call(4).startsWith(failed + "23505"), r::toString),
                () -> assertEquals(1, db.executions("call-duplicate "), "23505: permanent"),
                () -> assertTrue(r.call(5).startsWith(failed + "23505"), r::toString),
                () -> assertEquals(1, db.executions("call-duplicate_released"), "23505 is permanent even where retryOn names the method's exception"),
                () -> assertTrue(r.call(6).startsWith(failed + "42601"), r::toString),
                () -> assertEquals(1, db.executions("call-syntax"), "class 42: permanent, ahead of retryOn"));
    }
}
