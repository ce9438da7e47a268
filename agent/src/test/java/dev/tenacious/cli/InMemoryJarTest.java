package dev.tenacious.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryJarTest {
    @Test
    void storedAndDeflatedEntriesReadBackAsWritten() throws Exception {
        byte[] text = "hello, nested jar ".repeat(500).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("a/Deflated.class"));
            out.write(text);
            out.closeEntry();
            out.putNextEntry(stored("a/Stored.class", text));
            out.write(text);
            out.closeEntry();
            out.putNextEntry(new ZipEntry("empty.txt"));
            out.closeEntry();
        }
        InMemoryJar jar = InMemoryJar.of("x.jar", zip.toByteArray());
        assertEquals(3, jar.entryNames().size());
        assertArrayEquals(text, jar.read("a/Deflated.class"));
        assertArrayEquals(text, jar.read("a/Stored.class"));
        assertArrayEquals(new byte[0], jar.read("empty.txt"));
        assertNull(jar.read("a/Missing.class"));
        assertArrayEquals(text, jar.locate("a.Deflated").resolve());
        assertTrue(!jar.locate("a.Missing").isResolved());
    }

    @Test
    void aZip64ArchiveWithMoreThan65535EntriesIsRead() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = 0; i < 70_000; i++) {
                out.putNextEntry(new ZipEntry("e" + i));
                out.write(("" + i).getBytes(StandardCharsets.US_ASCII));
                out.closeEntry();
            }
        }
        InMemoryJar jar = InMemoryJar.of("big.jar", zip.toByteArray());
        assertEquals(70_000, jar.entryNames().size());
        assertEquals("69999", new String(jar.read("e69999"), StandardCharsets.US_ASCII));
    }

    @Test
    void anArchiveAfterALaunchScriptIsRead() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("A.class"));
            out.write(1);
            out.closeEntry();
        }
        all.write(zip.toByteArray());
        // offsets in a zip written after a script are from the zip's own start
        assertArrayEquals(new byte[] {1}, InMemoryJar.of("script.jar", all.toByteArray()).read("A.class"));
    }

    @Test
    void bytesThatAreNotAZipAreAnErrorNamingTheJar() {
        IOException e = assertThrows(IOException.class,
                () -> InMemoryJar.of("app.jar!/BOOT-INF/lib/x.jar", "not a zip".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().startsWith("app.jar!/BOOT-INF/lib/x.jar: not a zip archive"), e.getMessage());
    }

    private static ZipEntry stored(String name, byte[] content) {
        ZipEntry e = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        e.setCrc(crc.getValue());
        return e;
    }
}
