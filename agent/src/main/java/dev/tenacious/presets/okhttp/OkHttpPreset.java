package dev.tenacious.presets.okhttp;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.http.HttpPreset;
import dev.tenacious.presets.reflect.Reflect;
import dev.tenacious.runtime.CallbackRelay;
import dev.tenacious.runtime.policy.HttpConfig;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code okhttp}: OkHttp 3.x and 4.x, woven at {@code RealCall.execute()} and
 * {@code RealCall.enqueue(Callback)} ({@code okhttp3.RealCall} in 3.x,
 * {@code okhttp3.internal.connection.RealCall} in 4.x). A {@code Call} executes once, so every retry
 * is a new call, a {@code clone()} of the original; the caller gets the last response or the original
 * exception, and retried responses are closed (their connections go back to the pool). An enqueued
 * call is retried asynchronously: OkHttp gets a stand-in callback, and the application's callback
 * hears only the final outcome. One-shot request bodies are never retried.
 */
public final class OkHttpPreset extends HttpPreset {
    public static final String NAME = "okhttp";
    private static final String CALL = "okhttp3.Call";
    private static final String REQUEST = "okhttp3.Request";
    private static final String RESPONSE = "okhttp3.Response";
    private static final String BODY = "okhttp3.RequestBody";
    private static final String URL = "okhttp3.HttpUrl";
    private static final String CALLBACK = "okhttp3.Callback";
    private static final String TIMEOUT = "okio.Timeout";
    private static final String[] STRING = {"java.lang.String"};
    private static final String[] ENQUEUE = {CALLBACK};
    private static final String[] TIMEOUT_PARAMS = {"long", "java.util.concurrent.TimeUnit"};
    private static final List<String> CALL_CLASSES = Collections.unmodifiableList(Arrays.asList(
            "okhttp3.RealCall", "okhttp3.internal.connection.RealCall"));

    public OkHttpPreset() {
        super(NAME);
    }

    /** The classes behind {@code OkHttpClient.newCall} in 3.x and 4.x, by name; each version has one of them. */
    @Override
    public List<MatchRule> targets(String where) {
        List<MatchRule> rules = new java.util.ArrayList<MatchRule>();
        for (String type : CALL_CLASSES) {
            rules.add(MatchRule.ofPreset(NAME, where, type, false, "execute", null, true, Collections.<String>emptyList()));
            rules.add(MatchRule.ofPreset(NAME, where, type, false, "enqueue", null, true, Collections.singletonList(CALLBACK)));
        }
        return rules;
    }

    /** The classes a plain pattern must not weave: the call object is single-use. */
    public static List<String> callClasses() {
        return CALL_CLASSES;
    }

    @Override
    public Reissue reissue() {
        return Reissue.NEW_CALL;
    }

    private static Object request(Object call) throws Exception {
        return Reflect.call(call, CALL, "request");
    }

