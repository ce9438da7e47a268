package dev.tenacious.observe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP request to the metrics endpoint, read from a socket with a cap on its size and a time
 * limit on the whole of it (not only on each read, which a client sending a byte a second would
 * never trip). Only the request line and the headers are read; a body (a {@code POST}, refused) is
 * skipped when small, so that closing the connection does not reset it before the client reads the
 * answer.
 */
final class ScrapeRequest {
    /** Why a request cannot be answered: the HTTP status to send. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    final String method;
    /** The path, without a query string. */
    final String path;

    private ScrapeRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /**
     * Reads the request line and headers from {@code socket}, giving up past {@code deadlineNanos}
     * ({@link System#nanoTime()}) or after {@code maxBytes}.
     *
     * @throws SocketTimeoutException when the client is too slow (it is then simply disconnected)
     * @throws Refused when the request is malformed (400) or too large (431)
     */
    static ScrapeRequest read(Socket socket, int readTimeoutMillis, long deadlineNanos, int maxBytes)
            throws IOException, Refused {
        InputStream in = socket.getInputStream();
        byte[] head = new byte[maxBytes];
        int length = 0;
        while (true) {
            if (length == maxBytes) {
                throw new Refused(431, "request over " + maxBytes + " bytes");
            }
            limitRead(socket, readTimeoutMillis, deadlineNanos);
            int n = in.read(head, length, maxBytes - length);
            if (n < 0) {
                throw new Refused(400, "connection closed mid-request");
            }
            length += n;
            int end = endOfHead(head, length);
            if (end >= 0) {
                String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
                ScrapeRequest request = parse(text);
                skip(socket, in, contentLength(text) - (length - end), readTimeoutMillis, deadlineNanos, maxBytes);
                return request;
            }
        }
    }

    /** The offset just past the blank line that ends the headers, or -1. Bare LFs are accepted too. */
    static int endOfHead(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] == '\n') {
                if (i + 1 < length && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    static ScrapeRequest parse(String head) throws Refused {
        int eol = head.indexOf('\n');
        String line = (eol < 0 ? head : head.substring(0, eol)).trim();
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/") || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            throw new Refused(400, "not an HTTP request line: " + line);
        }
        int query = parts[1].indexOf('?');
        return new ScrapeRequest(parts[0], query < 0 ? parts[1] : parts[1].substring(0, query));
    }

    private static int contentLength(String head) throws Refused {
        for (String header : head.split("\r?\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Integer.parseInt(header.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new Refused(400, "bad Content-Length: " + header);
                }
            }
        }
        return 0;
    }

    /** Reads and drops a small body that is still to come; a large one is left (the connection closes anyway). */
    private static void skip(Socket socket, InputStream in, int remaining, int readTimeoutMillis, long deadlineNanos,
                             int maxBytes) throws IOException {
        if (remaining <= 0 || remaining > maxBytes) {
            return;
        }
        byte[] sink = new byte[Math.min(remaining, 4096)];
        while (remaining > 0) {
            limitRead(socket, readTimeoutMillis, deadlineNanos);
            int n = in.read(sink, 0, Math.min(remaining, sink.length));
            if (n < 0) {
                return;
            }
            remaining -= n;
        }
    }

    /** The next read waits at most the read timeout, and never past the deadline. */
    private static void limitRead(Socket socket, int readTimeoutMillis, long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1000000;
        if (left <= 0) {
            throw new SocketTimeoutException("request not complete in time");
        }
        socket.setSoTimeout((int) Math.min(readTimeoutMillis, left));
    }
}
