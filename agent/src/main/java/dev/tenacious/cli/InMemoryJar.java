package dev.tenacious.cli;

import net.bytebuddy.dynamic.ClassFileLocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A jar held in memory as the bytes it was stored as (a nested {@code BOOT-INF/lib/*.jar}), read with
 * random access from its central directory, so that {@code plan} reads a fat jar without unpacking
 * anything to disk or inflating every class up front. Java 8's {@code ZipFile} needs a file and its
 * {@code ZipInputStream} reads only in order: hence this small reader of the zip format (APPNOTE.TXT,
 * sections 4.3 and 4.5; stored and deflated entries, ZIP64 included).
 */
final class InMemoryJar implements ClassFileLocator {
    private static final int END = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    /** Where an entry's data is, from its central directory record. */
    private static final class Entry {
        final int method;
        final long compressed;
        final long size;
        final long localHeader;

        Entry(int method, long compressed, long size, long localHeader) {
            this.method = method;
            this.compressed = compressed;
            this.size = size;
            this.localHeader = localHeader;
        }
    }

    final String name;
    private final byte[] zip;
    /** Offsets are from here: not 0 when something precedes the archive (a launch script). */
    private final long base;
    private final Map<String, Entry> entries = new LinkedHashMap<String, Entry>();

    private InMemoryJar(String name, byte[] zip, long base) {
        this.name = name;
        this.zip = zip;
        this.base = base;
    }

    /** @throws IOException naming {@code name} when the bytes are not a zip archive this can read */
    static InMemoryJar of(String name, byte[] zip) throws IOException {
        try {
            return parse(name, zip);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(name + ": a truncated or damaged zip archive");
        }
    }

    private static InMemoryJar parse(String name, byte[] zip) throws IOException {
        int end = -1;
        for (int p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xFFFF); p--) {
            if (u32(zip, p) == END) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            throw new IOException(name + ": not a zip archive (no end of central directory)");
        }
        long count = u16(zip, end + 10);
        long directorySize = u32(zip, end + 12);
        long directory = u32(zip, end + 16);
        long endOfDirectory = end;
        if ((count == 0xFFFF || directory == 0xFFFFFFFFL) && end >= 20 && u32(zip, end - 20) == ZIP64_LOCATOR) {
            int record = checkedInt(u64(zip, end - 20 + 8), name);
            if (u32(zip, record) != ZIP64_END) {
                throw new IOException(name + ": damaged ZIP64 end of central directory");
            }
            count = u64(zip, record + 32);
            directorySize = u64(zip, record + 40);
            directory = u64(zip, record + 48);
            endOfDirectory = record;
        }
        long base = endOfDirectory - directorySize - directory;
        if (base < 0) {
            throw new IOException(name + ": damaged central directory");
        }
        InMemoryJar jar = new InMemoryJar(name, zip, base);
        int p = checkedInt(base + directory, name);
        for (long i = 0; i < count; i++) {
            if (u32(zip, p) != CENTRAL) {
                throw new IOException(name + ": damaged central directory at entry " + i);
            }
            int method = u16(zip, p + 10);
            long compressed = u32(zip, p + 20);
            long size = u32(zip, p + 24);
            int nameLength = u16(zip, p + 28);
            int extraLength = u16(zip, p + 30);
            int commentLength = u16(zip, p + 32);
            long local = u32(zip, p + 42);
            String entryName = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            // ZIP64 extended information (id 1): the 8-byte values of the fields set to 0xFFFFFFFF, in this order
            for (int x = p + 46 + nameLength, xEnd = x + extraLength; x + 4 <= xEnd; x += 4 + u16(zip, x + 2)) {
                if (u16(zip, x) == 1) {
                    int v = x + 4;
                    if (size == 0xFFFFFFFFL) {
                        size = u64(zip, v);
                        v += 8;
                    }
                    if (compressed == 0xFFFFFFFFL) {
                        compressed = u64(zip, v);
                        v += 8;
                    }
                    if (local == 0xFFFFFFFFL) {
                        local = u64(zip, v);
                    }
                }
            }
            jar.entries.put(entryName, new Entry(method, compressed, size, local));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return jar;
    }

    Set<String> entryNames() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The entry's content, or null when there is no such entry. */
    byte[] read(String entryName) throws IOException {
        Entry e = entries.get(entryName);
        if (e == null) {
            return null;
        }
        try {
            int local = checkedInt(base + e.localHeader, name);
            if (u32(zip, local) != LOCAL) {
                throw new IOException(name + "!/" + entryName + ": damaged local header");
            }
            int data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
            int compressed = checkedInt(e.compressed, name);
            byte[] out = new byte[checkedInt(e.size, name)];
            if (e.method == 0) {
                System.arraycopy(zip, data, out, 0, out.length);
                return out;
            }
            if (e.method != 8) {
                throw new IOException(name + "!/" + entryName + ": compression method " + e.method + " (only stored and deflated)");
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(zip, data, compressed);
                int n = 0;
                while (n < out.length) {
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IOException(name + "!/" + entryName + ": ends after " + n + " of " + out.length + " bytes");
                    }
                    n += got;
                }
                return out;
            } catch (DataFormatException bad) {
                throw new IOException(name + "!/" + entryName + ": " + bad.getMessage());
            } finally {
                inflater.end();
            }
        } catch (IndexOutOfBoundsException truncated) {
            throw new IOException(name + "!/" + entryName + ": truncated");
        }
    }

    @Override
    public Resolution locate(String typeName) throws IOException {
        byte[] b = read(typeName.replace('.', '/') + ".class");
        return b == null ? new Resolution.Illegal(typeName) : new Resolution.Explicit(b);
    }

    @Override
    public void close() {
        // nothing held but memory
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return (u16(b, p) | (long) u16(b, p + 2) << 16) & 0xFFFFFFFFL;
    }

    private static long u64(byte[] b, int p) {
        return u32(b, p) | u32(b, p + 4) << 32;
    }

    private static int checkedInt(long v, String name) throws IOException {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IOException(name + ": an offset or size beyond 2 GB");
        }
        return (int) v;
    }
}
