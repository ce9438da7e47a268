package dev.tenacious.discover;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.DaemonThreads;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the starter policy file every {@code every} and at exit (a shutdown hook): to a temporary
 * file beside it, then renamed over it in one step, so a reader never sees half of one. Each version
 * is checked with the policy file parser first; a failure to write is logged once and retried at the
 * next turn.
 */
final class DiscoveryFile {
    private final Discovery discovery;
    private final DiscoverSettings settings;
    private final Path path;
    private final StarterPolicy policy;

    DiscoveryFile(Discovery discovery, DiscoverSettings settings) {
        this.discovery = discovery;
        this.settings = settings;
        this.path = new File(settings.out()).getAbsoluteFile().toPath();
        this.policy = new StarterPolicy(discovery, new MethodResolver(discovery.instrumentation()), path.toString());
    }

    Path path() {
        return path;
    }

    /** Starts the periodic writes (unless {@code every} is 0) and registers the write at exit. */
    void schedule() {
        final long every = settings.everyNanos();
        if (every > 0) {
            DaemonThreads.newThread(new Runnable() {
                @Override
                public void run() {
                    try {
                        while (true) {
                            Thread.sleep(every / 1_000_000, (int) (every % 1_000_000));
                            write(false);
                        }
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "tenacious-discover").start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                write(true);
            }
        }, "tenacious-discover-exit"));
    }

    /** Writes the file now; never throws. */
    synchronized void write(boolean atExit) {
        Path tmp = null;
        try {
            String text = policy.render();
            ParseResult check = PolicyFileParser.parse(path.toString(), text);
            if (!check.isValid()) {
                Log.errorOnce("discover-invalid", "discover: the starter policy file does not pass validate (please report it): "
                        + check.errors());
            }
            Path dir = path.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            String line = "discover: wrote " + path + " (" + Text.plural(discovery.callsHeard(), "call", "calls") + " heard)";
            if (atExit) {
                Log.info(line);
            } else {
                Log.debug(line);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            Log.warnOnce("discover-write", "discover: could not write " + path + ": " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
