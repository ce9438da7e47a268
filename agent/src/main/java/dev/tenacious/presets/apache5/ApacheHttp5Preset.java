package dev.tenacious.presets.apache5;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;

import java.util.Collections;
import java.util.List;

/**
 * {@code apache-http5}: Apache HttpClient 5 classic, woven at {@code doExecute(target, request,
 * context)}, where every {@code execute} overload arrives and the response is still whole. A request
 * whose entity is not repeatable is never retried; a retried response has its entity consumed and is
 * closed, so its pooled connection is released.
 */
public final class ApacheHttp5Preset extends HttpPreset {
    public static final String NAME = "apache-http5";
    private static final String HOST = "org.apache.hc.core5.http.HttpHost";
    private static final String REQUEST = "org.apache.hc.core5.http.HttpRequest";
    private static final String CLASSIC_REQUEST = "org.apache.hc.core5.http.ClassicHttpRequest";
    private static final String MESSAGE = "org.apache.hc.core5.http.HttpMessage";
    private static final String RESPONSE = "org.apache.hc.core5.http.HttpResponse";
    private static final String CLASSIC_RESPONSE = "org.apache.hc.core5.http.ClassicHttpResponse";
    private static final String HEADER = "org.apache.hc.core5.http.NameValuePair";
    private static final String ENTITY = "org.apache.hc.core5.http.HttpEntity";
    private static final String[] STRING = {"java.lang.String"};
    private static final String CONFIGURABLE = "org.apache.hc.client5.http.config.Configurable";
    private static final String REQUEST_CONFIG = "org.apache.hc.client5.http.config.RequestConfig";
    private static final String POOL_TIMEOUT = "org.apache.hc.core5.http.ConnectionRequestTimeoutException";

    public ApacheHttp5Preset() {
        super(NAME);
    }

    /**
     * Every classic execute overload ends in the protected doExecute(target, request, context), which
     * returns the whole response, before a response handler reads it. The clients that implement it
     * ({@code InternalHttpClient}, {@code MinimalHttpClient}) are named by class, so the weaver decides
     * on the name alone; the abstract one in {@code CloseableHttpClient} is never woven.
     */
    @Override
    public List<MatchRule> targets(String where) {
        return Collections.singletonList(MatchRule.ofPreset(NAME, where,
                "org.apache.hc.client5.http.impl.classic.*HttpClient", false, "doExecute", null, false, null));
    }

    /** No free connection in the pool in time: local, not the dependency's failure; retrying only queues more. */
    @Override
    public Classification classify(Throwable failure) {
        return Reflect.isA(failure.getClass(), POOL_TIMEOUT) ? Classification.PERMANENT : null;
    }

    /** HttpClientBuilder installs DefaultHttpRequestRetryStrategy (one retry, on I/O errors and 429/503) unless told not to. */
    @Override
    public String stacking(int maxAttempts) {
        return "HttpClient 5's default retry strategy re-sends an idempotent request once after an I/O error or a "
                + "429/503: one call can send up to " + (2 * maxAttempts) + " requests (" + maxAttempts + " attempts x 2); "
                + "build the client with disableAutomaticRetries() to keep it to " + maxAttempts;
    }

    @Override
    public String host(Object self, Object target, Object request) {
        return hostOf(target, HOST, request, REQUEST, "getUri");
    }

    @Override
    public int port(Object self, Object target, Object request) {
        return portOf(target, HOST, request, REQUEST, "getUri");
    }

    @Override
    protected String method(Object self, Object target, Object request) throws Exception {
        return (String) Reflect.call(request, REQUEST, "getMethod");
    }

    @Override
    protected boolean hasIdempotencyKey(Object self, Object target, Object request) throws Exception {
        return Reflect.call(request, MESSAGE, "getFirstHeader", STRING, IDEMPOTENCY_KEY_ARGS) != null;
    }

    @Override
    protected String unrepeatableBody(Object self, Object target, Object request) throws Exception {
        Object entity = Reflect.call(request, CLASSIC_REQUEST, "getEntity");
        return entity != null && Boolean.FALSE.equals(Reflect.call(entity, ENTITY, "isRepeatable"))
                ? "a request entity that is not repeatable" : null;
    }

    @Override
    protected int statusOf(Object response) throws Exception {
        return Reflect.callInt(response, RESPONSE, "getCode");
    }

    @Override
    protected String retryAfterOf(Object response) throws Exception {
        Object header = Reflect.call(response, MESSAGE, "getFirstHeader", STRING, RETRY_AFTER_ARGS);
        return header == null ? null : (String) Reflect.call(header, HEADER, "getValue");
    }

    /**
     * A request with no RequestConfig of its own, on a client whose default config sets no response
     * timeout, gets one built from the client's default with {@code http.timeouts}: {@code request} as
     * the response (socket) timeout, {@code connect} as the connect timeout. Set on the request object,
     * so every attempt (and the client's own retries) use it.
     */
    @Override
    public Object withTimeouts(Object client, Object target, Object request, HttpConfig http) throws Exception {
        applyTimeouts(client, request, http);
        return target;
    }

    private static void applyTimeouts(Object client, Object request, HttpConfig http) throws Exception {
        if (request == null || !Reflect.isA(request.getClass(), CONFIGURABLE) || Reflect.call(request, CONFIGURABLE, "getConfig") != null) {
            return;
        }
        Object defaults = Reflect.isA(client.getClass(), CONFIGURABLE) ? Reflect.call(client, CONFIGURABLE, "getConfig") : null;
        ClassLoader loader = request.getClass().getClassLoader();
        Class<?> configType = Class.forName(REQUEST_CONFIG, false, loader);
        if (defaults == null) {
            defaults = configType.getField("DEFAULT").get(null);
        }
        if (configType.getMethod("getResponseTimeout").invoke(defaults) != null) {
            return; // the application configured the client's timeouts
        }
        Object builder = configType.getMethod("copy", configType).invoke(null, defaults);
        Class<?> builderType = builder.getClass();
        Class<?> timeoutType = Class.forName("org.apache.hc.core5.util.Timeout", false, loader);
        java.lang.reflect.Method ofMillis = timeoutType.getMethod("ofMilliseconds", long.class);
        if (http.requestTimeoutNanos() > 0) {
            builderType.getMethod("setResponseTimeout", timeoutType).invoke(builder, ofMillis.invoke(null, millis(http.requestTimeoutNanos())));
        }
        if (http.connectTimeoutNanos() > 0) {
            builderType.getMethod("setConnectTimeout", timeoutType).invoke(builder, ofMillis.invoke(null, millis(http.connectTimeoutNanos())));
        }
        Object config = builderType.getMethod("build").invoke(builder);
        request.getClass().getMethod("setConfig", configType).invoke(request, config);
    }

    private static long millis(long nanos) {
        return Math.max(1, nanos / 1_000_000);
    }

    /** Reads the entity to its end (the connection can then be reused), then closes the response. */
    @Override
    public void discard(Object response) {
        try {
            Object entity = Reflect.call(response, CLASSIC_RESPONSE, "getEntity");
            if (entity != null) {
                Reflect.closeQuietly(Reflect.call(entity, ENTITY, "getContent"));
            }
        } catch (Exception ignored) {
            // closing below releases the connection anyway
        }
        Reflect.closeQuietly(response);
    }
}
