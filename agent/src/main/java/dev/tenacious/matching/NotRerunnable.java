package dev.tenacious.matching;

/**
 * Library classes whose methods cannot be re-run in place, so a plain {@code class}/{@code method}
 * pattern may not weave them (a preset's own rules may): OkHttp's call object executes once, the
 * JDK's {@code HttpURLConnection} remembers a failure and replays it to every later call, and Spring's
 * TransactionInterceptor proceeds once through its chain. Each comes with what to weave instead.
 */
public final class NotRerunnable {
    private static final String OKHTTP_CALL = "OkHttp's call object executes once (a second execute throws "
            + "'Already Executed'); use preset: okhttp, which retries with a new call, or weave the application "
            + "method that makes the call";
    private static final String URL_CONNECTION = "the JDK's HttpURLConnection remembers a failure and replays it to "
            + "every later call on the connection; weave the application method that opens the connection (it is "
            + "retried with a new one, and the statuses its requests got classify its failures)";
    private static final String TRANSACTION_INTERCEPTOR = "Spring's TransactionInterceptor proceeds once through its "
            + "invocation's chain of interceptors, so its body run again would skip them; use preset: spring-tx, which "
            + "runs the whole transaction again from a clone of the invocation";
    /** A class name, or a package prefix ending in '.', and why. */
    private static final String[][] REFUSED = {
            {"okhttp3.RealCall", OKHTTP_CALL},
            {"okhttp3.internal.connection.RealCall", OKHTTP_CALL},
            {"java.net.HttpURLConnection", URL_CONNECTION},
            {"javax.net.ssl.HttpsURLConnection", URL_CONNECTION},
            {"sun.net.www.protocol.http.", URL_CONNECTION},
            {"sun.net.www.protocol.https.", URL_CONNECTION},
            {"org.springframework.transaction.interceptor.TransactionInterceptor", TRANSACTION_INTERCEPTOR},
    };

    private NotRerunnable() {
    }

    /** Why a plain pattern may not weave this class, naming what to weave instead; null when it may. */
    public static String reason(String className) {
        for (String[] r : REFUSED) {
            if (r[0].endsWith(".") ? className.startsWith(r[0]) : className.equals(r[0])) {
                return r[1];
            }
        }
        return null;
    }
}
