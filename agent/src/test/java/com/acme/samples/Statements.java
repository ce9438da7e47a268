package com.acme.samples;

import java.sql.SQLException;

/**
 * Statement-like methods woven in the preset shape under the {@code jdbc} preset's rules: each fails
 * with a serialization failure (SQLState 40001, which the preset retries) on its first
 * {@code failures} attempts, and integrity violations (23505) are never retried.
 */
public class Statements {
    public static int attempts;
    public static int failures;
    public static String state = "40001";

    static void attempt(String sql) throws SQLException {
        attempts++;
        if (attempts <= failures) {
            throw new SQLException("attempt " + attempts + " of " + sql, state);
        }
    }

    /** The receiver and one argument; the returned int reaches the exit boxed. */
    public int executeUpdate(String sql) throws SQLException {
        attempt(sql);
        return attempts;
    }

    /** A primitive second argument, boxed for the entry; a boolean result. */
    public boolean execute(String sql, int flags) throws SQLException {
        attempt(sql);
        return flags > 0;
    }

    /** No receiver: the entry gets null for it. */
    public static long executeLarge(String sql) throws SQLException {
        attempt(sql);
        return 1L << 40;
    }

    /** No result at all. */
    public void executeVoid(String sql) throws SQLException {
        attempt(sql);
    }
}
