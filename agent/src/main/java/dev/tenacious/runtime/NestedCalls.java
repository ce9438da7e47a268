package dev.tenacious.runtime;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The woven methods by class and method name, to confirm on the stack that a call the thread's
 * {@link ThreadCalls} says is nested really runs inside another woven method: a frame below it may
 * have been left by a call whose exit never ran. Asked only when a failing call would be called nested
 * (it reads the whole stack, tens of microseconds). A JVM started with -XX:-StackTraceInThrowable
 * gives no frames to confirm with: the thread's record is trusted then.
 */
final class NestedCalls {
    private static volatile Set<String> wovenFrames = newSet();

    private NestedCalls() {
    }

    private static Set<String> newSet() {
        return Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    }

    /** Adds a newly woven method that has a policy. */
    static void add(String frame) {
        wovenFrames.add(frame);
    }

    /** Replaces the whole set (after a reload re-resolved every site). */
    static void replace(Collection<String> frames) {
        Set<String> next = newSet();
        next.addAll(frames);
        wovenFrames = next;
    }

    static String key(String className, String methodName) {
        return className + "#" + methodName;
    }

    /** True if, below the innermost woven frame of this thread's stack, there is another woven frame. */
    static boolean hasWovenCaller() {
        Set<String> woven = wovenFrames;
        StackTraceElement[] stack = new Throwable().getStackTrace();
        if (stack.length == 0) {
            return true;
        }
        boolean seenSelf = false;
        for (StackTraceElement frame : stack) {
            if (woven.contains(key(frame.getClassName(), frame.getMethodName()))) {
                if (seenSelf) {
                    return true;
                }
                seenSelf = true;
            }
        }
        return false;
    }
}
