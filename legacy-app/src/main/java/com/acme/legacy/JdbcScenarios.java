package com.acme.legacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Legacy JDBC code for the {@code jdbc} preset's tests: plain statements on plain connections, with a
 * second connection that provokes real lock conflicts. Prints {@code RESULT <call> OK ...} or
 * {@code RESULT <call> CAUGHT <class> <message> SQLSTATE <state>}, then the agent's JMX figures for the
 * policy named {@code jdbc} ({@code JMX Retries 1}). Each scenario but connect and source first
 * (re)creates table stock with one row (id 1, qty 100).
 *
 * <pre>
 *   JdbcScenarios lock      URL AUTOCOMMIT      H2: a row held by another transaction for 600 ms; lock timeout 100 ms
 *   JdbcScenarios serialize URL AUTOCOMMIT      PostgreSQL: repeatable read update racing a committed update (40001)
 *   JdbcScenarios deadlock  URL AUTOCOMMIT      PostgreSQL: two sessions taking advisory locks 1 and 2 crosswise (40P01)
 *   JdbcScenarios connect   URL                 DriverManager.getConnection, then SELECT 1
 *   JdbcScenarios source    URL                 H2's DataSource.getConnection, then SELECT 1
 *   JdbcScenarios integrity URL                 insert a duplicate key (23505)
 *   JdbcScenarios syntax    URL                 a statement with a syntax error (42xxx)
 * </pre>
 */
