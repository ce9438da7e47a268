package dev.tenacious.discover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One remote dependency: an HTTP host and port, or a database by its JDBC URL without user, password
 * or parameters. It has one {@link CallKey} per library and kind of call.
 */
final class Dependency {
    /** Keys per dependency; the calls past them share one key per library. */
    static final int MAX_KEYS = 512;

    final boolean jdbc;
    /** {@code host:port}, or the stripped JDBC URL. */
    final String id;
    /** The HTTP host (null for JDBC). */
    final String host;
    final int port;
    /** The keys by id, sorted, replaced as a whole when one is added: a lookup is a binary search. */
    private volatile Table table = new Table(new long[0], new CallKey[0]);
    private final AtomicReferenceArray<CallKey> overflow = new AtomicReferenceArray<CallKey>(Libraries.MAX);

    private static final class Table {
        final long[] ids;
        final CallKey[] keys;

        Table(long[] ids, CallKey[] keys) {
            this.ids = ids;
            this.keys = keys;
        }
    }

    private Dependency(boolean jdbc, String id, String host, int port) {
        this.jdbc = jdbc;
        this.id = id;
        this.host = host;
        this.port = port;
    }

    static Dependency http(String host, int port) {
        return new Dependency(false, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port > 0 ? ":" + port : ""),
                host, port);
    }

    static Dependency jdbc(String url) {
        return new Dependency(true, url, null, -1);
    }

    /**
     * The key of the calls through one woven library method (its site) of one kind (an HTTP method,
     * or 0) and path (a {@link PathKeys} number, or 0): what tells call sites apart without a stack walk.
     */
    CallKey key(Libraries.Library library, int site, int kind, int path) {
        long id = ((long) site << 40) | ((path & 0xffffffffL) << 8) | kind;
        Table t = table;
        int i = Arrays.binarySearch(t.ids, id);
        return i >= 0 ? t.keys[i] : add(library, id);
    }

    private synchronized CallKey add(Libraries.Library library, long id) {
        Table t = table;
        int i = Arrays.binarySearch(t.ids, id);
        if (i >= 0) {
            return t.keys[i];
        }
        if (t.ids.length >= MAX_KEYS) {
            CallKey k = overflow.get(library.index);
            if (k == null) {
                overflow.compareAndSet(library.index, null, new CallKey(this, library));
                k = overflow.get(library.index);
            }
            return k;
        }
        int at = -i - 1;
        long[] ids = new long[t.ids.length + 1];
        CallKey[] keys = new CallKey[ids.length];
        System.arraycopy(t.ids, 0, ids, 0, at);
        System.arraycopy(t.keys, 0, keys, 0, at);
        ids[at] = id;
        keys[at] = new CallKey(this, library);
        System.arraycopy(t.ids, at, ids, at + 1, t.ids.length - at);
        System.arraycopy(t.keys, at, keys, at + 1, t.keys.length - at);
        table = new Table(ids, keys);
        return keys[at];
    }

    List<CallKey> keys() {
        List<CallKey> list = new ArrayList<CallKey>(Arrays.asList(table.keys));
        for (int i = 0; i < overflow.length(); i++) {
            CallKey k = overflow.get(i);
            if (k != null) {
                list.add(k);
            }
        }
        return list;
    }

    @Override
    public String toString() {
        return (jdbc ? "JDBC " : "HTTP ") + id;
    }
}
