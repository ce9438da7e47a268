package dev.tenacious.runtime.policy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a JDBC failure's SQLState says, as the {@code jdbc} preset reads it and as a woven application
 * method's failure is classified when one of its statements failed: class {@code 08} (connection),
 * {@code 40001} (serialization failure), {@code 40P01} (deadlock) and {@code 57P01}-{@code 57P03} (the
 * server is restarting) are transient, as are JDBC's own transient and connection exception types;
 * class {@code 23} (integrity) and {@code 42} (syntax, access) are permanent. Types are matched by name:
 * {@code java.sql} is not visible from the bootstrap class path where the runtime lives.
 */
public final class SqlStates {
    /**
     * Beyond the contract's list: the server is shutting down or starting up (admin_shutdown,
     * crash_shutdown, cannot_connect_now), which a restart answers with, before and after refusing
     * connections outright.
     */
    public static final List<String> SERVER_RESTARTING = Collections.unmodifiableList(Arrays.asList("57P01", "57P02", "57P03"));
    static final String SQL_EXCEPTION = "java.sql.SQLException";
    private static final int MAX_CAUSES = 16;

    private SqlStates() {
    }

    /** The rule for one SQLState: transient, permanent, or null when the state decides nothing. */
    public static Classification of(String state) {
        if (state == null) {
            return null;
        }
        if (state.startsWith("23") || state.startsWith("42")) {
            return Classification.PERMANENT;
        }
        if (state.startsWith("08") || state.equals("40001") || state.equals("40P01") || SERVER_RESTARTING.contains(state)) {
            return Classification.TRANSIENT;
        }
        return null;
    }

    /** The first decisive rule along the cause chain (SQLState, then JDBC's transient types), or null. */
    public static Classification classifyChain(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; depth++) {
            byte facts = Causes.facts(t.getClass());
            Classification c = classifyOne(t, facts);
            if (c != null) {
                return c;
            }
            t = Causes.of(t, (facts & Causes.OWN_GET_CAUSE) != 0);
        }
        return null;
    }

    /** The rule for one exception, if it is an SQLException. */
    public static Classification classifyOne(Throwable t) {
        return classifyOne(t, Causes.facts(t.getClass()));
    }

    private static Classification classifyOne(Throwable t, byte facts) {
        if ((facts & Causes.SQL_EXCEPTION) == 0) {
            return null; // whether a class is an SQLException is computed once per class: most failures here are not
        }
        Class<?> type = t.getClass();
        Classification c = of(sqlState(t));
        if (c != null) {
            return c;
        }
        if (isA(type, "java.sql.SQLTransientException") || isA(type, "java.sql.SQLNonTransientConnectionException")) {
            return Classification.TRANSIENT; // JDBC's own types for SQLState class 08 and for transient failures
        }
        return null;
    }

    /** The first SQLState along the cause chain, or null. */
    public static String firstSqlState(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; depth++) {
            byte facts = Causes.facts(t.getClass());
            String state = (facts & Causes.SQL_EXCEPTION) != 0 ? sqlState(t) : null;
            if (state != null) {
                return state;
            }
            t = Causes.of(t, (facts & Causes.OWN_GET_CAUSE) != 0);
        }
        return null;
    }

    /** The SQLState of an SQLException, or null. */
    public static String sqlState(Throwable t) {
        try {
            Method m = t.getClass().getMethod("getSQLState");
            Object state = m.invoke(t);
            return state instanceof String ? (String) state : null;
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /** Whether the class is, or extends or implements, the named type (by name). */
    public static boolean isA(Class<?> c, String name) {
        for (; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
