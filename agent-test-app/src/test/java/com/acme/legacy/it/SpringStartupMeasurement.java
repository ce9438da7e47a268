package com.acme.legacy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the Spring Boot bank (H2) without the agent and with it (policy: {@code spring-tx} and
 * {@code jdbc}), as Spring Boot reports it ("process running for N": the JVM's uptime when the
 * application is ready), in interleaved runs; prints the medians and their ratio. A measurement, not a
 * test: it asserts nothing about time, and runs only when asked:
 * {@code mvn -B verify -pl agent-test-app -am -Dtest=SpringStartupMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dtenacious.measure=spring-startup [-Dtenacious.runs=9]}
 */
@EnabledIfSystemProperty(named = "tenacious.measure", matches = "spring-startup")
class SpringStartupMeasurement {
    private static final Pattern RUNNING = Pattern.compile("process running for ([0-9.]+)");

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        int runs = Integer.getInteger("tenacious.runs", 9);
        Path policy = AppJvm.policy(dir, String.join("\n",
                "policies:",
                "  - name: transactions",
                "    match: [{ preset: spring-tx }]",
                "  - name: statements",
                "    match: [{ preset: jdbc }]",
                ""));
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            without.add(startSeconds(null));
            with.add(startSeconds(policy));
            System.out.printf("[spring start-up] run %d: without %.3f s, with %.3f s%n", i + 1,
                    without.get(i), with.get(i));
        }
        double a = median(without);
        double b = median(with);
        System.out.printf("[spring start-up] median of %d interleaved runs: without the agent %.3f s, with spring-tx"
                + " and jdbc %.3f s, ratio %.2fx%n", runs, a, b, b / a);
    }

    private static double startSeconds(Path policy) throws Exception {
        try (SpringBankApp app = SpringBankApp.start("startup", policy, "jdbc:h2:mem:bank;DB_CLOSE_DELAY=-1")) {
            app.awaitStarted();
            Matcher m = RUNNING.matcher(app.log());
            if (!m.find()) {
                throw new AssertionError("no start-up time in\n" + app.log());
            }
            return Double.parseDouble(m.group(1));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
