package dev.tenacious.presets.urlconnection;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;

import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.List;

/**
 * Watches the JDK's {@code HttpURLConnection} for the woven application methods that use it, directly
 * or under Spring's {@code RestTemplate}, OpenFeign and the like. Never a preset a policy names: a
 * connection remembers its failure and replays it (the JDK's {@code rememberedException}), so the unit
 * that can be re-run is the application method that opens the connection. Woven at
 * {@code sun.net.www.protocol.http.HttpURLConnection.getInputStream()}, where every exchange ends
 * ({@code getResponseCode} asks it too; HTTPS connections delegate to it), and read through the public
 * API once the exchange is over: its method, {@code Idempotency-Key}, status and {@code Retry-After}.
 */
public final class UrlConnectionWatch extends HttpPreset {
    public static final String NAME = "http-url-connection";
    static final String IMPLEMENTATION = "sun.net.www.protocol.http.HttpURLConnection";

    public UrlConnectionWatch() {
        super(NAME);
    }

    @Override
    public List<MatchRule> targets(String where) {
        return Collections.singletonList(MatchRule.ofPreset(NAME, where, IMPLEMENTATION, false, "getInputStream", null,
                true, Collections.<String>emptyList()));
    }

    /** A connection is asked for its status, then its body: one exchange. */
    @Override
    public boolean recordsOncePerReceiver() {
        return true;
    }

    @Override
    public String host(Object self, Object a0, Object a1) {
        return self instanceof HttpURLConnection ? lower(((HttpURLConnection) self).getURL().getHost()) : null;
    }

    @Override
    public int port(Object self, Object a0, Object a1) {
        if (!(self instanceof HttpURLConnection)) {
            return -1;
        }
        java.net.URL url = ((HttpURLConnection) self).getURL();
        return url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
    }

    @Override
    protected String method(Object self, Object a0, Object a1) {
        return ((HttpURLConnection) self).getRequestMethod();
    }

    @Override
    protected boolean hasIdempotencyKey(Object self, Object a0, Object a1) {
        try {
            return ((HttpURLConnection) self).getRequestProperty(IDEMPOTENCY_KEY) != null;
        } catch (IllegalStateException alreadyConnected) {
            return false; // an implementation that hides request headers once connected
        }
    }

    /**
     * The status the exchange ended with: asked of the connection, which has it cached (a failed
     * exchange without a status replays its failure here, and reads as none).
     */
    @Override
    protected int statusOf(Object connection) throws Exception {
        return ((HttpURLConnection) connection).getResponseCode();
    }

    @Override
    protected String retryAfterOf(Object connection) {
        return ((HttpURLConnection) connection).getHeaderField("Retry-After");
    }

    /** The exchange ended (getInputStream returned or threw): the connection has its status, if one came. */
    @Override
    public void observe(Object self, Object a0, Object a1, Object returned, Throwable thrown, dev.tenacious.runtime.Exchange into) {
        if (!(self instanceof HttpURLConnection)) {
            return;
        }
        int status = status(self);
        record(into, self, a0, a1, status, status >= 400 ? retryAfterNanos(self, System.currentTimeMillis()) : -1);
    }
}
