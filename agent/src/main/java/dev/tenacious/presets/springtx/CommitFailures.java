package dev.tenacious.presets.springtx;

import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.policy.SqlStates;

/**
 * Tells a transaction that failed before it asked to commit, or whose commit the database refused,
 * from one whose connection broke while its COMMIT was on the way: the database may then have
 * committed it, and running it again could apply it twice. That is read from the connection
 * failure's stack trace: thrown from within {@code java.sql.Connection.commit} (the driver's or a
 * pool's proxy's). A serialization failure or deadlock reported for the commit (40001, 40P01) says
 * the transaction did not commit, and is no such failure; a statement that failed while Hibernate
 * flushed before committing never reached the COMMIT, and is none either.
 */
final class CommitFailures {
    private static final int MAX_CAUSES = 16;

    private CommitFailures() {
    }

    /** Why the transaction's outcome is unknown, or null. */
    static String unknownOutcome(Throwable failure, ClassLoader loader) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (!isConnectionFailure(t)) {
                continue;
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length == 0) {
                return "the connection failed, and without a stack trace it cannot be told whether during the commit";
            }
            for (StackTraceElement f : frames) {
                if (f.getMethodName().equals("commit") && isConnection(f.getClassName(), loader)) {
                    return "the connection failed during the commit, so the transaction may have committed";
                }
            }
        }
        return null;
    }

    /**
     * An SQLException of SQLState class 08, or one of JDBC's connection exception types: the connection
     * went away without the database saying what became of the transaction. Not 57P01-57P03: PostgreSQL
     * sends those when it ends the session itself, at an interrupt check, which it does not make
     * between writing a commit and acknowledging it; a COMMIT answered so did not commit.
     */
    static boolean isConnectionFailure(Throwable t) {
        Class<?> type = t.getClass();
        if (!Reflect.isA(type, "java.sql.SQLException")) {
            return false;
        }
        String state = SqlStates.sqlState(t);
        if (state != null && state.startsWith("57P0")) {
            return false;
        }
        if (state != null && state.startsWith("08")) {
            return true;
        }
        return Reflect.isA(type, "java.sql.SQLRecoverableException")
                || Reflect.isA(type, "java.sql.SQLNonTransientConnectionException")
                || Reflect.isA(type, "java.sql.SQLTransientConnectionException");
    }

    private static boolean isConnection(String className, ClassLoader loader) {
        try {
            return Reflect.isA(Class.forName(className, false, loader), "java.sql.Connection");
        } catch (Exception | LinkageError e) {
            return className.endsWith("Connection"); // a frame's class the application's loader cannot see
        }
    }
}
