package com.acme.legacy.accounts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC against a database whose URL carries a user and password, as legacy configuration often does. */
public class AccountsDao {
    private final String url;

    public AccountsDao(String url) throws SQLException {
        this.url = url;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ledger (id VARCHAR(32) PRIMARY KEY, cents INT)");
        }
    }

    /** Inserts a row; a second insert of the same id fails with SQLState 23505. */
    public void save(String id, int cents) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("INSERT INTO ledger (id, cents) VALUES (?, ?)")) {
            p.setString(1, id);
            p.setInt(2, cents);
            p.executeUpdate();
        }
    }

    public int total() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(SUM(cents), 0) FROM ledger")) {
            r.next();
            return r.getInt(1);
        }
    }
}
