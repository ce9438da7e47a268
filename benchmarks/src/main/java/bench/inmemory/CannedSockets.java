package bench.inmemory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Every {@code java.net.Socket} created after {@link #install()} talks to no network: what it is sent is
 * dropped, and what it reads is the same HTTP response ({@code 200}, 2 bytes, keep-alive) over and over.
 * A client reads its responses in order from its connection's stream, so each request it sends reads
 * exactly one of them. A request then costs only the client's own work, on the calling thread, without
 * a server thread or the kernel's loopback in between: what a preset adds to it is no longer lost in
 * the scheduling noise of a loopback exchange.
 *
 * <p>{@code Socket.setSocketImplFactory} can be called once per JVM; clients built on NIO channels (the
 * JDK's {@code HttpClient}) are not reached.
 */
public final class CannedSockets {
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n"
            + "Connection: keep-alive\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

    private static boolean installed;

    private CannedSockets() {
    }

    public static synchronized void install() throws IOException {
        if (!installed) {
            Socket.setSocketImplFactory(CannedSocket::new);
            installed = true;
        }
    }

    /** A response without end: the canned one, again and again. */
    static final class Responses extends InputStream {
        private int next;
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            int b = RESPONSE[next] & 0xff;
            next = (next + 1) % RESPONSE.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, RESPONSE.length - next);
            System.arraycopy(RESPONSE, next, b, off, n);
            next = (next + n) % RESPONSE.length;
            return n;
        }

        @Override
        public int available() {
            return RESPONSE.length - next;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Writes go nowhere. */
    static final class Sink extends OutputStream {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static final class CannedSocket extends SocketImpl {
        private final Map<Integer, Object> options = new HashMap<>();
        private final Responses in = new Responses();
        private final Sink out = new Sink();

        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            connect(new InetSocketAddress(host, port), 0);
        }

        @Override
        protected void connect(InetAddress address, int port) {
            this.address = address;
            this.port = port;
            this.localport = 40000;
        }

        @Override
        protected void connect(SocketAddress address, int timeout) {
            InetSocketAddress a = (InetSocketAddress) address;
            connect(a.getAddress(), a.getPort());
        }

        @Override
        protected void bind(InetAddress host, int port) {
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw new IOException("a canned socket does not listen");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw new IOException("a canned socket does not accept");
        }

        @Override
        protected InputStream getInputStream() {
            return in;
        }

        @Override
        protected OutputStream getOutputStream() {
            return out;
        }

        @Override
        protected int available() {
            return in.available();
        }

        @Override
        protected void close() {
            in.close();
        }

        @Override
        protected void shutdownInput() {
        }

        @Override
        protected void shutdownOutput() {
        }

        @Override
        protected void sendUrgentData(int data) {
        }

        @Override
        public void setOption(int optID, Object value) {
            options.put(optID, value);
        }

        @Override
        public Object getOption(int optID) {
            Object v = options.get(optID);
            if (v != null) {
                return v;
            }
            switch (optID) {
                case SocketOptions.TCP_NODELAY:
                case SocketOptions.SO_KEEPALIVE:
                case SocketOptions.SO_OOBINLINE:
                case SocketOptions.SO_REUSEADDR:
                    return Boolean.FALSE;
                case SocketOptions.SO_TIMEOUT:
                    return 0;
                case SocketOptions.SO_LINGER:
                    return -1;
                case SocketOptions.SO_RCVBUF:
                case SocketOptions.SO_SNDBUF:
                    return 65536;
                case SocketOptions.SO_BINDADDR:
                    return InetAddress.getLoopbackAddress();
                default:
                    return null;
            }
        }
    }
}
