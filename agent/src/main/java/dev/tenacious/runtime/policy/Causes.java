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

    /** Whether a class overrides {@code getCause()}: then its answer, not the field, is the cause. */
    private static final ClassValue<Boolean> OWN_GET_CAUSE = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("getCause").getDeclaringClass() != Throwable.class;
            } catch (Exception | LinkageError e) {
                return Boolean.TRUE;
            }
        }
    };

    private Causes() {
    }

    /** Called by the agent's start once {@code java.lang} is open to the runtime's module (or on Java 8). */
    public static void javaLangOpened() {
        opened = true;
    }

    /** What {@code t.getCause()} returns. */
    public static Throwable of(Throwable t) {
        if (opened) {
            Field cause = Direct.CAUSE;
            if (cause != null && !OWN_GET_CAUSE.get(t.getClass())) {
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
