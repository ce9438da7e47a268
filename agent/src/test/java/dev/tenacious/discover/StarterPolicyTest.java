package dev.tenacious.discover;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.runtime.Exchange;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.util.Collections;
import java.util.Properties;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file written from calls heard: what it matches, says and suggests, and that it always passes the
 * parser. The calls are fed to the listener as the runtime would, with the stacks the test chooses.
 */
class StarterPolicyTest {
    static final int SITE = 7;

    /** Stack walks that find what the test says. */
    static final class Stacks extends StackAttribution {
        StackAttribution.Walk next;

        Stacks() {
            super(Collections.<String>emptyList());
        }

        @Override
        Walk walk(boolean lookForTransactions) {
            return next;
        }

        void at(boolean transaction, String... frames) {
            next = find(StackAttributionTest.stack(frames), true);
            if (transaction) {
                next = new Walk(next.site, true, false);
            }
        }
    }

    /** A driver that accepts every URL: a JDBC connection call to that URL. */
    public static final class AnyDriver implements Driver {
        @Override public Connection connect(String url, Properties info) { return null; }
        @Override public boolean acceptsURL(String url) { return true; }
        @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return new DriverPropertyInfo[0]; }
        @Override public int getMajorVersion() { return 1; }
        @Override public int getMinorVersion() { return 0; }
        @Override public boolean jdbcCompliant() { return false; }
        @Override public Logger getParentLogger() { return null; }
    }

    final Stacks stacks = new Stacks();
    final Discovery discovery = new Discovery(DiscoverSettings.defaults(), null, stacks);

    void http(String host, int port, String method, int status, Throwable thrown, String... frames) {
        stacks.at(false, frames);
        Exchange x = new Exchange();
        x.http(method, false, true, host, port, status, -1);
        discovery.ended("http-url-connection", SITE, x, null, null, null, 2_000_000, thrown);
    }

    void jdbc(String url, boolean transaction, String... frames) {
        stacks.at(transaction, frames);
        discovery.ended("jdbc", SITE + 1, new Exchange(), new AnyDriver(), url, null, 300_000, null);
    }

    ParseResult render() {
        String text = new StarterPolicy(discovery, new MethodResolver(null), "/tmp/found.yaml").render();
        ParseResult r = PolicyFileParser.parse("found.yaml", text);
        assertTrue(r.isValid(), () -> r.errors() + "\n" + text);
        return r;
    }

    String text() {
        return new StarterPolicy(discovery, new MethodResolver(null), "/tmp/found.yaml").render().replaceAll("\n *# {3}", " ");
    }

    @Test
    void nothingHeardIsAValidFileWithoutPolicies() {
        assertEquals(0, render().file().policies().size());
        assertTrue(text().contains("# No HTTP or JDBC call was seen yet."));
    }

    @Test
    void onePolicyPerDependencyInObserveModeMatchingItsMethodsWithTheirFigures() {
        for (int i = 0; i < 50; i++) {
            http("api.vendor.com", 443, "GET", i % 4 == 0 ? 503 : 200, null, "com.acme.Vendor#quote", "com.acme.Shop#buy");
        }
        for (int i = 0; i < 20; i++) {
            jdbc("jdbc:postgresql://db:5432/orders?user=app&password=hunter2", false, "com.acme.OrderDao#save", "com.acme.Shop#buy");
        }
        ParseResult r = render();
        assertEquals(2, r.file().policies().size());
        assertEquals("api.vendor.com", r.file().policies().get(0).name());
        assertEquals("postgresql-db-5432-orders", r.file().policies().get(1).name());
        assertTrue(r.file().policies().get(0).observe() && r.file().policies().get(1).observe());
        assertEquals(6, r.file().policies().get(0).retry().maxAttempts(), "26% transient failures: 0.26^6 is about 1 in 3,000");
        String t = text();
        assertTrue(t.contains("# Vendor.quote: through HttpURLConnection, 50 calls; GET x 50; status 200 x 37, 503 x 13;"
                + " latency p50 2.0 ms, p99 2.0 ms, max 2.0 ms; 26% failed transiently."), t);
        assertTrue(t.contains("      - class: \"com.acme.Vendor\"\n        method: \"quote\"\n"), t);
        assertTrue(t.contains("# JDBC jdbc:postgresql://db:5432/orders, from 1 place: 20 calls; connections x 20;"), t);
        assertTrue(t.contains("      statuses: [429, 502, 503, 504]   # seen: 503 x 13"), t);
        assertFalse(t.contains("hunter2") || t.contains("user=app"), t);
    }

    @Test
    void aMethodCallingTwoDependenciesIsMatchedByTheFirstAndTheOtherSaysSo() {
        for (int i = 0; i < 30; i++) {
            http("a.example", 80, "GET", 200, null, "com.acme.Sync#run");
        }
        for (int i = 0; i < 10; i++) {
            http("b.example", 80, "GET", 200, null, "com.acme.Sync#run");
        }
        ParseResult r = render();
        assertEquals(1, r.file().policies().size(), "b.example has no other method: a comment only");
        String t = text();
        assertTrue(t.contains("It also calls HTTP b.example:80: a retry of it makes those calls again."), t);
        assertTrue(t.contains("Sync.run: 10 calls; GET x 10; status 200 x 10; latency p50 2.0 ms, p99 2.0 ms, max 2.0 ms. "
                + "Matched by policy a.example above (a method gets the first policy that matches it)."), t);
        assertTrue(t.contains("# No policy for HTTP b.example:80: none of its calls can be matched."), t);
    }

    @Test
    void callsNoMethodCanBeNamedForFallToThePresetWhereTheLibraryHasOne() {
        for (int i = 0; i < 5; i++) {
            jdbc("jdbc:h2:mem:demo", false, "com.acme.OrderDao#<init>", "com.acme.Main#main");
            http("api.example", 8080, "GET", 200, null, "com.acme.Main#lambda$main$0", "java.lang.Thread#run");
        }
        jdbc("jdbc:h2:mem:demo", false, "org.h2.Driver#connect", "java.lang.Thread#run");
        ParseResult r = render();
        assertEquals(1, r.file().policies().size(), "the JDBC calls have the jdbc preset; the HTTP ones, through"
                + " HttpURLConnection, which no preset retries, have no policy");
        String t = text();
        assertTrue(t.contains("5 calls from com.acme.OrderDao.<init> (a constructor, which is never woven); 1 call from no "
                + "application frame: no application method can be named, so the jdbc preset covers the JDBC calls."), t);
        assertTrue(t.contains("      - preset: jdbc\n"), t);
        assertTrue(t.contains("5 calls from com.acme.Main.lambda$main$0 (a lambda's body, whose name changes with every "
                + "compilation) through HttpURLConnection: no policy can retry these here"), t);
    }

    @Test
    void aPresetIsNamedByOnePolicyOnly() {
        for (int i = 0; i < 3; i++) {
            jdbc("jdbc:h2:mem:a", false, "com.acme.ADao#<init>");
            jdbc("jdbc:h2:mem:b", false, "com.acme.BDao#<init>");
        }
        jdbc("jdbc:h2:mem:a", false, "com.acme.ADao#<init>");
        ParseResult r = render();
        assertEquals(1, r.file().policies().size());
        String t = text();
        assertTrue(t.contains("3 calls from com.acme.BDao.<init> (a constructor, which is never woven): no application method "
                + "can be named; the jdbc preset would cover them, but policy h2-mem-a above names it, and a call gets the first"
                + " policy that matches it."), t);
    }

    @Test
    void aDependencyThatIsDownGetsABreakerSuggestionNotMoreAttempts() {
        for (int i = 0; i < 20; i++) {
            http("down.example", 80, "GET", -1, new java.net.ConnectException("refused"), "com.acme.Feed#poll");
        }
        ParseResult r = render();
        assertEquals(3, r.file().policies().get(0).retry().maxAttempts(), "the default");
        String t = text();
        assertTrue(t.contains("java.net.ConnectException x 20"), t);
        assertTrue(t.contains("Feed.poll failed 100% of its calls transiently: the dependency was down rather than flaky"), t);
        assertFalse(t.contains("budget:"), t);
    }

    @Test
    void postsWithoutAnIdempotencyKeyAreNeverRetriedAndTheFileSaysSo() {
        for (int i = 0; i < 12; i++) {
            http("pay.example", 443, "POST", i == 0 ? 502 : 201, null, "com.acme.Payments#charge");
        }
        String t = text();
        render();
        assertTrue(t.contains("      retryNonIdempotent: false   # 12 POST/PATCH requests without an Idempotency-Key were seen:"
                + " they are never retried"), t);
    }

    @Test
    void statementsInsideSpringTransactionsAreLeftToTheTransaction() {
        for (int i = 0; i < 10; i++) {
            jdbc("jdbc:h2:mem:tx", true, "com.acme.OrderDao#save", "com.acme.OrderService#place");
            jdbc("jdbc:h2:mem:tx", false, "com.acme.ReportDao#read", "com.acme.Reports#daily");
        }
        render();
        String t = text();
        assertFalse(t.contains("method: \"save\""), t);
        assertTrue(t.contains("method: \"read\""), t);
        assertTrue(t.contains("sampled calls from OrderDao.save ran inside Spring transactions. A statement inside a transaction"
                + " cannot be re-run alone"), t);
    }
}
