package dev.tenacious.runtime.policy;

import java.lang.reflect.Field;

/**
 * An exception's cause, read without taking its lock where that is safe. {@code Throwable.getCause()}
 * is synchronized: on a retry that waits nothing, the classification's walks of the cause chain took
 * two fifths of the agent's time in lock operations. When the agent could open {@code java.lang} to
 * the runtime (it does so as it defines the runtime in the bootstrap loader; on Java 8 nothing needs
 * opening), the cause is read from {@code Throwable}'s field, as {@code getCause()} would return it,
 * for every exception class that does not override {@code getCause()} (those that do, such as
 * {@code InvocationTargetException}, are asked). Otherwise, and until then, {@code getCause()} is
 * called.
 */
public final class Causes {
    /** Set once {@code java.lang} is open to the runtime: before that the field is not even looked up. */
    private static volatile boolean opened;

    /** {@link #facts}: the class overrides {@code getCause()}, so its answer, not the field, is the cause. */
    public static final byte OWN_GET_CAUSE = 1;
    /** {@link #facts}: the class is a {@code java.sql.SQLException}. */
    public static final byte SQL_EXCEPTION = 2;

    /** What the walks of a cause chain need to know of an exception class, computed once per class. */
    private static final ClassValue<Byte> FACTS = new ClassValue<Byte>() {
        @Override
        protected Byte computeValue(Class<?> type) {
            return (byte) ((overridesGetCause(type) ? OWN_GET_CAUSE : 0)
                    | (SqlStates.isA(type, SqlStates.SQL_EXCEPTION) ? SQL_EXCEPTION : 0));
        }
    };

    private Causes() {
    }

    /** Called by the agent's start once {@code java.lang} is open to the runtime's module (or on Java 8). */
    public static void javaLangOpened() {
        opened = true;
    }

    /** {@link #OWN_GET_CAUSE} and {@link #SQL_EXCEPTION} of an exception class. */
    public static byte facts(Class<?> type) {
        return FACTS.get(type);
    }

    /** Whether a class overrides {@code getCause()} (computed anew: for a classifier's own per-class cache). */
    public static boolean overridesGetCause(Class<?> type) {
        try {
            return type.getMethod("getCause").getDeclaringClass() != Throwable.class;
        } catch (Exception | LinkageError e) {
            return true;
        }
    }

    /**
     * What {@code t.getCause()} returns, for a caller that knows whether its class overrides it (from
     * {@link #facts}, or a per-class cache of its own).
     */
    public static Throwable of(Throwable t, boolean ownGetCause) {
        if (opened && !ownGetCause) {
            Field cause = Direct.CAUSE;
            if (cause != null) {
                try {
                    Object c = cause.get(t);
                    return c == t ? null : (Throwable) c; // the field holds the exception itself until a cause is set
                } catch (IllegalAccessException | RuntimeException e) {
                    // asked below
                }
            }
        }
        return t.getCause();
    }

    /** Initialized on first use after {@link #javaLangOpened}: a constant the JIT can fold. */
    private static final class Direct {
        static final Field CAUSE = causeField();

        private static Field causeField() {
            try {
                Field f = Throwable.class.getDeclaredField("cause");
                f.setAccessible(true);
                return f;
            } catch (Exception | LinkageError e) {
                return null; // a security manager, or a JDK that keeps the package closed
            }
        }
    }
}
