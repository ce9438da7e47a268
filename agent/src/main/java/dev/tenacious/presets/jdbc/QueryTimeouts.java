package dev.tenacious.presets.jdbc;

import dev.tenacious.log.Log;

import java.lang.reflect.Method;

/**
 * Applies {@code jdbc.timeouts.query} to a statement whose application set none (its query timeout
 * is 0): {@code Statement.setQueryTimeout}, through the {@code java.sql.Statement} interface, with
 * the two methods looked up once per statement class. A statement whose timeout is already set,
 * by the application or by an earlier execute, costs one {@code getQueryTimeout} call.
 */
final class QueryTimeouts {
    private static final Object[] NO_ARGS = new Object[0];
    /** Per class: {getQueryTimeout, setQueryTimeout}, or null for a class that is no Statement. */
    private static final ClassValue<Method[]> METHODS = new ClassValue<Method[]>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            return lookUp(type);
        }
    };

    private QueryTimeouts() {
    }

    /** Gives the statement {@code seconds} unless it has a query timeout of its own; never throws. */
    static void apply(Object statement, int seconds) {
        Method[] m = METHODS.get(statement.getClass());
        if (m == null) {
            return; // getConnection, connect: no statement
        }
        Object current;
        try {
            current = m[0].invoke(statement, NO_ARGS);
        } catch (Exception e) {
            return; // a closed statement: its execute says so itself
        }
        if (!(current instanceof Integer) || (Integer) current != 0) {
            return;
        }
        try {
            m[1].invoke(statement, Integer.valueOf(seconds));
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            Log.warnOnce("jdbc.timeouts:" + statement.getClass().getName(), "jdbc: could not apply jdbc.timeouts.query to "
                    + statement.getClass().getName() + "; its statements run with the application's own timeout: " + cause);
        }
    }

    private static Method[] lookUp(Class<?> type) {
        try {
            Class<?> statement = Class.forName("java.sql.Statement", false, type.getClassLoader());
            if (!statement.isAssignableFrom(type)) {
                return null;
            }
            return new Method[] {statement.getMethod("getQueryTimeout"), statement.getMethod("setQueryTimeout", int.class)};
        } catch (Exception | LinkageError e) {
            return null;
        }
    }
}
