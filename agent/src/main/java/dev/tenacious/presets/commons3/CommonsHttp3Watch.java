package dev.tenacious.presets.commons3;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.Exchange;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Watches Commons HttpClient 3.x for the woven application methods that use it: its
 * {@code executeMethod} returns the status (a 503 is no exception), and legacy code turns it into its
 * own. Never a preset a policy names: an {@code HttpMethod} holds its response and is released by the
 * caller, so the unit that can be re-run is the application method. Woven at
 * {@code HttpClient.executeMethod(HostConfiguration, HttpMethod, HttpState)}, where every overload ends.
 */
public final class CommonsHttp3Watch extends HttpPreset {
    public static final String NAME = "commons-httpclient3";
    private static final String CLIENT = "org.apache.commons.httpclient.HttpClient";
    private static final String METHOD = "org.apache.commons.httpclient.HttpMethod";
    private static final String HOST_CONFIG = "org.apache.commons.httpclient.HostConfiguration";
    private static final String HEADER = "org.apache.commons.httpclient.Header";
    private static final String URI = "org.apache.commons.httpclient.URI";
    private static final String ENCLOSING = "org.apache.commons.httpclient.methods.EntityEnclosingMethod";
    private static final String ENTITY = "org.apache.commons.httpclient.methods.RequestEntity";
    private static final String[] STRING = {"java.lang.String"};

    public CommonsHttp3Watch() {
        super(NAME);
    }

    @Override
    public List<MatchRule> targets(String where) {
        return Collections.singletonList(MatchRule.ofPreset(NAME, where, CLIENT, false, "executeMethod", null, true,
                Arrays.asList(HOST_CONFIG, METHOD, "org.apache.commons.httpclient.HttpState")));
    }

    @Override
    public String host(Object client, Object hostConfig, Object method) {
        try {
            Object uri = Reflect.call(method, METHOD, "getURI");
            String host = uri == null ? null : (String) Reflect.call(uri, URI, "getHost");
            if (host == null && hostConfig != null) {
                host = (String) Reflect.call(hostConfig, HOST_CONFIG, "getHost");
            }
            return lower(host);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public int port(Object client, Object hostConfig, Object method) {
        try {
            Object uri = Reflect.call(method, METHOD, "getURI");
            if (uri != null && Reflect.call(uri, URI, "getHost") != null) {
                return portOrDefault(Reflect.callInt(uri, URI, "getPort"), (String) Reflect.call(uri, URI, "getScheme"));
            }
            int port = Reflect.callInt(hostConfig, HOST_CONFIG, "getPort");
            return port > 0 ? port : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    protected String method(Object client, Object hostConfig, Object method) throws Exception {
        return (String) Reflect.call(method, METHOD, "getName");
    }

    @Override
    protected boolean hasIdempotencyKey(Object client, Object hostConfig, Object method) throws Exception {
        return Reflect.call(method, METHOD, "getRequestHeader", STRING, IDEMPOTENCY_KEY_ARGS) != null;
    }

    @Override
    protected String unrepeatableBody(Object client, Object hostConfig, Object method) throws Exception {
        Object entity = Reflect.call(method, ENCLOSING, "getRequestEntity");
        return entity != null && Boolean.FALSE.equals(Reflect.call(entity, ENTITY, "isRepeatable"))
                ? "a request entity that is not repeatable" : null;
    }

    /** The status is the method's: executeMethod returns it too. */
    @Override
    protected int statusOf(Object method) throws Exception {
        return Reflect.callInt(method, METHOD, "getStatusCode");
    }

    @Override
    protected String retryAfterOf(Object method) throws Exception {
        Object header = Reflect.call(method, METHOD, "getResponseHeader", STRING, RETRY_AFTER_ARGS);
        return header == null ? null : (String) Reflect.call(header, HEADER, "getValue");
    }

    @Override
    public void observe(Object client, Object hostConfig, Object method, Object returned, Throwable thrown, Exchange into) {
        int status = thrown != null ? -1 : status(method);
        record(into, client, hostConfig, method, status, status >= 400 ? retryAfterNanos(method, System.currentTimeMillis()) : -1);
    }
}
