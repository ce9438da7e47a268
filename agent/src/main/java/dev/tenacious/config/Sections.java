package dev.tenacious.config;

import dev.tenacious.matching.Glob;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.ChaosConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.FallbackConfig;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.JdbcConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code circuitBreaker}, {@code bulkhead}, {@code fallback}, {@code chaos}, {@code http} and {@code jdbc} blocks of a policy or of {@code defaults}. */
final class Sections {
    private static final List<String> BREAKER_KEYS = Arrays.asList("scope", "window", "minimumCalls", "failureRate",
            "slowCall", "openFor", "halfOpenCalls");
    private static final List<String> WINDOW_KEYS = Arrays.asList("type", "size");
    private static final List<String> WINDOW_TYPES = Arrays.asList("count", "time");
    private static final List<String> SLOW_CALL_KEYS = Arrays.asList("over", "rate");
    private static final List<String> SCOPES = Arrays.asList("policy", "method", "host");
    private static final List<String> BULKHEAD_KEYS = Arrays.asList("maxConcurrent", "maxWait");
    private static final List<String> FALLBACK_KEYS = Arrays.asList("return", "throw");
    private static final List<String> HTTP_KEYS = Arrays.asList("hosts", "statuses", "retryNonIdempotent", "timeouts");
    private static final List<String> TIMEOUT_KEYS = Arrays.asList("connect", "request");
    private static final List<String> JDBC_KEYS = Arrays.asList("timeouts");
    private static final List<String> JDBC_TIMEOUT_KEYS = Arrays.asList("query");

    private Sections() {
    }

    /** A {@code circuitBreaker} block before merging: what it gives, and where, for errors found after merging. */
    static final class BreakerPartial {
        boolean valid = true;
        YamlNode node;
        YamlNode windowNode;
        final CircuitBreakerConfig.Builder given = CircuitBreakerConfig.builder();
    }

    static BreakerPartial breaker(NodeReader r, YamlNode n, String key) {
        BreakerPartial p = new BreakerPartial();
        p.node = n;
        Map<String, YamlNode> m = r.map(n, key, BREAKER_KEYS);
        if (m == null) {
            p.valid = false;
            return p;
        }
        CircuitBreakerConfig.Builder b = p.given;
        if (m.containsKey("scope")) {
            String scope = r.oneOf(m.get("scope"), key + ".scope", SCOPES);
            if (scope == null) {
                p.valid = false;
            } else {
                b.scope(CircuitBreakerConfig.Scope.valueOf(scope.toUpperCase(Locale.ROOT)));
            }
        }
        if (m.containsKey("window")) {
            window(r, m.get("window"), key + ".window", p);
        }
        if (m.containsKey("minimumCalls")) {
            Integer v = r.integer(m.get("minimumCalls"), key + ".minimumCalls", 1, 100_000);
            if (v == null) {
                p.valid = false;
            } else {
                b.minimumCalls(v);
            }
        }
        if (m.containsKey("failureRate")) {
            Double v = positiveRate(r, m.get("failureRate"), key + ".failureRate");
            if (v == null) {
                p.valid = false;
            } else {
                b.failureRate(v);
            }
        }
        if (m.containsKey("slowCall")) {
            slowCall(r, m.get("slowCall"), key + ".slowCall", p);
        }
        if (m.containsKey("openFor")) {
            Long v = r.duration(m.get("openFor"), key + ".openFor", false);
            if (v == null) {
                p.valid = false;
            } else {
                b.openForNanos(v);
            }
        }
        if (m.containsKey("halfOpenCalls")) {
            Integer v = r.integer(m.get("halfOpenCalls"), key + ".halfOpenCalls", 1, 10_000);
            if (v == null) {
                p.valid = false;
            } else {
                b.halfOpenCalls(v);
            }
        }
        return p;
    }

    private static void window(NodeReader r, YamlNode wn, String key, BreakerPartial p) {
        p.windowNode = wn;
        Map<String, YamlNode> w = r.map(wn, key, WINDOW_KEYS);
        if (w == null) {
            p.valid = false;
            return;
        }
        String type = w.containsKey("type") ? r.oneOf(w.get("type"), key + ".type", WINDOW_TYPES) : "count";
        if (type == null) {
            p.valid = false;
            return;
        }
        boolean time = type.equals("time");
        p.given.timeWindow(time);
        if (!w.containsKey("size")) {
            r.error(wn, key + ".size", "missing (expected a number of attempts for a count window, a duration such as 60s for a time window)");
            p.valid = false;
        } else if (time) {
            Long nanos = r.duration(w.get("size"), key + ".size", false);
            if (nanos != null && (nanos % 1_000_000_000L != 0 || nanos > 3600_000_000_000L)) {
                r.error(w.get("size"), key + ".size", "a time window is whole seconds, up to 1h (expected a duration such as 60s)");
                nanos = null;
            }
            if (nanos == null) {
                p.valid = false;
            } else {
                p.given.windowSize((int) (nanos / 1_000_000_000L));
            }
        } else {
            Integer size = r.integer(w.get("size"), key + ".size", 1, 100_000);
            if (size == null) {
                p.valid = false;
            } else {
                p.given.windowSize(size);
            }
        }
    }

