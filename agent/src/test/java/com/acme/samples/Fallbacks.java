package com.acme.samples;

import java.io.IOException;
import java.util.List;

/** Methods that always fail, under a policy with {@code fallback: { return: empty }}. */
public class Fallbacks {
    public static int attempts;

    public static int number() throws IOException {
        attempts++;
        throw new IOException("down");
    }

    public static long big() throws IOException {
        attempts++;
        throw new IOException("down");
    }

    public static boolean yes() throws IOException {
        attempts++;
        throw new IOException("down");
    }

    public static double ratio() throws IOException {
        attempts++;
        throw new IOException("down");
    }

    public List<String> names() throws IOException {
        attempts++;
        throw new IOException("down");
    }

    public static String text() throws IOException {
        attempts++;
        throw new IOException("down");
    }
}
