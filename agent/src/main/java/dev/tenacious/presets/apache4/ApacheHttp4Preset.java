package dev.tenacious.presets.apache4;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code apache-http4}: Apache HttpClient 4.3 to 4.5, woven at {@code doExecute(target, request,
 * context)} of the clients in {@code org.apache.http.impl.client} ({@code InternalHttpClient} from
 * {@code HttpClients}/{@code HttpClientBuilder}, {@code MinimalHttpClient}, and the deprecated
 * {@code AbstractHttpClient} family), where every {@code execute} overload arrives, response handlers
 * included, with the whole response before a handler reads it. A request whose entity is not
 * repeatable is never retried; a retried response has its entity read to the end and is closed, so its
 * pooled connection is released; a pool that had no free connection in time is never retried.
 */
public final class ApacheHttp4Preset extends HttpPreset {
    public static final String NAME = "apache-http4";
    private static final String HOST = "org.apache.http.HttpHost";
    private static final String REQUEST = "org.apache.http.HttpRequest";
    private static final String REQUEST_LINE = "org.apache.http.RequestLine";
    private static final String URI_REQUEST = "org.apache.http.client.methods.HttpUriRequest";
    private static final String ENCLOSING = "org.apache.http.HttpEntityEnclosingRequest";
    private static final String MESSAGE = "org.apache.http.HttpMessage";
    private static final String RESPONSE = "org.apache.http.HttpResponse";
    private static final String STATUS_LINE = "org.apache.http.StatusLine";
    private static final String HEADER = "org.apache.http.Header";
    private static final String ENTITY = "org.apache.http.HttpEntity";
    private static final String CONFIGURABLE = "org.apache.http.client.methods.Configurable";
    private static final String REQUEST_CONFIG = "org.apache.http.client.config.RequestConfig";
    private static final String POOL_TIMEOUT = "org.apache.http.conn.ConnectionPoolTimeoutException";
    private static final String[] STRING = {"java.lang.String"};

    public ApacheHttp4Preset() {
        super(NAME);
    }

    /**
     * The clients' protected {@code doExecute(HttpHost, HttpRequest, HttpContext)}: named by class, so
     * the weaver decides on the name alone (the abstract one in {@code CloseableHttpClient} is never
     * woven; the wrappers {@code AutoRetryHttpClient} and {@code DecompressingHttpClient} have none).
     */
    @Override
    public List<MatchRule> targets(String where) {
        return Collections.singletonList(MatchRule.ofPreset(NAME, where, "org.apache.http.impl.client.*HttpClient", false,
                "doExecute", null, false, Arrays.asList(HOST, REQUEST, "org.apache.http.protocol.HttpContext")));
    }

    @Override
    public String host(Object self, Object target, Object request) {
        return hostOf(target, HOST, request, URI_REQUEST, "getURI");
    }

    @Override
    public int port(Object self, Object target, Object request) {
        return portOf(target, HOST, request, URI_REQUEST, "getURI");
    }

    @Override
    protected String method(Object self, Object target, Object request) throws Exception {
        Object method = Reflect.call(request, URI_REQUEST, "getMethod"); // getRequestLine() builds a new line every call
        if (method instanceof String) {
            return (String) method;
        }
        return (String) Reflect.call(Reflect.call(request, REQUEST, "getRequestLine"), REQUEST_LINE, "getMethod");
    }

    @Override
    protected boolean hasIdempotencyKey(Object self, Object target, Object request) throws Exception {
        return Reflect.call(request, MESSAGE, "getFirstHeader", STRING, IDEMPOTENCY_KEY_ARGS) != null;
    }

    @Override
    protected String unrepeatableBody(Object self, Object target, Object request) throws Exception {
        Object entity = Reflect.call(request, ENCLOSING, "getEntity");
        return entity != null && Boolean.FALSE.equals(Reflect.call(entity, ENTITY, "isRepeatable"))
                ? "a request entity that is not repeatable" : null;
    }

    @Override
    protected int statusOf(Object response) throws Exception {
        return Reflect.callInt(Reflect.call(response, RESPONSE, "getStatusLine"), STATUS_LINE, "getStatusCode");
    }

    @Override
    protected String retryAfterOf(Object response) throws Exception {
        Object header = Reflect.call(response, MESSAGE, "getFirstHeader", STRING, RETRY_AFTER_ARGS);
        return header == null ? null : (String) Reflect.call(header, HEADER, "getValue");
    }

    /** No free connection in the pool in time: local, not the dependency's failure; retrying only queues more. */
    @Override
    public Classification classify(Throwable failure) {
        return Reflect.isA(failure.getClass(), POOL_TIMEOUT) ? Classification.PERMANENT : null;
    }

    /**
     * A request with no RequestConfig of its own, on a client whose default config sets no socket
     * timeout, gets one built from the client's default with {@code http.timeouts}: {@code request} as
     * the socket (read) timeout, {@code connect} as the connect timeout. Set on the request object, so
     * every attempt (and the client's own retries) use it. A timeout set only through the connection
     * manager's {@code SocketConfig} is not seen from here.
     */
    @Override
    public Object withTimeouts(Object client, Object target, Object request, HttpConfig http) throws Exception {
        if (request == null || !Reflect.isA(request.getClass(), CONFIGURABLE) || Reflect.call(request, CONFIGURABLE, "getConfig") != null) {
            return target;
        }
        Object defaults = Reflect.isA(client.getClass(), CONFIGURABLE) ? Reflect.call(client, CONFIGURABLE, "getConfig") : null;
        ClassLoader loader = request.getClass().getClassLoader();
        Class<?> configType = Class.forName(REQUEST_CONFIG, false, loader);
        if (defaults == null) {
            defaults = configType.getField("DEFAULT").get(null);
        }
        if (((Integer) configType.getMethod("getSocketTimeout").invoke(defaults)) >= 0) {
            return target; // the application configured the client's timeouts
        }
        Object builder = configType.getMethod("copy", configType).invoke(null, defaults);
        Class<?> builderType = builder.getClass();
        if (http.requestTimeoutNanos() > 0) {
            builderType.getMethod("setSocketTimeout", int.class).invoke(builder, millis(http.requestTimeoutNanos()));
        }
        if (http.connectTimeoutNanos() > 0) {
            builderType.getMethod("setConnectTimeout", int.class).invoke(builder, millis(http.connectTimeoutNanos()));
        }
        Object config = builderType.getMethod("build").invoke(builder);
        request.getClass().getMethod("setConfig", configType).invoke(request, config);
        return target;
    }

    private static int millis(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, nanos / 1_000_000));
    }

    /** Reads the entity to its end (the connection can then be reused), then closes the response. */
    @Override
    public void discard(Object response) {
        try {
            Object entity = Reflect.call(response, RESPONSE, "getEntity");
            if (entity != null) {
                Reflect.closeQuietly(Reflect.call(entity, ENTITY, "getContent"));
            }
        } catch (Exception ignored) {
            // closing below releases the connection anyway
        }
        Reflect.closeQuietly(response);
    }

    /** HttpClientBuilder installs DefaultHttpRequestRetryHandler (3 retries after an I/O error) unless told not to. */
    @Override
    public String stacking(int maxAttempts) {
        return "HttpClient 4's default retry handler re-sends an idempotent request up to 3 more times after an I/O "
                + "error: one call can send up to " + (4 * maxAttempts) + " requests (" + maxAttempts + " attempts x 4); "
                + "build the client with disableAutomaticRetries() to keep it to " + maxAttempts;
    }
}
