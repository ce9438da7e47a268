package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The {@code settings} block: every wrong value is a positioned error, never an exception. */
class SettingsParsingTest {
    static final String POLICIES = "policies:\n  - name: a\n    match: [{class: A}]\n";

    static List<String> errors(String yaml) {
        ParseResult r = PolicyFileParser.parse("p.yaml", yaml);
        assertFalse(r.isValid(), "expected errors");
        return r.errors().stream().map(Problem::toString).collect(Collectors.toList());
    }

    @Test
    void summaryEveryWithoutAUnitIsAPositionedError() {
        assertEquals(List.of("p.yaml:1:27: settings.summaryEvery: expected a duration with a unit, such as 200ms, 2s, 1m"
                + " (or 0), got '60'"), errors("settings: { summaryEvery: 60 }\n" + POLICIES));
    }

    @Test
    void aNonBooleanReloadDryRunOrChaosIsAPositionedError() {
        for (String key : List.of("reload", "dryRun", "chaos")) {
            String line = "settings: { " + key + ": maybe }\n";
            assertEquals(List.of("p.yaml:1:" + (line.indexOf("maybe") + 1) + ": settings." + key
                    + ": expected true or false, got 'maybe'"), errors(line + POLICIES), key);
        }
    }

    @Test
    void everyWrongSettingIsReportedAtOnce() {
        List<String> all = errors(String.join("\n",
                "settings:",
                "  reload: 1",
                "  log: loud",
                "  summaryEvery: 60",
                "  dryRun: []",
                "  chaos: {}",
                "  metrics: { jmx: nope, prometheus: { port: 0 } }",
                POLICIES));
        assertEquals(List.of(
                "p.yaml:2:11: settings.reload: expected true or false, got '1'",
                "p.yaml:3:8: settings.log: expected one of off, error, warn, info, debug, got 'loud'",
                "p.yaml:4:17: settings.summaryEvery: expected a duration with a unit, such as 200ms, 2s, 1m (or 0), got '60'",
                "p.yaml:5:11: settings.dryRun: expected true or false, got a list",
                "p.yaml:6:10: settings.chaos: expected true or false, got a map",
                "p.yaml:7:19: settings.metrics.jmx: expected true or false, got 'nope'",
                "p.yaml:7:45: settings.metrics.prometheus.port: expected an integer from 1 to 65535, got 0"), all);
    }
}
