package dev.tenacious.presets.jdbc;

import dev.tenacious.presets.reflect.Reflect;

/**
 * HikariCP's sign of a connection it found broken: once a statement failed with what Hikari takes for
 * a dead connection (SQLState class 08, 57P01-57P03, 0A000 and a few vendors' codes), it evicts the
 * connection and closes the application's proxy, whose every later call (the transaction's rollback or
 * commit among them) fails with a plain {@code SQLException("Connection is closed")}, without SQLState.
 * Nothing of it reached the database: the transaction died with the connection.
 */
public final class BrokenConnections {
    private static final int MAX_CAUSES = 16;
    private static final String CLOSED = "Connection is closed";
    private static final String HIKARI = "com.zaxxer.hikari.";

    private BrokenConnections() {
    }

    /** Whether the failure or one of its causes is a call on a connection HikariCP had closed. */
    public static boolean hikariClosedAnywhereIn(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (isHikariClosed(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHikariClosed(Throwable t) {
        if (!CLOSED.equals(t.getMessage()) || !Reflect.isA(t.getClass(), "java.sql.SQLException")) {
            return false;
        }
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < frames.length && i < 8; i++) {
            if (frames[i].getClassName().startsWith(HIKARI)) {
                return true;
            }
        }
        return false;
    }
}
