package dev.tenacious.presets.jdbc;

import dev.tenacious.runtime.policy.Classification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The jdbc preset's own rules, by SQLState and type. */
class JdbcPresetRulesTest {
    @Test
    void sqlStateDecidesBeforeTheExceptionType() {
        JdbcPreset jdbc = new JdbcPreset();
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("could not serialize", "40001")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("deadlock detected", "40P01")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLNonTransientConnectionException("refused", "08001")),
                "class 08 is retried although the type says non-transient");
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLTimeoutException("lock timeout", "HYT00")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLNonTransientConnectionException("broken", "90067")),
                "JDBC's connection exception type stands for class 08");
        assertEquals(Classification.PERMANENT, jdbc.classify(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertEquals(Classification.PERMANENT, jdbc.classify(new SQLTransactionRollbackException("syntax", "42601")),
                "class 42 is never retried, whatever the type");
        assertEquals(Classification.TRANSIENT, jdbc.classify(new SQLException("the database system is starting up", "57P03")),
                "a restarting server answers so before it accepts connections again");
        assertNull(jdbc.classify(new SQLException("other", "XX000")), "no rule: the policy's lists decide");
        assertNull(jdbc.classify(new IOException("not SQL")));
        assertEquals(Classification.TRANSIENT, jdbc.classify(new RuntimeException(new SQLException("wrapped", "40001"))),
                "found through the cause chain");
    }
}
