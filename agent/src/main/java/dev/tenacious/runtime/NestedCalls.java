package dev.tenacious.runtime;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Tells whether a failing woven call runs inside another woven call on the same thread, in which case
 * only the outer one may retry (3 attempts around 3 attempts would be 9 requests). Asked only when a
 * call is about to be retried: it reads the current stack (tens of microseconds, small beside a failed
 * remote call) instead of keeping a per-thread depth counter that every successful call would pay for.
 * Frames are matched by class and method name; a JVM started with -XX:-StackTraceInThrowable
 * gives no frames, and then every woven call may retry.
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

    /** True if, below the innermost woven frame of this thread, there is another woven frame. */
    static boolean isNested() {
        Set<String> woven = wovenFrames;
        StackTraceElement[] stack = new Throwable().getStackTrace();
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