    private static void slowCall(NodeReader r, YamlNode sn, String key, BreakerPartial p) {
        Map<String, YamlNode> sc = r.map(sn, key, SLOW_CALL_KEYS);
        if (sc == null) {
            p.valid = false;
            return;
        }
        Long over = null;
        if (!sc.containsKey("over")) {
            r.error(sn, key + ".over", "missing (expected a duration such as 2s: attempts slower than this are slow)");
        } else {
            over = r.duration(sc.get("over"), key + ".over", false);
        }
        Double rate = sc.containsKey("rate") ? positiveRate(r, sc.get("rate"), key + ".rate")
                : Double.valueOf(CircuitBreakerConfig.DEFAULT_SLOW_RATE);
        if (over == null || rate == null) {
            p.valid = false;
        } else {
            p.given.slowCall(over, rate);
        }
    }

    private static Double positiveRate(NodeReader r, YamlNode n, String key) {
        Double rate = r.rate(n, key, 1.0);
        if (rate != null && rate <= 0) {
            r.error(n, key, "expected a rate above 0%, such as 50%");
            return null;
        }
        return rate;
    }

    /** Own keys over {@code defaults}' over built-in defaults; null when neither gives a breaker or it is invalid. */
    static CircuitBreakerConfig mergeBreaker(NodeReader r, BreakerPartial own, BreakerPartial defaults, String key) {
        if (own == null && defaults == null) {
            return null;
        }
        BreakerPartial o = own != null ? own : new BreakerPartial();
        BreakerPartial d = defaults != null ? defaults : new BreakerPartial();
        if (!o.valid || !d.valid) {
            return null;
        }
        CircuitBreakerConfig c = o.given.over(d.given).build();
        if (!c.timeWindow() && c.minimumCalls() > c.windowSize()) {
            YamlNode at = o.windowNode != null ? o.windowNode : o.node != null ? o.node : d.node;
            r.error(at, key + ".minimumCalls", "minimumCalls (" + c.minimumCalls() + ") is larger than the count window ("
                    + c.windowSize() + "), so the breaker could never open");
            return null;
        }
        return c;
    }

    static BulkheadConfig bulkhead(NodeReader r, YamlNode n, String key) {
        Map<String, YamlNode> m = r.map(n, key, BULKHEAD_KEYS);
        if (m == null) {
            return null;
        }
        Integer max = null;
        if (!m.containsKey("maxConcurrent")) {
            r.error(n, key + ".maxConcurrent", "missing (expected the number of calls allowed at once, such as 10)");
        } else {
            max = r.integer(m.get("maxConcurrent"), key + ".maxConcurrent", 1, 100_000);
        }
        Long wait = m.containsKey("maxWait") ? r.duration(m.get("maxWait"), key + ".maxWait", true) : Long.valueOf(0L);
        return max == null || wait == null ? null : new BulkheadConfig(max, wait);
    }

    static FallbackConfig fallback(NodeReader r, YamlNode n, String key) {
        Map<String, YamlNode> m = r.map(n, key, FALLBACK_KEYS);
        if (m == null) {
            return null;
        }
        if (m.size() != 1) {
            r.error(n, key, "expected exactly one of return: empty or throw: <exception class>");
            return null;
        }
        if (m.containsKey("return")) {
            String v = r.oneOf(m.get("return"), key + ".return", Arrays.asList("empty"));
            return v == null ? null : FallbackConfig.EMPTY;
        }
        String type = r.scalar(m.get("throw"), key + ".throw", "an exception class name such as com.acme.PaymentUnavailable");
        if (type == null) {
            return null;
        }
        if (!Names.matches(Names.TYPE_NAME, type) || !type.contains(".")) {
            r.error(m.get("throw"), key + ".throw", "'" + type + "' is not a fully qualified class name (expected one such as com.acme.PaymentUnavailable)");
            return null;
        }
        return FallbackConfig.throwing(type);
    }

    private static final List<String> CHAOS_KEYS = Arrays.asList("rate", "throw", "delay");

