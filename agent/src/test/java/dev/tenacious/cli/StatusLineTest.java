package dev.tenacious.cli;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusLineTest {
    @Test
    void durationsAreRoundedToAFewDigitsWithTheirUnit() {
        assertEquals("487us", StatusLine.duration(0.000487));
        assertEquals("4.9ms", StatusLine.duration(0.004862366));
        assertEquals("65.5ms", StatusLine.duration(0.065536));
        assertEquals("99.9ms", StatusLine.duration(0.0999));
        assertEquals("100ms", StatusLine.duration(0.09996));
        assertEquals("487ms", StatusLine.duration(0.4874));
        assertEquals("1.0s", StatusLine.duration(0.9996));
        assertEquals("12.3s", StatusLine.duration(12.3456));
        assertEquals("1m00s", StatusLine.duration(59.97));
        assertEquals("4m05s", StatusLine.duration(245.2));
        assertEquals("2h07m", StatusLine.duration(7620));
        assertEquals("-", StatusLine.duration(Double.NaN));
    }

    @Test
    void latenciesComeWithTheNumberOfSampledCalls() {
        Map<String, Object> a = figures();
        a.put("CallLatencySamples", 57L);
        a.put("CallLatencyP50Millis", 12.3);
        a.put("CallLatencyP99Millis", 40.1);
        assertTrue(StatusLine.of("p", a).contains(", call p50/p99 12.3ms/40.1ms of 57 sampled calls, "), StatusLine.of("p", a));
        a.put("CallLatencySamples", 1L);
        assertTrue(StatusLine.of("p", a).contains(" of 1 sampled call, "), StatusLine.of("p", a));
    }

    @Test
    void withoutSampledCallsTheLineSaysSoRatherThanShowingZeros() {
        Map<String, Object> a = figures();
        a.put("CallLatencySamples", 0L);
        a.put("CallLatencyP50Millis", Double.NaN);
        a.put("CallLatencyP99Millis", Double.NaN);
        String line = StatusLine.of("p", a);
        assertEquals("policy p: 0 calls, success rate 100.00%, 0 retries, attempts per call 1=0, breaker NONE, "
                + "no sampled calls yet, no recoveries, refused: 0 open, 0 full, 0 budget", line);
    }

    @Test
    void anAgentWithoutTheSampleCountStillGetsItsPercentiles() {
        Map<String, Object> a = figures();
        a.put("CallLatencyP50Millis", 2.0);
        a.put("CallLatencyP99Millis", 3.0);
        assertTrue(StatusLine.of("p", a).contains(", call p50/p99 2.0ms/3.0ms, "), StatusLine.of("p", a));
    }

    @Test
    void recoveriesShowTheLastAndTheMeanRounded() {
        Map<String, Object> a = figures();
        a.put("Recoveries", 3L);
        a.put("LastRecoverySeconds", 0.004862366);
        a.put("MeanRecoverySeconds", 1.23456);
        assertTrue(StatusLine.of("p", a).contains(", 3 recoveries (last 4.9ms, mean 1.2s), "), StatusLine.of("p", a));
        a.put("Recoveries", 1L);
        assertTrue(StatusLine.of("p", a).contains(", 1 recovery (last "), StatusLine.of("p", a));
    }

    private static Map<String, Object> figures() {
        Map<String, Object> a = new HashMap<>();
        a.put("Calls", 0L);
        a.put("SuccessRate", 1.0);
        a.put("Retries", 0L);
        a.put("AttemptsPerCall", "1=0");
        a.put("BreakerState", "NONE");
        a.put("Recoveries", 0L);
        a.put("LastRecoverySeconds", 0.0);
        a.put("MeanRecoverySeconds", 0.0);
        a.put("RejectedOpen", 0L);
        a.put("RejectedFull", 0L);
        a.put("RejectedBudget", 0L);
        return a;
    }
}
