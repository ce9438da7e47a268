package dev.tenacious.presets.jdbc;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.Exchange;
import dev.tenacious.runtime.Policy;
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
 * retried; that is read from the connection when the statement fails. A pool that had no free
 * connection in time ({@link PoolTimeouts}) is never retried. {@code jdbc.timeouts.query} gives
 * statements without a query timeout the policy's ({@link QueryTimeouts}).
 */
public final class JdbcPreset extends Preset {
    public static final String NAME = "jdbc";
    private static final String STATEMENT = "java.sql.Statement";
    private static final String CONNECTION = "java.sql.Connection";

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

    /**
     * A connection pool that had no free connection in time is permanent, whatever SQLState it carries
     * (HikariCP's timeout carries that of the last failed attempt to connect); then SQLState decides.
     */
    @Override
    public Classification classify(Throwable failure) {
        if (PoolTimeouts.anywhereIn(failure)) {
            return Classification.PERMANENT;
        }
        return SqlStates.classifyChain(failure);
    }

    /** {@code jdbc.timeouts.query} on a statement that has no query timeout of its own. */
    @Override
    public void prepare(Object self, Object a0, Object a1, Policy policy) {
        int seconds = policy.config().jdbc().queryTimeoutSeconds();
        if (seconds > 0 && self != null) {
            QueryTimeouts.apply(self, seconds);
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
