package dev.tenacious.runtime.decision;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A background task's failures are said when they change, and again after it recovered. */
class TickerTest {
    @Test
    void aTaskThatKeepsFailingIsReportedEachTimeItsFailureChanges() {
        Deque<String> outcomes = new ArrayDeque<>(Arrays.asList("disk gone", "disk gone", "no such file", "ok", "disk gone"));
        Runnable task = Ticker.guarded("reload", () -> {
            String next = outcomes.poll();
            if (!next.equals("ok")) {
                throw new IllegalStateException(next);
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            for (int i = 0; i < 5; i++) {
                task.run();
            }
        } finally {
            System.setErr(original);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        assertEquals(List.of(
                "[tenacious] WARN reload failed: java.lang.IllegalStateException: disk gone",
                "[tenacious] WARN reload failed: java.lang.IllegalStateException: no such file",
                "[tenacious] WARN reload failed: java.lang.IllegalStateException: disk gone"), lines);
    }
}
