package com.acme.legacy.dao;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A DAO over plain JDBC and an embedded H2 database, in the style of pre-ORM code. */
public class OrderDao {
    private final String url;

    public OrderDao(String name) throws SQLException {
        this.url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id IDENTITY PRIMARY KEY, sku VARCHAR(64), price VARCHAR(64))");
        }
    }

    public void save(String sku, String price) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement p = c.prepareStatement("INSERT INTO orders (sku, price) VALUES (?, ?)")) {
            p.setString(1, sku);
            p.setString(2, price);
            p.executeUpdate();
        }
    }

    public int count() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            r.next();
            return r.getInt(1);
        }
    }
}
