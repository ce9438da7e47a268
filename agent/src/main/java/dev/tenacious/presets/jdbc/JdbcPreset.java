package dev.tenacious.presets.jdbc;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.Exchange;
import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.SqlStates;

import java.util.Arrays;
import java.util.List;

/**
 * {@code jdbc}: statement execute methods, DataSource.getConnection and Driver.connect. SQLState
 * decides before the policy's lists: class 08 (connection), 40001 (serialization failure) and 40P01
 * (deadlock) are transient, as are 57P01-57P03 (the server is restarting), any SQLTransientException
 * and the JDBC connection exception types;
 * class 23 (integrity) and 42 (syntax, access) are permanent. A statement whose connection has
 * auto-commit off is inside a transaction the application must redo as a whole, so it is never
 * retried; that is read from the connection when the statement fails.
 */
public final class JdbcPreset extends Preset {
    public static final String NAME = "jdbc";
    private static final String SQL_EXCEPTION = "java.sql.SQLException";
    private static final String STATEMENT = "java.sql.Statement";
    private static final String CONNECTION = "java.sql.Connection";
    private static final int MAX_CAUSES = 16;
    /**
     * Beyond the contract's list: the server is shutting down or starting up (admin_shutdown,
     * crash_shutdown, cannot_connect_now), which a restart answers with, before and after refusing
     * connections outright.
     */
    static final List<String> SERVER_RESTARTING = Arrays.asList("57P01", "57P02", "57P03");

    public JdbcPreset() {
        super(NAME);
    }

    /**
     * Every Statement implementation's execute methods (batches are left alone: drivers clear a batch
     * when it fails, so a re-run would send nothing), DataSource.getConnection and Driver.connect.
     */
    @Override
    public List<MatchRule> targets(String where) {
        return Arrays.asList(
                MatchRule.ofPreset(NAME, where, STATEMENT, true, "execute*", "**.*Statement*", true, null,
                        "executeBatch", "executeLargeBatch"),
                MatchRule.ofPreset(NAME, where, "javax.sql.DataSource", true, "getConnection", "**.*DataSource*", true, null),
                MatchRule.ofPreset(NAME, where, "java.sql.Driver", true, "connect", "**.*Driver*", true, null));
    }

    @Override
    public Classification classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            Classification c = classifyOne(t);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    static Classification classifyOne(Throwable t) {
        Class<?> type = t.getClass();
        if (!Reflect.isA(type, SQL_EXCEPTION)) {
            return null;
        }
        String state = sqlState(t);
        if (state != null) {
            if (state.startsWith("23") || state.startsWith("42")) {
                return Classification.PERMANENT;
            }
            if (state.startsWith("08") || state.equals("40001") || state.equals("40P01") || SERVER_RESTARTING.contains(state)) {
                return Classification.TRANSIENT;
            }
        }
        if (Reflect.isA(type, "java.sql.SQLTransientException") || Reflect.isA(type, "java.sql.SQLNonTransientConnectionException")) {
            return Classification.TRANSIENT; // JDBC's own types for SQLState class 08 and for transient failures
        }
        return null;
    }

    static String sqlState(Throwable t) {
        try {
            Object state = Reflect.call(t, SQL_EXCEPTION, "getSQLState");
            return state instanceof String ? (String) state : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A failed statement (or connection) tells the woven method around it its SQLState. */
    @Override
    public void observe(Object self, Object a0, Object a1, Object returned, Throwable thrown, Exchange into) {
        if (thrown != null) {
            into.sql(SqlStates.firstSqlState(thrown));
        }
    }

    @Override
    public String vetoOnFailure(Object self, Throwable failure) {
        if (self == null || !Reflect.isA(self.getClass(), STATEMENT)) {
            return null; // getConnection and connect run outside any transaction
        }
        try {
            Object connection = Reflect.call(self, STATEMENT, "getConnection");
            Object autoCommit = Reflect.call(connection, CONNECTION, "getAutoCommit");
            return Boolean.TRUE.equals(autoCommit) ? null : "inside a transaction (auto-commit is off)";
        } catch (Exception e) {
            return "the connection's auto-commit could not be read: " + e;
        }
    }
}
