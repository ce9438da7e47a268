package com.acme.samples;

import java.io.IOException;
import java.util.List;

/**
 * Methods of the shapes the direct weaver must handle, each failing with an IOException (retried by
 * the test's policy) on its first {@code failures} attempts. {@code attempts} counts every attempt.
 */
public class Shapes {
    public static int attempts;
    public static int failures;

    static void attempt() throws IOException {
        attempts++;
        if (attempts <= failures) {
            throw new IOException("attempt " + attempts);
        }
    }

    public static int square(int v) throws IOException {
        attempt();
        return v * v;
    }

    /** Writes its parameters: every attempt must still start from the caller's values. */
    public String widen(long a, double b, String s, int[] counts) throws IOException {
        a += 10;
        b *= 2;
        s = s + "!";
        counts[0]++;
        attempt();
        return a + "/" + b + "/" + s;
    }

    /** Its own handler catches what it throws: the method returns normally and is not retried. */
    public static String catchesItsOwn() {
        try {
            attempt();
            return "no failure";
        } catch (IOException e) {
            return "caught " + e.getMessage();
        }
    }

    /** A loop at the very start of the code: a backward jump to the method's first instruction. */
    public static int loopFirst(int n) throws IOException {
        int sum = 0;
        while (n > 0) {
            sum += n--;
        }
        attempt();
        return sum;
    }

    public synchronized long locked(long v) throws IOException {
        attempt();
        return v + 1;
    }

    /** Returns from several branches of a switch. */
    public static char pick(int k) throws IOException {
        attempt();
        switch (k) {
            case 0: return 'a';
            case 1: return 'b';
            case 2: return 'c';
            default: return 'z';
        }
    }

    public static void nothing(List<String> log) throws IOException {
        log.add("attempt");
        attempt();
    }

    public static boolean flag(boolean b) throws IOException {
        attempt();
        return !b;
    }

    public static double half(float f, double d) throws IOException {
        attempt();
        return f / 2 + d;
    }

    public static byte[] bytes(int n) throws IOException {
        attempt();
        return new byte[n];
    }

    public static short shorty(short s) throws IOException {
        attempt();
        return (short) (s + 1);
    }

    /** Never retried: the policy retries IOException only. */
    public static int unclassified() {
        attempts++;
        throw new IllegalStateException("not retried");
    }

    /** A lambda inside: the synthetic lambda body is not woven, the method is. */
    public static int viaLambda(int v) throws IOException {
        attempt();
        java.util.function.IntUnaryOperator twice = x -> x * 2;
        return twice.applyAsInt(v);
    }

    public static int finallies;
    private static final Object LOCK = new Object();

    /** A return inside try, with a finally block (which javac copies onto every path out). */
    public static String withFinally(String v) throws IOException {
        try {
            attempt();
            return v;
        } finally {
            finallies++;
        }
    }

    /** A return inside a synchronized block: the monitor is released on every attempt. */
    public static int insideMonitor(int v) throws IOException {
        synchronized (LOCK) {
            attempt();
            return v + 1;
        }
    }

    /** A branch between NEW and the constructor call: frames with an uninitialized object on the stack. */
    public static String uninitializedOnTheStack(boolean flag) throws IOException {
        attempt();
        return new StringBuilder(flag ? "yes" : "no").append('!').toString();
    }
}
