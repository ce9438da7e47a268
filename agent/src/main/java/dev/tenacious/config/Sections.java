package dev.tenacious.config;

import dev.tenacious.runtime.BulkheadConfig;
import dev.tenacious.runtime.CircuitBreakerConfig;
import dev.tenacious.runtime.FallbackConfig;
import org.yaml.snakeyaml.nodes.Node;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the {@code circuitBreaker}, {@code bulkhead} and {@code fallback} blocks of a policy or of {@code defaults}. */
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

    private Sections() {
    }

    /** A {@code circuitBreaker} block before merging: null fields were not given. */
    static final class BreakerPartial {
        boolean valid = true;
        Node node;
        CircuitBreakerConfig.Scope scope;
        Boolean timeWindow;
        Integer windowSize;
        Node windowNode;
        Integer minimumCalls;
        Double failureRate;
        Long slowOver;
        Double slowRate;
        Long openFor;
        Integer halfOpenCalls;
    }

    static BreakerPartial breaker(NodeReader r, Node n, String key) {
        BreakerPartial p = new BreakerPartial();
        p.node = n;
        Map<String, Node> m = r.map(n, key, BREAKER_KEYS);
        if (m == null) {
            p.valid = false;
            return p;
        }
        if (m.containsKey("scope")) {
            String scope = r.oneOf(m.get("scope"), key + ".scope", SCOPES);
            if (scope == null) {
                p.valid = false;
            } else {
                p.scope = scope.equals("method") ? CircuitBreakerConfig.Scope.METHOD
                        : scope.equals("host") ? CircuitBreakerConfig.Scope.HOST : CircuitBreakerConfig.Scope.POLICY;
            }
        }
        if (m.containsKey("window")) {
            Node wn = m.get("window");
            p.windowNode = wn;
            Map<String, Node> w = r.map(wn, key + ".window", WINDOW_KEYS);
            if (w == null) {
                p.valid = false;
            } else {
                String type = w.containsKey("type") ? r.oneOf(w.get("type"), key + ".window.type", WINDOW_TYPES) : "count";
                p.valid &= type != null;
                p.timeWindow = "time".equals(type);
                if (!w.containsKey("size")) {
                    r.error(wn, key + ".window.size", "missing (expected a number of attempts for a count window, a duration such as 60s for a time window)");
                    p.valid = false;
                } else if (p.timeWindow) {
                    Long nanos = r.duration(w.get("size"), key + ".window.size", false);
                    if (nanos != null && (nanos % 1_000_000_000L != 0 || nanos > 3600_000_000_000L)) {
                        r.error(w.get("size"), key + ".window.size", "a time window is whole seconds, up to 1h (expected a duration such as 60s)");
                        nanos = null;
                    }
                    p.windowSize = nanos == null ? null : (int) (nanos / 1_000_000_000L);
                    p.valid &= p.windowSize != null;
                } else {
                    p.windowSize = r.integer(w.get("size"), key + ".window.size", 1, 100_000);
                    p.valid &= p.windowSize != null;
                }
            }
        }
        if (m.containsKey("minimumCalls")) {
            p.minimumCalls = r.integer(m.get("minimumCalls"), key + ".minimumCalls", 1, 100_000);
            p.valid &= p.minimumCalls != null;
        }
        if (m.containsKey("failureRate")) {
            p.failureRate = positiveRate(r, m.get("failureRate"), key + ".failureRate");
            p.valid &= p.failureRate != null;
        }
        if (m.containsKey("slowCall")) {
            Node sn = m.get("slowCall");
            Map<String, Node> sc = r.map(sn, key + ".slowCall", SLOW_CALL_KEYS);
            if (sc == null) {
                p.valid = false;
            } else {
                if (!sc.containsKey("over")) {
                    r.error(sn, key + ".slowCall.over", "missing (expected a duration such as 2s: attempts slower than this are slow)");
                    p.valid = false;
                } else {
                    p.slowOver = r.duration(sc.get("over"), key + ".slowCall.over", false);
                    p.valid &= p.slowOver != null;
                }
                p.slowRate = sc.containsKey("rate") ? positiveRate(r, sc.get("rate"), key + ".slowCall.rate") : Double.valueOf(1.0);
                p.valid &= p.slowRate != null;
            }
        }
        if (m.containsKey("openFor")) {
            p.openFor = r.duration(m.get("openFor"), key + ".openFor", false);
            p.valid &= p.openFor != null;
        }
        if (m.containsKey("halfOpenCalls")) {
            p.halfOpenCalls = r.integer(m.get("halfOpenCalls"), key + ".halfOpenCalls", 1, 10_000);
            p.valid &= p.halfOpenCalls != null;
        }
        return p;
    }

    private static Double positiveRate(NodeReader r, Node n, String key) {
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
        boolean time = first(o.timeWindow, d.timeWindow, Boolean.FALSE);
        int size = first(o.windowSize, d.windowSize, time ? 60 : CircuitBreakerConfig.DEFAULT_WINDOW_SIZE);
        int minimum = first(o.minimumCalls, d.minimumCalls,
                time ? CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS : Math.min(size, CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS));
        if (!time && minimum > size) {
            Node at = o.windowNode != null ? o.windowNode : o.node != null ? o.node : d.node;
            r.error(at, key + ".minimumCalls", "minimumCalls (" + minimum + ") is larger than the count window (" + size
                    + "), so the breaker could never open");
            return null;
        }
        return new CircuitBreakerConfig(first(o.scope, d.scope, CircuitBreakerConfig.Scope.POLICY), time, size, minimum,
                first(o.failureRate, d.failureRate, CircuitBreakerConfig.DEFAULT_FAILURE_RATE),
                first(o.slowOver, d.slowOver, 0L), first(o.slowRate, d.slowRate, 1.0),
                first(o.openFor, d.openFor, CircuitBreakerConfig.DEFAULT_OPEN_FOR_NANOS),
                first(o.halfOpenCalls, d.halfOpenCalls, CircuitBreakerConfig.DEFAULT_HALF_OPEN_CALLS));
    }

    static BulkheadConfig bulkhead(NodeReader r, Node n, String key) {
        Map<String, Node> m = r.map(n, key, BULKHEAD_KEYS);
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

    static FallbackConfig fallback(NodeReader r, Node n, String key) {
        Map<String, Node> m = r.map(n, key, FALLBACK_KEYS);
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

    static dev.tenacious.runtime.ChaosConfig chaos(NodeReader r, Node n, String key) {
        Map<String, Node> m = r.map(n, key, CHAOS_KEYS);
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
        return rate == null || delay == null ? null : new dev.tenacious.runtime.ChaosConfig(rate, type, delay);
    }

    /** A policy's own value, else the {@code defaults} block's, else the built-in one. */
    static <T> T first(T own, T defaults, T builtIn) {
        return own != null ? own : defaults != null ? defaults : builtIn;
    }

    /** The {@code http} block of a policy or of {@code defaults}; null after an error. */
    static dev.tenacious.runtime.HttpConfig http(NodeReader r, Node n, String key) {
        Map<String, Node> m = r.map(n, key, HTTP_KEYS);
        if (m == null) {
            return null;
        }
        boolean valid = true;
        List<dev.tenacious.matching.Glob> hosts = new java.util.ArrayList<dev.tenacious.matching.Glob>();
        if (m.containsKey("hosts")) {
            List<Node> items = r.list(m.get("hosts"), key + ".hosts");
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
                    hosts.add(dev.tenacious.matching.Glob.of(h.toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        List<Integer> statuses = dev.tenacious.runtime.HttpConfig.DEFAULT_STATUSES;
        if (m.containsKey("statuses")) {
            List<Node> items = r.list(m.get("statuses"), key + ".statuses");
            valid &= items != null;
            statuses = new java.util.ArrayList<Integer>();
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
            Map<String, Node> t = r.map(m.get("timeouts"), key + ".timeouts", TIMEOUT_KEYS);
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
        return new dev.tenacious.runtime.HttpConfig(hosts, statuses, nonIdempotent, connect, request);
    }
}
