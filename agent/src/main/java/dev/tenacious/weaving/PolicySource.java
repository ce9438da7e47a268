package dev.tenacious.weaving;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Reads the policy file for the reloader without ever harming the host: only a regular file
 * (symlinks followed, so a ConfigMap's swapped {@code ..data} is read anew) is opened, never a FIFO,
 * a device or a directory, and never more than the parser's limit is read, however large the file
 * is or grows while it is read.
 */
final class PolicySource {
    /** As the parser: a policy file is small; anything larger is a mistake, not a policy. */
    static final int MAX_BYTES = 1 << 20;

    private PolicySource() {
    }

    /** The file's bytes. */
    static byte[] read(File file) throws IOException {
        if (!Files.isRegularFile(file.toPath())) {
            throw new IOException(file + " is not a regular file" + (file.exists() ? " (a FIFO, a device or a directory?)" : ""));
        }
        if (file.length() > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        byte[] buffer = new byte[(int) Math.min(MAX_BYTES + 1L, Math.max(file.length(), 4096L))];
        int n = 0;
        try (InputStream in = new FileInputStream(file)) {
            for (int r; n <= MAX_BYTES && (r = in.read(buffer, n, Math.min(buffer.length, MAX_BYTES + 1) - n)) > 0; ) {
                n += r;
                if (n == buffer.length && n <= MAX_BYTES) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_BYTES + 1, buffer.length * 2));
                }
            }
        }
        if (n > MAX_BYTES) {
            throw new IOException(file + " grew beyond " + MAX_BYTES + " bytes while it was read");
        }
        return Arrays.copyOf(buffer, n);
    }
}
