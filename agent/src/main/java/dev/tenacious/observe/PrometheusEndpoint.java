package dev.tenacious.observe;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.PolicyStates;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from a plain {@link ServerSocket}. Not the
 * JDK's {@code com.sun.net.httpserver}: the agent runs from the bootstrap class path, which cannot link
 * against it on JDK 9+, and its default executor reads every request on its one dispatcher thread, so
 * a client that stalled mid-request held up every later scrape until it went away.
 *
 * <p>One accept thread hands each connection to a small pool of workers; all are daemons without a
 * context class loader (they run the agent's code and must neither keep the application alive nor pin
 * one of its class loaders). A worker gives a request {@value #READ_TIMEOUT_MILLIS} ms per read and
 * {@value #REQUEST_MILLIS} ms in all, and reads at most {@value #MAX_REQUEST_BYTES} bytes; a slow client
 * is answered 408 and disconnected, while the other workers serve the rest. A connection still open
 * {@value #CONNECTION_MILLIS} ms after its worker took it (a client that does not read its answer) is
 * closed by the accept thread. Connections beyond the workers wait in a bounded queue; past it, 503.
 * Every answer carries {@code Connection: close}: a scrape is one request every few seconds.
 */
public final class PrometheusEndpoint implements Closeable {
    static final int WORKERS = 4;
    static final int QUEUE = 64;
    static final int READ_TIMEOUT_MILLIS = 2000;
    static final int REQUEST_MILLIS = 5000;
    static final int CONNECTION_MILLIS = 15000;
    static final int MAX_REQUEST_BYTES = 8192;
    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerSocket server;
    private final Callable<String> body;
    private final int readTimeoutMillis;
    private final int requestMillis;
    private final ThreadPoolExecutor workers;
    /** Connections a worker is serving, with the System.nanoTime() past which the accept thread closes them. */
    private final Map<Socket, Long> serving = new ConcurrentHashMap<Socket, Long>();
    private volatile boolean closed;

    private PrometheusEndpoint(ServerSocket server, Callable<String> body, int readTimeoutMillis, int requestMillis) {
        this.server = server;
        this.body = body;
        this.readTimeoutMillis = readTimeoutMillis;
        this.requestMillis = requestMillis;
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<Runnable>(QUEUE), daemons("tenacious-metrics-"));
        this.workers.allowCoreThreadTimeOut(true); // no idle threads between scrapes
    }

    /** Starts serving {@code states} on {@code host:port} and logs where; or logs why not and returns null. */
    public static PrometheusEndpoint start(String host, int port, final PolicyStates states) {
        try {
            PrometheusEndpoint endpoint = open(host, port, new Callable<String>() {
                @Override
                public String call() {
                    return PrometheusText.render(states.all());
                }
            }, READ_TIMEOUT_MILLIS, REQUEST_MILLIS);
            String url = "http://" + urlHost(host) + ":" + endpoint.port() + PATH;
            if (endpoint.server.getInetAddress().isAnyLocalAddress()) {
                Log.warn("Prometheus metrics on " + url + ": every network interface is bound (host " + host
                        + "), so anyone who can reach this machine can read them; host 127.0.0.1, the default, keeps them local");
            } else {
                Log.info("Prometheus metrics on " + url);
            }
            return endpoint;
        } catch (Throwable e) {
            Log.warn("cannot serve Prometheus metrics on " + host + ":" + port + ": " + e);
            return null;
        }
    }

    /** Binds {@code host:port} (port 0: any free one) and starts the accept thread. */
    static PrometheusEndpoint open(String host, int port, Callable<String> body, int readTimeoutMillis, int requestMillis)
            throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), QUEUE);
            server.setSoTimeout(1000); // the accept thread wakes each second to close overdue connections
        } catch (IOException e) {
            server.close();
            throw e;
        }
        final PrometheusEndpoint endpoint = new PrometheusEndpoint(server, body, readTimeoutMillis, requestMillis);
        daemons("tenacious-metrics-accept").newThread(new Runnable() {
            @Override
            public void run() {
                endpoint.acceptLoop();
            }
        }).start();
        return endpoint;
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Runnable queued : workers.shutdownNow()) {
            closeQuietly(((Connection) queued).socket);
        }
        for (Socket s : serving.keySet()) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                try {
                    workers.execute(new Connection(s));
                } catch (RejectedExecutionException full) {
                    answer(s, 503, "Service Unavailable", "", "too many scrapes at once\n", true);
                    closeQuietly(s);
                }
            } catch (SocketTimeoutException tick) {
                // fall through to the overdue check
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                pause(); // e.g. out of file descriptors: do not spin
            }
            closeOverdue();
        }
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (Map.Entry<Socket, Long> e : serving.entrySet()) {
            if (now - e.getValue() > 0) {
                closeQuietly(e.getKey()); // unblocks a worker stuck writing to a client that does not read
            }
        }
    }

    /** One accepted connection, served by a worker. */
    private final class Connection implements Runnable {
        final Socket socket;

        Connection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            serving.put(socket, start + TimeUnit.MILLISECONDS.toNanos(CONNECTION_MILLIS));
            try {
                serve(socket, start + TimeUnit.MILLISECONDS.toNanos(requestMillis));
            } finally {
                serving.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, long deadlineNanos) {
        try {
            socket.setTcpNoDelay(true);
            ScrapeRequest request;
            try {
                request = ScrapeRequest.read(socket, readTimeoutMillis, deadlineNanos, MAX_REQUEST_BYTES);
            } catch (SocketTimeoutException slow) {
                answer(socket, 408, "Request Timeout", "", "request not received in time\n", true);
                return;
            } catch (ScrapeRequest.Refused refused) {
                answer(socket, refused.status, refused.status == 431 ? "Request Header Fields Too Large" : "Bad Request",
                        "", refused.getMessage() + "\n", true);
                drain(socket, deadlineNanos);
                return;
            }
            boolean head = request.method.equals("HEAD");
            if (!request.path.equals(PATH)) {
                answer(socket, 404, "Not Found", "", "only " + PATH + " is served here\n", !head);
            } else if (!head && !request.method.equals("GET")) {
                answer(socket, 405, "Method Not Allowed", "Allow: GET, HEAD\r\n", "only GET " + PATH + "\n", true);
            } else {
                String text;
                try {
                    text = body.call();
                } catch (Exception e) {
                    Log.warnOnce("prometheus-render", "cannot render the Prometheus metrics: " + e);
                    answer(socket, 500, "Internal Server Error", "", "cannot render the metrics: " + e + "\n", !head);
                    return;
                }
                answer(socket, 200, "OK", "Content-Type: " + CONTENT_TYPE + "\r\n", text, !head);
            }
        } catch (IOException gone) {
            // the client went away, or was closed as overdue: nothing to tell it
        }
    }

    /** Writes a whole answer; {@code headers} are extra lines, each ending in CRLF. */
    private static void answer(Socket socket, int status, String reason, String headers, String text, boolean withBody) {
        try {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
            if (status != 200) {
                h.append("Content-Type: text/plain; charset=utf-8\r\n");
            }
            h.append(headers).append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (withBody) {
                out.write(body);
            }
            out.flush();
            socket.shutdownOutput();
        } catch (IOException gone) {
            // the client went away
        }
    }

    /**
     * Reads what the client still sends after a refusal, until it closes or the deadline: closing a
     * socket with unread input resets the connection, and the client may then lose the answer.
     */
    private void drain(Socket socket, long deadlineNanos) {
        try {
            byte[] sink = new byte[8192];
            for (int total = 0; total < 64 * MAX_REQUEST_BYTES; ) {
                long left = (deadlineNanos - System.nanoTime()) / 1000000;
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.min(readTimeoutMillis, left));
                int n = socket.getInputStream().read(sink);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException enough) {
            // timed out or gone: close now
        }
    }

    /** An IPv6 literal goes in brackets in a URL. */
    static String urlHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemons(final String name) {
        final AtomicInteger n = new AtomicInteger();
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, name.endsWith("-") ? name + n.incrementAndGet() : name);
                t.setDaemon(true);
                t.setContextClassLoader(null);
                return t;
            }
        };
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
