package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code settings.metrics.prometheus.host}: a host name, an IPv4 literal or an IPv6 literal, nothing else. */
class PrometheusHostTest {
    static ParseResult withHost(String host) {
        return PolicyFileParser.parse("p.yaml", "settings: { metrics: { prometheus: { port: 9464, host: '" + host + "' } } }\n"
                + "policies: []\n");
    }

    @Test
    void hostNamesAndIpLiteralsAreAccepted() {
        String[][] cases = {
                {"localhost", "localhost"}, {"metrics.internal.example", "metrics.internal.example"},
                {"my-host.example.", "my-host.example."}, {"10.0.0.7", "10.0.0.7"}, {"0.0.0.0", "0.0.0.0"},
                {"::1", "[::1]"}, {"[::1]", "[::1]"}, {"::", "[::]"}, {"2001:db8::8a2e:370:7334", "[2001:db8::8a2e:370:7334]"},
                {"1:2:3:4:5:6:7:8", "[1:2:3:4:5:6:7:8]"}, {"::ffff:192.168.0.1", "[::ffff:192.168.0.1]"},
                {"fe80::1%eth0", "[fe80::1%eth0]"}, {"[FE80::A:1]", "[FE80::A:1]"}};
        for (String[] c : cases) {
            ParseResult r = withHost(c[0]);
            assertTrue(r.isValid(), () -> c[0] + ": " + r.errors());
            assertEquals(c[1], r.file().settings().prometheusHost(), c[0] + ": IPv6 is kept in brackets, so host:port reads right");
        }
    }

    @Test
    void anythingElseIsAPositionedError() {
        for (String bad : List.of("local host", "http://metrics", "metrics:9464", "999.1.1.1", "1.2.3", "01.2.3.4",
                "-bad.example", "bad-.example", "a..b", "[::1", "::1]", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1",
                "1:2:3:4:5:6:7::8:9", "::ffff:1.2.3", "[]", "x".repeat(64) + ".example", "host_name", "\u00e9t\u00e9.example")) {
            ParseResult r = withHost(bad);
            List<String> errors = r.errors().stream().map(Problem::toString).collect(Collectors.toList());
            assertEquals(List.of("p.yaml:1:56: settings.metrics.prometheus.host: expected a host name, an IPv4 address or an"
                    + " IPv6 address (such as metrics.internal, 127.0.0.1, ::1 or [::1]), got '" + bad + "'"), errors, bad);
        }
    }
}
