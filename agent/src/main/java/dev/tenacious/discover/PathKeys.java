package dev.tenacious.discover;

import dev.tenacious.presets.reflect.Reflect;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A number for the start of a request's path (its first two segments, leaving out any that holds a
 * digit or is long: an id, a token), read without allocating where the library allows: it tells apart,
 * without a stack walk, requests that different code makes to the same host ({@code /accounts/...}
 * from {@code /reports/...}). Only a key in memory: no path is ever written to the file.
 */
final class PathKeys {
    static final int MAX_SEGMENT = 32;

    private PathKeys() {
    }

    /** The key of the call's path, or 0 when the library's request cannot be read cheaply. */
    static int of(String library, Object self, Object a0, Object a1) {
        try {
            switch (library) {
                case "http-url-connection":
                    return self instanceof HttpURLConnection ? hash(((HttpURLConnection) self).getURL().getPath()) : 0;
                case "jdk-http": {
                    Object uri = Reflect.call(a0, "java.net.http.HttpRequest", "uri");
                    return uri instanceof URI ? hash(((URI) uri).getRawPath()) : 0;
                }
                case "apache-http4": {
                    Object line = Reflect.call(a1, "org.apache.http.HttpRequest", "getRequestLine");
                    Object uri = Reflect.call(line, "org.apache.http.RequestLine", "getUri");
                    return uri instanceof String ? hash((String) uri) : 0;
                }
                case "apache-http5": {
                    Object path = Reflect.call(a1, "org.apache.hc.core5.http.HttpRequest", "getPath");
                    return path instanceof String ? hash((String) path) : 0;
                }
                default:
                    return 0;
            }
        } catch (Exception | LinkageError e) {
            return 0;
        }
    }

    /** The hash of up to two segments of {@code path} (an absolute URI's scheme and host are skipped), never 0. */
    static int hash(String path) {
        if (path == null) {
            return 0;
        }
        int i = 0;
        int scheme = path.indexOf("://");
        if (scheme >= 0 && scheme < 8) {
            int slash = path.indexOf('/', scheme + 3);
            i = slash < 0 ? path.length() : slash;
        }
        int h = 1;
        int segments = 0;
        int n = path.length();
        while (i < n && segments < 2) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == '/') {
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            while (i < n && path.charAt(i) != '/' && path.charAt(i) != '?' && path.charAt(i) != '#') {
                digit |= Character.isDigit(path.charAt(i));
                i++;
            }
            if (!digit && i - start <= MAX_SEGMENT) {
                for (int k = start; k < i; k++) {
                    h = 31 * h + path.charAt(k);
                }
                h = 31 * h + '/';
            }
            segments++;
        }
        return h == 0 ? 1 : h;
    }
}
