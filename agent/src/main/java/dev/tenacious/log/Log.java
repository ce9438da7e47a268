package dev.tenacious.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's logger: no dependencies, one line per event on stderr, prefixed {@code [tenacious]}.
 * It never touches the application's logging framework, which may not be configured yet, or at all.
 */
public final class Log {
    public enum Level { OFF, ERROR, WARN, INFO, DEBUG }

    private static volatile int threshold = Level.INFO.ordinal();
    private static final Set<String> onceKeys = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void setLevel(Level level) {
        threshold = level.ordinal();
    }

    public static boolean isDebug() {
        return threshold >= Level.DEBUG.ordinal();
    }

    public static boolean isInfo() {
        return threshold >= Level.INFO.ordinal();
    }

    public static void error(String message) {
        write(Level.ERROR, message, null);
    }

    public static void error(String message, Throwable t) {
        write(Level.ERROR, message, t);
    }

    public static void warn(String message) {
        write(Level.WARN, message, null);
    }

    public static void info(String message) {
        write(Level.INFO, message, null);
    }

    public static void debug(String message) {
        write(Level.DEBUG, message, null);
    }

    /** Logs a warning the first time {@code key} is seen; later ones are dropped. */
    public static void warnOnce(String key, String message) {
        if (onceKeys.add(key)) {
            warn(message);
        }
    }

    /** Logs an error the first time {@code key} is seen; later ones are dropped. */
    public static void errorOnce(String key, String message) {
        if (onceKeys.add(key)) {
            error(message);
        }
    }

    private static void write(Level level, String message, Throwable t) {
        if (level.ordinal() > threshold) {
            return;
        }
        PrintStream err = System.err;
        String prefix = level == Level.INFO ? "[tenacious] " : "[tenacious] " + level.name() + " ";
        err.println(prefix + message);
        if (t != null && isDebug()) {
            t.printStackTrace(err);
        }
    }
}
