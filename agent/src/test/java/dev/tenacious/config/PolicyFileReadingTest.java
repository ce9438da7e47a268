package dev.tenacious.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link PolicyFileParser#parse(Path)} reads regular files only, and never more than its limit. */
class PolicyFileReadingTest {
    @TempDir
    Path dir;

    static List<String> errors(Path p) {
        return PolicyFileParser.parse(p).errors().stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Test
    void aValidFileIsRead() throws IOException {
        Path p = Files.write(dir.resolve("p.yaml"), PolicyFileParserTest.MINIMAL.getBytes(StandardCharsets.UTF_8));
        ParseResult r = PolicyFileParser.parse(p);
        assertTrue(r.isValid(), () -> r.errors().toString());
    }

    @Test
    void aMissingFileIsAPositionedError() {
        Path p = dir.resolve("none.yaml");
        assertEquals(List.of(p + ":1:1: cannot read the file: it does not exist"), errors(p));
    }

    @Test
    void aDirectoryIsRefused() {
        assertEquals(List.of(dir + ":1:1: not a regular file: it is a directory"), errors(dir));
    }

    @Test
    void aDeviceIsRefusedWithoutBeingRead() throws IOException {
        Path zero = Paths.get("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertEquals(List.of("/dev/zero:1:1: not a regular file (a device, a FIFO or a socket); the agent reads only regular files"),
                errors(zero));
        Path link = Files.createSymbolicLink(dir.resolve("policies.yaml"), zero);
        assertEquals(List.of(link + ":1:1: not a regular file (a device, a FIFO or a socket); the agent reads only regular files"),
                errors(link));
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        // opening a FIFO for reading would block until a writer came: this returning at all is the test
        assertEquals(List.of(fifo + ":1:1: not a regular file (a device, a FIFO or a socket); the agent reads only regular files"),
                errors(fifo));
    }

    @Test
    void aFileLargerThanOneMebibyteIsRefused() throws IOException {
        byte[] big = new byte[PolicyFileBytes.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        Path p = Files.write(dir.resolve("big.yaml"), big);
        assertEquals(List.of(p + ":1:1: the file is larger than 1 MiB (1048576 bytes), the most the agent reads"), errors(p));
    }

    @Test
    void aFileThatGrowsPastTheLimitWhileReadIsRefused() {
        // /proc files say their size is 0 and then give more: a file that grew after its size was checked
        Path status = Paths.get("/proc/self/status");
        assumeTrue(Files.isRegularFile(status), "no /proc here");
        ParseResult r = PolicyFileParser.parse(status, 100);
        assertEquals(List.of("/proc/self/status:1:1: the file grew past 100 bytes while it was read, the most the agent reads"),
                r.errors().stream().map(Problem::toString).collect(Collectors.toList()));
    }

    @Test
    void theBytesAreReadWithinTheSameLimitsForOtherReaders() throws IOException {
        Path p = Files.write(dir.resolve("p.yaml"), "version: 1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("version: 1\n", new String(PolicyFileBytes.read(p), StandardCharsets.UTF_8));
        Path zero = Paths.get("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        PolicyFileBytes.Refused refused = assertThrows(PolicyFileBytes.Refused.class, () -> PolicyFileBytes.read(zero));
        assertEquals("not a regular file (a device, a FIFO or a socket); the agent reads only regular files", refused.getMessage());
    }
}
