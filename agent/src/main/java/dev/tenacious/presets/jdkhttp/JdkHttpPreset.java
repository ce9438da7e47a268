package dev.tenacious.presets.jdkhttp;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.policy.HttpConfig;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code jdk-http}: the JDK's {@code java.net.http.HttpClient} (Java 11+) send and sendAsync. A
 * request is immutable and can be sent again as it is, unless its body comes from an InputStream or
 * a caller's Flow.Publisher, which are read once.
 */
public final class JdkHttpPreset extends HttpPreset {
    public static final String NAME = "jdk-http";
    private static final String REQUEST = "java.net.http.HttpRequest";
    private static final String RESPONSE = "java.net.http.HttpResponse";
    private static final String HEADERS = "java.net.http.HttpHeaders";
    private static final String CLIENT = "java.net.http.HttpClient";
    private static final String[] STRING = {"java.lang.String"};
    private static final String[] SEND_ASYNC = {REQUEST, "java.net.http.HttpResponse$BodyHandler"};

    public JdkHttpPreset() {
        super(NAME);
    }

    /**
     * The implementation behind HttpClient.newHttpClient() (the public class is a facade over it):
     * send and the two-argument sendAsync; the JDK's own send goes through a private sendAsync.
     */
    @Override
    public List<MatchRule> targets(String where) {
        return Collections.singletonList(MatchRule.ofPreset(NAME, where, "jdk.internal.net.http.HttpClientImpl", false,
                "send*", null, true, Arrays.asList(REQUEST, "java.net.http.HttpResponse$BodyHandler")));
    }

    @Override
    public int minimumJava() {
        return 11;
    }

    @Override
    public String host(Object self, Object request, Object handler) {
        try {
            Object uri = Reflect.call(request, REQUEST, "uri");
            return uri instanceof URI ? lower(((URI) uri).getHost()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public int port(Object self, Object request, Object handler) {
        try {
            Object uri = Reflect.call(request, REQUEST, "uri");
            return uri instanceof URI ? portOrDefault(((URI) uri).getPort(), ((URI) uri).getScheme()) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    protected String method(Object self, Object request, Object handler) throws Exception {
        return (String) Reflect.call(request, REQUEST, "method");
    }

    @Override
    protected boolean hasIdempotencyKey(Object self, Object request, Object handler) throws Exception {
        Object headers = Reflect.call(request, REQUEST, "headers");
        Optional<?> value = (Optional<?>) Reflect.call(headers, HEADERS, "firstValue", STRING, IDEMPOTENCY_KEY_ARGS);
        return value != null && value.isPresent();
    }

    /** A body from an InputStream or a caller's Flow.Publisher is read once. */
    @Override
    protected String unrepeatableBody(Object self, Object request, Object handler) throws Exception {
        Optional<?> body = (Optional<?>) Reflect.call(request, REQUEST, "bodyPublisher");
        if (body != null && body.isPresent()) {
            String publisher = body.get().getClass().getName();
            if (publisher.endsWith("$InputStreamPublisher") || publisher.endsWith("$PublisherAdapter")) {
                return "a request body that cannot be sent twice (" + publisher.substring(publisher.lastIndexOf('$') + 1) + ")";
            }
        }
        return null;
    }

    @Override
    protected int statusOf(Object response) throws Exception {
        return Reflect.callInt(response, RESPONSE, "statusCode");
    }

    @Override
    protected String retryAfterOf(Object response) throws Exception {
        Object headers = Reflect.call(response, RESPONSE, "headers");
        Optional<?> value = (Optional<?>) Reflect.call(headers, HEADERS, "firstValue", STRING, RETRY_AFTER_ARGS);
        return value != null && value.isPresent() ? (String) value.get() : null;
    }

    /** A body handler that streams (ofInputStream, ofLines) leaves the connection open until the body is closed. */
    @Override
    public void discard(Object response) {
        try {
            Reflect.closeQuietly(Reflect.call(response, RESPONSE, "body"));
        } catch (Exception ignored) {
            // the response is being thrown away
        }
    }

    /**
     * A request without a timeout gets {@code http.timeouts.request}: a copy of it, since requests are
     * immutable (method, URI, headers, body, expect-continue and version carried over). The JDK
     * client's connect timeout is fixed when the client is built, so {@code connect} is not applied here;
     * the request timeout bounds the whole exchange up to the response headers, connecting included.
     */
    @Override
    public Object withTimeouts(Object client, Object request, Object handler, HttpConfig http) throws Exception {
        if (http.requestTimeoutNanos() == 0 || request == null) {
            return request;
        }
        Optional<?> own = (Optional<?>) Reflect.call(request, REQUEST, "timeout");
        if (own == null || own.isPresent()) {
            return request;
        }
        Class<?> requestType = Class.forName(REQUEST, false, request.getClass().getClassLoader());
        Object b = requestType.getMethod("newBuilder", URI.class).invoke(null, Reflect.call(request, REQUEST, "uri"));
        Class<?> builderType = Class.forName(REQUEST + "$Builder", false, requestType.getClassLoader());
        Class<?> publisherType = Class.forName(REQUEST + "$BodyPublisher", false, requestType.getClassLoader());
        Optional<?> body = (Optional<?>) Reflect.call(request, REQUEST, "bodyPublisher");
        Object publisher = body != null && body.isPresent() ? body.get()
                : Class.forName(REQUEST + "$BodyPublishers", false, requestType.getClassLoader()).getMethod("noBody").invoke(null);
        builderType.getMethod("method", String.class, publisherType).invoke(b, Reflect.call(request, REQUEST, "method"), publisher);
        Object headers = Reflect.call(request, REQUEST, "headers");
        java.util.Map<?, ?> map = (java.util.Map<?, ?>) Reflect.call(headers, HEADERS, "map");
        java.lang.reflect.Method header = builderType.getMethod("header", String.class, String.class);
        for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
            for (Object value : (java.util.List<?>) e.getValue()) {
                header.invoke(b, e.getKey(), value);
            }
        }
        builderType.getMethod("expectContinue", boolean.class).invoke(b, Reflect.call(request, REQUEST, "expectContinue"));
        Optional<?> version = (Optional<?>) Reflect.call(request, REQUEST, "version");
        if (version != null && version.isPresent()) {
            builderType.getMethod("version", Class.forName(CLIENT + "$Version", false, requestType.getClassLoader()))
                    .invoke(b, version.get());
        }
        builderType.getMethod("timeout", java.time.Duration.class).invoke(b, java.time.Duration.ofNanos(http.requestTimeoutNanos()));
        return builderType.getMethod("build").invoke(b);
    }

    @Override
    public Object invokeAgain(Object client, Object request, Object handler) throws Throwable {
        return Reflect.call(client, CLIENT, "sendAsync", SEND_ASYNC, request, handler);
    }
}
