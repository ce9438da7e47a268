package dev.tenacious.discover;

import java.util.Arrays;

/**
 * The application method a call is charged to: the innermost frame of its stack that is not the
 * JDK's, the agent's, or a library's or framework's, by class and method name, with the lines it was
 * seen at (which tell overloads apart when the file is written). {@link #NONE} stands for calls with
 * no such frame (a framework's own thread).
 */
final class AppFrame {
    static final AppFrame NONE = new AppFrame(null, null);
    private static final int MAX_LINES = 16;

    final String className;
    final String methodName;
    private int[] lines = new int[0];

    AppFrame(String className, String methodName) {
        this.className = className;
        this.methodName = methodName;
    }

    boolean isNone() {
        return className == null;
    }

    synchronized void line(int line) {
        if (line <= 0 || lines.length >= MAX_LINES) {
            return;
        }
        for (int l : lines) {
            if (l == line) {
                return;
            }
        }
        lines = Arrays.copyOf(lines, lines.length + 1);
        lines[lines.length - 1] = line;
    }

    synchronized int[] lines() {
        return lines.clone();
    }

    /** {@code Client.fetch}, or a phrase for {@link #NONE}. */
    String shortName() {
        if (isNone()) {
            return "no application frame";
        }
        int dot = className.lastIndexOf('.');
        return className.substring(dot + 1) + "." + methodName;
    }

    @Override
    public String toString() {
        return isNone() ? "(none)" : className + "." + methodName;
    }
}