    @Override
    public String host(Object call, Object a0, Object a1) {
        try {
            return lower((String) Reflect.call(Reflect.call(request(call), REQUEST, "url"), URL, "host"));
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public int port(Object call, Object a0, Object a1) {
        try {
            return Reflect.callInt(Reflect.call(request(call), REQUEST, "url"), URL, "port");
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    protected String method(Object call, Object a0, Object a1) throws Exception {
        return (String) Reflect.call(request(call), REQUEST, "method");
    }

    @Override
    protected boolean hasIdempotencyKey(Object call, Object a0, Object a1) throws Exception {
        return Reflect.call(request(call), REQUEST, "header", STRING, IDEMPOTENCY_KEY_ARGS) != null;
    }

    /** A one-shot body (OkHttp 3.14 and later) can be written once. */
    @Override
    protected String unrepeatableBody(Object call, Object a0, Object a1) throws Exception {
        Object body = Reflect.call(request(call), REQUEST, "body");
        return body != null && Boolean.TRUE.equals(Reflect.call(body, BODY, "isOneShot"))
                ? "a one-shot request body" : null;
    }

    @Override
    protected int statusOf(Object response) throws Exception {
        return Reflect.callInt(response, RESPONSE, "code");
    }

    @Override
    protected String retryAfterOf(Object response) throws Exception {
        return (String) Reflect.call(response, RESPONSE, "header", STRING, RETRY_AFTER_ARGS);
    }

    /** A retried response is closed: its connection goes back to the pool, and OkHttp reports no leak. */
    @Override
    public void discard(Object response) {
        Reflect.closeQuietly(response);
    }

    /** {@code http.timeouts.request} as the call's timeout, when the client set no call timeout. */
    @Override
    public Object withTimeouts(Object call, Object a0, Object a1, HttpConfig http) throws Exception {
        applyCallTimeout(call, http);
        return a0;
    }

    /**
     * The call timeout (OkHttp 3.12 and later) covers the whole call, connecting included; a client's
     * connect timeout is fixed when the client is built, so {@code connect} is not applied.
     */
    private static void applyCallTimeout(Object call, HttpConfig http) throws Exception {
        if (http.requestTimeoutNanos() == 0) {
            return;
        }
        Object timeout = Reflect.call(call, CALL, "timeout");
        if (timeout == null || !Long.valueOf(0L).equals(Reflect.call(timeout, TIMEOUT, "timeoutNanos"))) {
            return; // OkHttp before 3.12, or the client's own call timeout
        }
        Reflect.call(timeout, TIMEOUT, "timeout", TIMEOUT_PARAMS, Math.max(1, http.requestTimeoutNanos() / 1_000_000),
                TimeUnit.MILLISECONDS);
    }

    /** A new call: a clone of the original (a call executes once), with the timeout, executed or enqueued. */
    @Override
    public Object invokeAgain(Object call, Object standIn, Object a1, HttpConfig http) throws Throwable {
        Object clone = Reflect.call(call, CALL, "clone");
        applyCallTimeout(clone, http);
        if (standIn != null) {
            Reflect.invokeThrowing(Reflect.method(clone.getClass(), CALL, "enqueue", ENQUEUE), clone, standIn);
            return null;
        }
        return Reflect.invokeThrowing(Reflect.method(clone.getClass(), CALL, "execute"), clone);
    }

    @Override
    public Object callbackOf(Object call, Object a0, Object a1) {
        return a0 != null && Reflect.isA(a0.getClass(), CALLBACK) ? a0 : null;
    }

    @Override
    public Object standIn(Object callback, CallbackRelay relay) throws Exception {
        Class<?> type = Class.forName(CALLBACK, false, callback.getClass().getClassLoader());
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new StandInCallback(callback, relay));
    }

    /** onResponse or onFailure of the application's callback, with the call it enqueued; its own exceptions propagate. */
    @Override
    public void deliver(Object callback, Object call, Object response, Throwable failure) {
        try {
            if (failure == null && response != null) {
                Reflect.invokeThrowing(callbackMethod(callback, "onResponse", RESPONSE), callback, call, response);
            } else {
                IOException e = failure instanceof IOException ? (IOException) failure
                        : new IOException(failure == null ? "the call was refused and its fallback has no response" : failure.toString(), failure);
                Reflect.invokeThrowing(callbackMethod(callback, "onFailure", "java.io.IOException"), callback, call, e);
            }
        } catch (Throwable t) {
            StandInCallback.sneakyThrow(t);
        }
    }

    private static Method callbackMethod(Object callback, String name, String secondParam) {
        return Reflect.method(callback.getClass(), CALLBACK, name, CALL, secondParam);
    }

    /** A call whose call timeout ran out is canceled by OkHttp itself (and failed with an InterruptedIOException). */
    @Override
    public boolean canceled(Object call, Throwable lastFailure) {
        if (lastFailure instanceof java.io.InterruptedIOException) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(Reflect.call(call, CALL, "isCanceled"));
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * RetryAndFollowUpInterceptor sends a request again after a connection failure on a pooled
     * connection, or a 408: against a server resetting every connection, 4.12 sent 2 requests per call
     * and 3.14 sent 3.
     */
    @Override
    public String stacking(int maxAttempts) {
        return "OkHttp sends a request again on its own after a connection failure or a 408 "
                + "(retryOnConnectionFailure, on by default; 3.14 sent 3 per call to a server resetting every connection): one call "
                + "can send up to " + (3 * maxAttempts) + " requests (" + maxAttempts + " attempts x 3); build the client "
                + "with retryOnConnectionFailure(false) to keep it to " + maxAttempts;
    }
}
