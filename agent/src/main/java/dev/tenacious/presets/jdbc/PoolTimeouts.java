package dev.tenacious.presets.jdbc;

import dev.tenacious.presets.reflect.Reflect;

/**
 * Recognises a connection pool that had no free connection in time: HikariCP's "Connection is not
 * available, request timed out", Tomcat JDBC's PoolExhaustedException, Commons DBCP 2's "Timeout
 * waiting for idle object". The failure is local, not the database's: retrying it only queues more
 * work behind the same pool, so no preset retries it. Names and messages only: the pool's types
 * are never loaded.
 */
public final class PoolTimeouts {
    private static final int MAX_CAUSES = 16;
    static final String HIKARI = "Connection is not available, request timed out";
    private static final String DBCP = "Timeout waiting for idle object";
    private static final String TOMCAT = "org.apache.tomcat.jdbc.pool.PoolExhaustedException";

    private PoolTimeouts() {
    }

    /** Whether the failure or one of its causes says the pool had no free connection in time. */
    public static boolean anywhereIn(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (isPoolTimeout(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPoolTimeout(Throwable t) {
        Class<?> type = t.getClass();
        if (type.getName().equals(TOMCAT)) {
            return true;
        }
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        if (message.contains(HIKARI)) {
            return Reflect.isA(type, "java.sql.SQLTransientConnectionException");
        }
        return message.contains(DBCP) && (Reflect.isA(type, "java.sql.SQLException")
                || type.getName().equals("java.util.NoSuchElementException"));
    }
}
