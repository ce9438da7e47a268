package dev.tenacious.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a policy file's bytes within the agent's limits, for {@link PolicyFileParser#parse(Path)} and
 * for anything else that reads the file (a reloader comparing it with what it saw last). Only a
 * regular file is opened: a FIFO would block the reader until a writer came, and a device such as
 * {@code /dev/zero} never ends (a symbolic link is followed before the check). The size is checked
 * before reading, and at most one byte more than the limit is read, so a file that grows while it
 * is read is refused too.
 */
public final class PolicyFileBytes {
    /** The largest policy file the agent reads. */
    public static final int MAX_BYTES = 1 << 20;

    private PolicyFileBytes() {
    }

    /** A file the agent does not read; the message says why, in the words of an error in the file. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The file's bytes.
     *
     * @throws Refused when it is missing, not a regular file, or larger than {@link #MAX_BYTES}
     * @throws IOException when reading it fails
     */
    public static byte[] read(Path path) throws IOException {
        return read(path, MAX_BYTES);
    }

    static byte[] read(Path path, int maxBytes) throws IOException {
        // java.io rather than Files: at premain, NIO channels would load some thirty more JDK classes
        File file = path.toFile();
        if (!file.exists()) {
            throw new Refused("cannot read the file: it does not exist");
        }
        if (file.isDirectory()) {
            throw new Refused("not a regular file: it is a directory");
        }
        if (!file.isFile()) {
            throw new Refused("not a regular file (a device, a FIFO or a socket); the agent reads only regular files");
        }
        long length = file.length();
        if (length > maxBytes) {
            throw new Refused("the file is larger than " + describe(maxBytes) + ", the most the agent reads");
        }
        byte[] bytes = new byte[(int) Math.min(Math.max(length, 8192), maxBytes) + 1];
        int size = 0;
        try (InputStream in = new FileInputStream(file)) {
            for (int n; size < bytes.length && (n = in.read(bytes, size, bytes.length - size)) > 0; ) {
                size += n;
                if (size == bytes.length && size <= maxBytes) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(2L * bytes.length, maxBytes + 1L));
                }
            }
        }
        if (size > maxBytes) {
            throw new Refused("the file grew past " + describe(maxBytes) + " while it was read, the most the agent reads");
        }
        return Arrays.copyOf(bytes, size);
    }

    private static String describe(int bytes) {
        return bytes == MAX_BYTES ? "1 MiB (" + bytes + " bytes)" : bytes + " bytes";
    }
}
