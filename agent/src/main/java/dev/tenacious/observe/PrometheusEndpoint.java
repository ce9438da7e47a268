package dev.tenacious.observe;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.PolicyStates;

import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code /metrics} in the Prometheus text format with the JDK's own HTTP server. The agent
 * runs from the bootstrap class path, and on JDK 9+ {@code com.sun.net.httpserver} lives in the
 * platform class loader, which bootstrap classes cannot link against: so the server is driven by
 * reflection, its handler being a {@link Proxy}. Started from the agent's daemon thread, so the
 * server's own threads are daemons too and never keep the application alive.
 */
public final class PrometheusEndpoint {
    private PrometheusEndpoint() {
    }

    /** @return the server object, or null after logging why it could not start */
    public static Object start(String host, int port, final PolicyStates states) {
        try {
            ClassLoader loader = platformLoader();
            final Class<?> serverType = Class.forName("com.sun.net.httpserver.HttpServer", true, loader);
            final Class<?> handlerType = Class.forName("com.sun.net.httpserver.HttpHandler", true, loader);
            final Class<?> exchangeType = Class.forName("com.sun.net.httpserver.HttpExchange", true, loader);
            Object server = serverType.getMethod("create", InetSocketAddress.class, int.class)
                    .invoke(null, new InetSocketAddress(host, port), 16);
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    new InvocationHandler() {
                        @Override
                        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                            if (method.getName().equals("handle")) {
                                serve(exchangeType, args[0], states);
                                return null;
                            }
                            if (method.getName().equals("toString")) {
                                return "tenacious metrics";
                            }
                            if (method.getName().equals("hashCode")) {
                                return System.identityHashCode(proxy);
                            }
                            return method.getName().equals("equals") ? proxy == args[0] : null;
                        }
                    });
            serverType.getMethod("createContext", String.class, handlerType).invoke(server, "/metrics", handler);
            serverType.getMethod("start").invoke(server);
            Log.info("Prometheus metrics on http://" + host + ":" + port + "/metrics");
            return server;
        } catch (Throwable e) {
            Log.warn("cannot serve Prometheus metrics on " + host + ":" + port + ": " + rootCause(e));
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static void serve(Class<?> exchangeType, Object exchange, PolicyStates states) throws Exception {
        try {
            byte[] body = PrometheusText.render(states.all()).getBytes(StandardCharsets.UTF_8);
            Map<String, List<String>> headers = (Map<String, List<String>>) exchangeType.getMethod("getResponseHeaders").invoke(exchange);
            headers.put("Content-Type", Collections.singletonList("text/plain; version=0.0.4; charset=utf-8"));
            exchangeType.getMethod("sendResponseHeaders", int.class, long.class).invoke(exchange, 200, (long) body.length);
            OutputStream out = (OutputStream) exchangeType.getMethod("getResponseBody").invoke(exchange);
            out.write(body);
            out.close();
        } finally {
            exchangeType.getMethod("close").invoke(exchange);
        }
    }

    private static ClassLoader platformLoader() {
        try {
            return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
        } catch (Exception java8) {
            return null; // Java 8: the HTTP server is in rt.jar, on the bootstrap class path
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