    static ChaosConfig chaos(NodeReader r, YamlNode n, String key) {
        Map<String, YamlNode> m = r.map(n, key, CHAOS_KEYS);
        if (m == null) {
            return null;
        }
        Double rate = null;
        if (!m.containsKey("rate")) {
            r.error(n, key + ".rate", "missing (expected the share of attempts that get a fault, such as 10%)");
        } else {
            rate = r.rate(m.get("rate"), key + ".rate", 1.0);
        }
        String type = null;
        if (m.containsKey("throw")) {
            type = r.scalar(m.get("throw"), key + ".throw", "an exception class name such as java.net.SocketTimeoutException");
            if (type != null && (!Names.matches(Names.TYPE_NAME, type) || !type.contains("."))) {
                r.error(m.get("throw"), key + ".throw", "'" + type + "' is not a fully qualified class name (expected one such as java.net.SocketTimeoutException)");
                return null;
            }
            if (type == null) {
                return null;
            }
        }
        Long delay = m.containsKey("delay") ? r.duration(m.get("delay"), key + ".delay", true) : Long.valueOf(0L);
        if (!m.containsKey("throw") && !m.containsKey("delay")) {
            r.error(n, key, "a chaos block needs throw, delay or both");
            return null;
        }
        return rate == null || delay == null ? null : new ChaosConfig(rate, type, delay);
    }

    /** The {@code http} block of a policy or of {@code defaults}; null after an error. */
    static HttpConfig http(NodeReader r, YamlNode n, String key) {
        Map<String, YamlNode> m = r.map(n, key, HTTP_KEYS);
        if (m == null) {
            return null;
        }
        boolean valid = true;
        List<Glob> hosts = new ArrayList<Glob>();
        if (m.containsKey("hosts")) {
            List<YamlNode> items = r.list(m.get("hosts"), key + ".hosts");
            valid = items != null;
            for (int i = 0; items != null && i < items.size(); i++) {
                String h = r.scalar(items.get(i), key + ".hosts[" + i + "]", "a host name pattern such as *.vendor.com");
                if (h == null) {
                    valid = false;
                } else if (!Names.matches(Names.HOST_PATTERN, h)) {
                    r.error(items.get(i), key + ".hosts[" + i + "]", "'" + h
                            + "' is not a host pattern (expected a host name such as api.vendor.com or *.vendor.com)");
                    valid = false;
                } else {
                    hosts.add(Glob.of(h.toLowerCase(Locale.ROOT)));
                }
            }
        }
        List<Integer> statuses = HttpConfig.DEFAULT_STATUSES;
        if (m.containsKey("statuses")) {
            List<YamlNode> items = r.list(m.get("statuses"), key + ".statuses");
            valid &= items != null;
            statuses = new ArrayList<Integer>();
            for (int i = 0; items != null && i < items.size(); i++) {
                Integer status = r.integer(items.get(i), key + ".statuses[" + i + "]", 100, 599);
                if (status == null) {
                    valid = false;
                } else {
                    statuses.add(status);
                }
            }
        }
        Boolean nonIdempotent = m.containsKey("retryNonIdempotent")
                ? r.bool(m.get("retryNonIdempotent"), key + ".retryNonIdempotent") : Boolean.FALSE;
        Long connect = 0L;
        Long request = 0L;
        if (m.containsKey("timeouts")) {
            Map<String, YamlNode> t = r.map(m.get("timeouts"), key + ".timeouts", TIMEOUT_KEYS);
            valid &= t != null;
            if (t != null && t.containsKey("connect")) {
                connect = r.duration(t.get("connect"), key + ".timeouts.connect", false);
            }
            if (t != null && t.containsKey("request")) {
                request = r.duration(t.get("request"), key + ".timeouts.request", false);
            }
        }
        if (!valid || nonIdempotent == null || connect == null || request == null) {
            return null;
        }
        return new HttpConfig(hosts, statuses, nonIdempotent, connect, request);
    }

    /**
     * {@code jdbc: { timeouts: { query: 5s } }}: JDBC takes a query timeout in whole seconds
     * ({@code Statement.setQueryTimeout}), so anything else is an error rather than a silent rounding.
     */
    static JdbcConfig jdbc(NodeReader r, YamlNode n, String key) {
        Map<String, YamlNode> m = r.map(n, key, JDBC_KEYS);
        if (m == null) {
            return null;
        }
        int query = 0;
        if (m.containsKey("timeouts")) {
            Map<String, YamlNode> t = r.map(m.get("timeouts"), key + ".timeouts", JDBC_TIMEOUT_KEYS);
            if (t == null) {
                return null;
            }
            if (t.containsKey("query")) {
                YamlNode q = t.get("query");
                Long nanos = r.duration(q, key + ".timeouts.query", false);
                if (nanos == null) {
                    return null;
                }
                if (nanos % 1_000_000_000L != 0 || nanos / 1_000_000_000L > Integer.MAX_VALUE) {
                    r.error(q, key + ".timeouts.query", "JDBC query timeouts are whole seconds (Statement.setQueryTimeout);"
                            + " expected a duration such as 5s or 2m");
                    return null;
                }
                query = (int) (nanos / 1_000_000_000L);
            }
        }
        return new JdbcConfig(query);
    }
}
