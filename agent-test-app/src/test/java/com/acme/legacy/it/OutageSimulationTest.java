package com.acme.legacy.it;

import com.acme.legacy.sim.OutageSimulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outage simulation at a tenth of its length (phases of 1, 2, 2 and 1 s): a check that it runs,
 * writes its table, CSV and chart, and that the shapes that do not depend on timing hold. A 2 s outage
 * is too short for the breaker's 5 s window to open it, so the breaker's targets are checked on the
 * full-length run whose figures README quotes, not here.
 */
class OutageSimulationTest {
    @TempDir
    Path out;

    @Test
    void aShortSimulationShowsTheStormAndItsAbsence() throws Exception {
        System.setProperty("demo.agent", AppJvm.AGENT_JAR.toString());
        OutageSimulation.main(new String[] {"--scale", "0.1", "--threads", "8", "--out", out.toString()});
        List<String> csv = Files.readAllLines(out.resolve("outage-simulation.csv"));
        Map<String, String[]> rows = new HashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            rows.put(f[0] + "/" + f[1], f);
        }
        assertEquals(5 * 4, rows.size(), csv::toString);
        // calls are counted in the second they start (client clock), phases follow the server's clock:
        // a few calls at the edge of the phase may still succeed
        assertTrue(Double.parseDouble(rows.get("no agent/full outage")[3]) < 0.05,
                "almost nothing succeeds in an outage without retries: " + csv);
        assertTrue(Double.parseDouble(rows.get("retry only (no budget)/full outage")[amplification(csv)]) > 2.0,
                "retries without a budget multiply the load: " + csv);
        assertTrue(Double.parseDouble(rows.get("no agent/20% failures")[3]) < 0.9, csv::toString);
        assertTrue(Double.parseDouble(rows.get("all + adaptive/20% failures")[3]) > 0.97,
                "retries absorb transient failures: " + csv);
        String svg = Files.readString(out.resolve("outage-simulation.svg"));
        assertEquals(10, svg.split("<polyline").length - 1, "two lines per configuration");
        assertTrue(Files.readString(out.resolve("outage-simulation.md")).contains("| all + adaptive | recovery |"));
    }

    private static int amplification(List<String> csv) {
        return List.of(csv.get(0).split(",")).indexOf("amplification");
    }
}
