package dev.tenacious.discover;

import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.Preset;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The libraries discovery hears calls through, by the name a {@link dev.tenacious.runtime.CallListener}
 * gets: whether they speak HTTP or JDBC, whether a policy can name them as a preset, and how the
 * file calls them. Libraries that are neither (a transaction boundary) are not dependencies.
 */
final class Libraries {
    static final int MAX = 16;

    /** One library. */
    static final class Library {
        final int index;
        final String name;
        final boolean http;
        final boolean jdbc;
        /** Whether a policy can name it ({@code preset: NAME}); else only application methods retry its calls. */
        final boolean preset;
        final String title;

        Library(int index, String name, boolean http, boolean jdbc, boolean preset) {
            this.index = index;
            this.name = name;
            this.http = http;
            this.jdbc = jdbc;
            this.preset = preset;
            this.title = title(name);
        }

        private static String title(String name) {
            if (name.equals("http-url-connection")) {
                return "HttpURLConnection";
            }
            if (name.equals("commons-httpclient3")) {
                return "Commons HttpClient 3";
            }
            if (name.equals("jdk-http")) {
                return "the JDK HttpClient";
            }
            if (name.equals("apache-http5")) {
                return "Apache HttpClient 5";
            }
            if (name.equals("apache-http4")) {
                return "Apache HttpClient 4";
            }
            if (name.equals("okhttp")) {
                return "OkHttp";
            }
            if (name.equals("jdbc")) {
                return "JDBC";
            }
            return name;
        }
    }

    private static final Library NEITHER = new Library(-1, "", false, false, false);
    private final ConcurrentHashMap<String, Library> byName = new ConcurrentHashMap<String, Library>();

    /** The library of that name, or null when it is neither HTTP nor JDBC (or too many are known). */
    Library of(String name) {
        Library l = byName.get(name);
        if (l == null) {
            l = make(name);
        }
        return l == NEITHER ? null : l;
    }

    private synchronized Library make(String name) {
        Library l = byName.get(name);
        if (l != null) {
            return l;
        }
        Preset p = Presets.forTarget(name);
        boolean jdbc = name.equals("jdbc");
        boolean http = p != null && p.readsHttp();
        if ((!jdbc && !http) || byName.size() >= MAX) {
            l = NEITHER;
        } else {
            l = new Library(byName.size(), name, http, jdbc, Presets.forName(name) != null);
        }
        byName.put(name, l);
        return l;
    }
}