public final class JdbcScenarios {
    private JdbcScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        if (!args[0].equals("connect") && !args[0].equals("source")) {
            setup(url);
        }
        switch (args[0]) {
            case "lock":
                lock(url, Boolean.parseBoolean(args[2]));
                break;
            case "serialize":
                serialize(url, Boolean.parseBoolean(args[2]));
                break;
            case "deadlock":
                deadlock(url, Boolean.parseBoolean(args[2]));
                break;
            case "connect":
                report(1, () -> {
                    try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                        rs.next();
                        return "connected " + rs.getInt(1);
                    }
                });
                break;
            case "source":
                report(1, () -> {
                    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
                    ds.setURL(url);
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                        rs.next();
                        return "connected " + rs.getInt(1);
                    }
                });
                break;
            case "integrity":
                try (Connection c = connect(url); Statement s = c.createStatement()) {
                    report(1, () -> "inserted " + s.executeUpdate("INSERT INTO stock VALUES (1, 5)"));
                }
                break;
            case "syntax":
                try (Connection c = connect(url); Statement s = c.createStatement()) {
                    report(1, () -> "ran " + s.execute("SELEC qty FROM stock"));
                }
                break;
            default:
                throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        printFigures();
        System.out.flush();
    }

    private static void setup(String url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS stock");
            s.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
            s.execute("INSERT INTO stock VALUES (1, 100)");
        }
    }

    static Connection connect(String url) throws SQLException {
        return url.startsWith("jdbc:postgresql:") ? DriverManager.getConnection(url, "postgres", "") : DriverManager.getConnection(url);
    }

    interface SqlCall {
        String call() throws Exception;
    }

    static void report(int call, SqlCall c) {
        String line;
        try {
            line = "RESULT " + call + " OK " + c.call();
        } catch (Throwable t) {
            line = "RESULT " + call + " CAUGHT " + t.getClass().getName() + " " + t.getMessage().split("\n")[0]
                    + (t instanceof SQLException ? " SQLSTATE " + ((SQLException) t).getSQLState() : "");
        }
        synchronized (JdbcScenarios.class) {
            System.out.println(line);
        }
    }

    /** H2: another transaction holds row 1 for 600 ms; this connection waits at most 100 ms per attempt. */
    private static void lock(String url, boolean autoCommit) throws Exception {
        try (Connection holder = connect(url); Connection c = connect(url)) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE stock SET qty = qty - 1 WHERE id = 1");
            }
            Thread commit = commitLater(holder, 600);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 100");
                c.setAutoCommit(autoCommit);
                report(1, () -> "updated " + s.executeUpdate("UPDATE stock SET qty = qty - 10 WHERE id = 1"));
                if (!autoCommit) {
                    c.rollback();
                }
            }
            commit.join();
            report(2, () -> "qty " + qty(c));
        }
    }

    /**
     * PostgreSQL, repeatable read: this update waits for a row another transaction updated, which then
     * commits, so this statement's snapshot is stale: "could not serialize access" (40001). Run again,
     * it takes a fresh snapshot and succeeds.
     */
    private static void serialize(String url, boolean autoCommit) throws Exception {
        try (Connection other = connect(url); Connection c = connect(url)) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE stock SET qty = qty - 1 WHERE id = 1");
            }
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(autoCommit);
            Thread commit = commitWhenWaiting(url, other);
            try (Statement s = c.createStatement()) {
                report(1, () -> "updated " + s.executeUpdate("UPDATE stock SET qty = qty - 10 WHERE id = 1 /* serialize-b */"));
                if (!autoCommit) {
                    c.rollback();
                }
            }
            commit.join();
            report(2, () -> "qty " + qty(c));
        }
    }

    /**
     * PostgreSQL: this session takes advisory lock 2, then waits for 1, which the other session holds;
     * once this one waits, the other asks for 2. The session whose deadlock check (deadlock_timeout
     * after it began to wait) runs first is aborted with 40P01: this one's 1 s against the other's
     * 30 s makes it this one, however late a busy machine lets the other ask.
     */
    private static void deadlock(String url, boolean autoCommit) throws Exception {
        try (Connection other = connect(url); Connection c = connect(url)) {
            try (Statement s = other.createStatement()) {
                s.execute("SET deadlock_timeout = '30s'");
            }
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeQuery("SELECT pg_advisory_xact_lock(1)").close();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET deadlock_timeout = '1s'");
            }
            c.setAutoCommit(autoCommit);
            CountDownLatch waiting = new CountDownLatch(1);
            Thread crosswise = new Thread(() -> {
                try (Connection watch = connect(url)) {
                    awaitLockWait(watch);
                    waiting.countDown();
                    try (Statement s = other.createStatement()) {
                        s.executeQuery("SELECT pg_advisory_xact_lock(2)").close();
                    }
                    other.commit();
                } catch (Exception e) {
                    System.out.println("RESULT 9 CAUGHT other session " + e);
                }
            });
            crosswise.start();
            try (Statement s = c.createStatement()) {
                report(1, () -> {
                    s.executeQuery("SELECT pg_advisory_xact_lock(2), pg_advisory_xact_lock(1) /* deadlock-b */").close();
                    return "locked";
                });
                if (!autoCommit) {
                    c.rollback();
                }
            }
            crosswise.join();
            waiting.await(1, TimeUnit.SECONDS);
        }
    }

    private static Thread commitLater(Connection holder, long millis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                holder.commit();
            } catch (Exception e) {
                System.out.println("RESULT 9 CAUGHT holder " + e);
            }
        });
        t.start();
        return t;
    }

    /** Commits {@code other} once some session of this database waits for a lock (PostgreSQL's pg_locks). */
    private static Thread commitWhenWaiting(String url, Connection other) {
        Thread t = new Thread(() -> {
            try (Connection watch = connect(url)) {
                awaitLockWait(watch);
                other.commit();
            } catch (Exception e) {
                System.out.println("RESULT 9 CAUGHT other session " + e);
            }
        });
        t.start();
        return t;
    }

    private static void awaitLockWait(Connection watch) throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Statement s = watch.createStatement();
                 // sessions of this database only: other tests may be waiting for locks in theirs
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                         + " WHERE NOT l.granted AND a.datname = current_database()")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no session waited for a lock within 5 s");
    }

    private static int qty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT qty FROM stock WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void printFigures() throws Exception {
        printFigures("jdbc");
    }

    /** The agent's figures for a policy, as any JMX client in this JVM reads them ({@code JMX none} without the agent). */
    public static void printFigures(String policy) throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = new javax.management.ObjectName("tenacious:type=Policy,name=\"" + policy + "\"");
        for (int waited = 0; !jmx.isRegistered(name) && waited < 30; waited++) {
            Thread.sleep(100);
        }
        if (!jmx.isRegistered(name)) {
            System.out.println("JMX none");
            return;
        }
        for (String attribute : new String[] {"Calls", "Retries", "NotRetryable", "Aborted"}) {
            System.out.println("JMX " + attribute + " " + jmx.getAttribute(name, attribute));
        }
    }
}
