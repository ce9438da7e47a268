package dev.tenacious.presets.springtx;

import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.runtime.policy.Classification;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spring-tx's rules that need no Spring: propagation, classification through wrappers, commit failures. */
class SpringTxRulesTest {
    /** Stands for Spring's translated exceptions (DataAccessException and the like), which keep the driver's as cause. */
    static final class Translated extends RuntimeException {
        Translated(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void onlyACallThatBeginsATransactionMayRunItAgain() {
        assertNull(SpringTxPreset.propagationVeto(0, false), "REQUIRED with none in progress begins one");
        assertNull(SpringTxPreset.propagationVeto(3, false), "REQUIRES_NEW");
        assertNull(SpringTxPreset.propagationVeto(3, true), "REQUIRES_NEW is a boundary of its own");
        assertNull(SpringTxPreset.propagationVeto(6, false), "NESTED without an outer transaction begins one");
        assertTrue(SpringTxPreset.propagationVeto(0, true).contains("joined a transaction already in progress"));
        assertTrue(SpringTxPreset.propagationVeto(1, true).contains("without a transaction"));
        assertTrue(SpringTxPreset.propagationVeto(6, true).contains("savepoint"));
        assertTrue(SpringTxPreset.propagationVeto(1, false).contains("propagation SUPPORTS"));
        assertTrue(SpringTxPreset.propagationVeto(4, false).contains("propagation NOT_SUPPORTED"));
        assertTrue(SpringTxPreset.propagationVeto(2, false).contains("MANDATORY"));
    }

    @Test
    void theCauseChainDecidesThroughSpringsWrappers() {
        SpringTxPreset tx = new SpringTxPreset();
        assertEquals(Classification.TRANSIENT, tx.classify(new Translated("could not serialize",
                new Translated("hibernate", new SQLException("could not serialize access", "40001")))));
        assertEquals(Classification.TRANSIENT, tx.classify(new Translated("deadlock", new SQLException("deadlock detected", "40P01"))));
        assertEquals(Classification.TRANSIENT, tx.classify(new Translated("terminating",
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertEquals(Classification.TRANSIENT, tx.classify(new Translated("closed", new SQLException("Connection is closed", "08003"))),
                "HikariCP's proxy after it found its connection broken");
        assertEquals(Classification.PERMANENT, tx.classify(new Translated("duplicate",
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertNull(tx.classify(new Translated("no SQL", new IllegalStateException("business rule"))));
    }

    @Test
    void aConnectionHikariClosedAfterFindingItBrokenIsTransient() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", null, 1),
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection", "rollback", null, 2)});
        // what Spring throws when the rollback after a failed statement fails on the closed proxy
        assertEquals(Classification.TRANSIENT, new SpringTxPreset().classify(new Translated("Unable to rollback against JDBC Connection",
                new Translated("hibernate", closed))));
        SQLException elsewhere = new SQLException("Connection is closed");
        elsewhere.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.acme.Pool", "get", null, 1)});
        assertNull(new SpringTxPreset().classify(elsewhere), "another library's message of the same text says nothing");
        assertEquals(Classification.PERMANENT, new SpringTxPreset().classify(new Translated("dup",
                new SQLIntegrityConstraintViolationException("duplicate key", "23505", closed))), "SQLState decides first");
    }

    @Test
    void aPoolWithoutAFreeConnectionIsNeverRetried() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2004ms (total=0, active=0, idle=0, waiting=3)",
                "08001", new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        assertEquals(Classification.PERMANENT, new SpringTxPreset().classify(new Translated("Could not open JPA EntityManager", hikari)));
        assertEquals(Classification.PERMANENT, new JdbcPreset().classify(hikari),
                "the SQLState of the last attempt to connect, which it carries, does not make it transient");
        assertEquals(Classification.TRANSIENT, new JdbcPreset().classify(new SQLTransientConnectionException("refused", "08001")));
    }

    @Test
    void aConnectionThatBrokeDuringTheCommitLeavesTheOutcomeUnknown() {
        ClassLoader loader = getClass().getClassLoader();
        SQLException duringCommit = new SQLException("An I/O error occurred while sending to the backend", "08006");
        duringCommit.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.core.v3.QueryExecutorImpl", "execute", null, 1),
                new StackTraceElement("org.postgresql.jdbc.PgConnection", "commit", null, 2),
                new StackTraceElement("org.springframework.orm.jpa.JpaTransactionManager", "doCommit", null, 3)});
        assertTrue(CommitFailures.unknownOutcome(new Translated("commit failed", duringCommit), loader)
                .contains("during the commit"));

        SQLException duringFlush = new SQLException("An I/O error occurred while sending to the backend", "08006");
        duringFlush.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.jdbc.PgPreparedStatement", "executeUpdate", null, 1),
                new StackTraceElement("org.hibernate.engine.transaction.internal.TransactionImpl", "commit", null, 2),
                new StackTraceElement("org.springframework.orm.jpa.JpaTransactionManager", "doCommit", null, 3)});
        assertNull(CommitFailures.unknownOutcome(duringFlush, loader), "the COMMIT was never sent");

        SQLException refusedCommit = new SQLException("could not serialize access", "40001");
        refusedCommit.setStackTrace(duringCommit.getStackTrace());
        assertNull(CommitFailures.unknownOutcome(refusedCommit, loader), "the database said it did not commit");

        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        terminated.setStackTrace(duringCommit.getStackTrace());
        assertNull(CommitFailures.unknownOutcome(terminated, loader),
                "PostgreSQL ended the session itself: the transaction was aborted, not committed");

        SQLException noTrace = new SQLException("broken", "08006");
        noTrace.setStackTrace(new StackTraceElement[0]);
        assertTrue(CommitFailures.unknownOutcome(noTrace, loader).contains("without a stack trace"));
    }
}
