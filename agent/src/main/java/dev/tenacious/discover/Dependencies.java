package dev.tenacious.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every dependency seen, found per call without allocating: HTTP by host, then port; JDBC by the
 * stripped URL. At most {@link #MAX}; the calls to any more are not counted (and that is said).
 */
final class Dependencies {
    static final int MAX = 200;
    static final String UNKNOWN_HOST = "unknown-host";
    private static final Dependency[] NO_PORTS = new Dependency[0];

    private final ConcurrentHashMap<String, Dependency[]> byHost = new ConcurrentHashMap<String, Dependency[]>();
    private final ConcurrentHashMap<String, Dependency> byUrl = new ConcurrentHashMap<String, Dependency>();
    private final List<Dependency> all = new ArrayList<Dependency>();
    private volatile boolean full;

    Dependency http(String host, int port) {
        String h = host == null ? UNKNOWN_HOST : host;
        Dependency[] ports = byHost.get(h);
        if (ports != null) {
            for (Dependency d : ports) {
                if (d.port == port) {
                    return d;
                }
            }
        }
        return addHttp(h, port);
    }

    private synchronized Dependency addHttp(String host, int port) {
        Dependency[] ports = byHost.get(host);
        ports = ports == null ? NO_PORTS : ports;
        for (Dependency d : ports) {
            if (d.port == port) {
                return d;
            }
        }
        if (all.size() >= MAX) {
            full = true;
            return null;
        }
        Dependency d = Dependency.http(host, port);
        Dependency[] more = java.util.Arrays.copyOf(ports, ports.length + 1);
        more[ports.length] = d;
        byHost.put(host, more);
        all.add(d);
        return d;
    }

    Dependency jdbc(String url) {
        Dependency d = byUrl.get(url);
        return d != null ? d : addJdbc(url);
    }

    private synchronized Dependency addJdbc(String url) {
        Dependency d = byUrl.get(url);
        if (d != null) {
            return d;
        }
        if (all.size() >= MAX) {
            full = true;
            return null;
        }
        d = Dependency.jdbc(url);
        byUrl.put(url, d);
        all.add(d);
        return d;
    }

    synchronized List<Dependency> all() {
        return new ArrayList<Dependency>(all);
    }

    boolean full() {
        return full;
    }
}
