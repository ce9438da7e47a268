package dev.tenacious.observe;

import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every decision shows on every surface under its one name per surface, and README's table lists them. */
class DecisionSurfacesTest {
    @Test
    void everyDecisionIsASampleOfTheScrapeUnderItsName() {
        PolicyState s = new PolicyStates().forName("p");
        String scrape = PrometheusText.render(List.of(s));
        for (Decision d : Decision.values()) {
            String sample = d.metricLabel == null ? d.metric + "{policy=\"p\"} 0"
                    : d.metric + "{policy=\"p\"," + (d.metric.equals(Decision.CALLS) ? "outcome" : "reason") + "=\""
                    + d.metricLabel + "\"} 0";
            assertTrue(scrape.contains(sample + "\n"), d + ": " + sample + " in\n" + scrape);
        }
    }

    @Test
    void theSummaryLineShowsTheUsualDecisionsAlwaysAndTheRareOnesOnceTheyHappened() {
        PolicyState s = new PolicyStates().forName("p");
        String line = Summary.line(s);
        for (Decision d : Decision.values()) {
            assertEquals(d.alwaysInSummary, line.contains(", 0 " + d.summaryName), d + ": " + line);
        }
    }

    @Test
    void readmesMetricsTableNamesEveryDecisionAsEachSurfaceDoes() throws Exception {
        List<String> readme = Files.readAllLines(Paths.get("..", "README.md"));
        for (Decision d : Decision.values()) {
            String prometheus = d.metricLabel == null ? "`" + d.metric + "`"
                    : (d.metric.equals(Decision.CALLS) ? "calls `" : "endings `") + d.metricLabel + "`";
            String row = "| `" + d.jmxName + "` | " + prometheus + " | " + d.summaryName + " | ";
            assertTrue(readme.stream().anyMatch(l -> l.startsWith("| ") && l.contains(row)),
                    d + ": README's metrics table has no row with " + row);
        }
    }
}
