package com.acme.legacy.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stock reservations over plain JDBC, as pre-ORM code has them: each method opens a connection, runs its
 * statement in auto-commit, and turns an {@link SQLException} into the application's own unchecked
 * {@link ReservationFailed}, so the caller (and a policy's {@code retryOn}) never sees the SQLState.
 * {@code reserve} and {@code release} do the same, so that two policies can weave them differently.
 */
public class ReservationDao {
    private final String url;

    public ReservationDao(String url) {
        this.url = url;
    }

    public String reserve(String sql) {
        return run(sql);
    }

    public String release(String sql) {
        return run(sql);
    }

    private String run(String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
            return "done";
        } catch (SQLException e) {
            throw new ReservationFailed("reservation failed: " + e.getMessage().split("\n")[0], e);
        }
    }
}
