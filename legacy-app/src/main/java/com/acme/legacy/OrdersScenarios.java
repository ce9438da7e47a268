package com.acme.legacy;

import com.acme.legacy.orders.Apache4Orders;
import com.acme.legacy.orders.CommonsHttp3Orders;
import com.acme.legacy.orders.FeignOrders;
import com.acme.legacy.orders.OkHttpOrders;
import com.acme.legacy.orders.Orders;
import com.acme.legacy.orders.RestTemplateOrders;
import com.acme.legacy.orders.StatusCheckingOrders;
import com.acme.legacy.orders.UrlConnectionOrders;

/**
 * The application's own order methods ({@link Orders}), one implementation per HTTP client, for the tests
 * of what a woven method's calls tell its policy. Each CALL is one argument, words apart:
 * {@code "GET /path"} or {@code "POST /path [key=KEY]"}; call n prints {@code RESULT n OK <body>} or
 * {@code RESULT n CAUGHT <exception class> <message>}.
 *
 * <pre>
 *   OrdersScenarios CLIENT BASE CALL...
 *     CLIENT: urlconnection     HttpURLConnection, getInputStream's own IOException
 *             status-checking   HttpURLConnection, the application's OrderServiceException (unchecked)
 *             resttemplate      Spring RestTemplate 5.3, default factory (needs lib-http)
 *             feign             OpenFeign, default client, Feign's retryer off (needs lib-http)
 *             feign-own-retries OpenFeign with its default retryer (5 attempts of a RetryableException)
 *             commons3          Commons HttpClient 3.1, status turned into OrderRequestFailed (checked; needs lib-http)
 *             okhttp            OkHttp execute inside the method (needs lib-okhttp3 or lib-okhttp4)
 *             apache4           Apache HttpClient 4.5 execute inside the method
 * </pre>
 */
public final class OrdersScenarios {
    private OrdersScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[1];
        Orders orders = orders(args[0], base);
        for (int i = 2; i < args.length; i++) {
            String[] call = args[i].trim().split("\\s+");
            String method = call[0];
            String path = call[1];
            String key = call.length > 2 && call[2].startsWith("key=") ? call[2].substring(4) : null;
            if (method.equals("GET")) {
                Scenarios.report(i - 1, () -> orders.get(path));
            } else if (method.equals("POST")) {
                Scenarios.report(i - 1, () -> orders.submit(path, "order for " + path, key));
            } else {
                throw new IllegalArgumentException("unknown method " + method);
            }
        }
        System.out.flush();
    }

    static Orders orders(String client, String base) {
        switch (client) {
            case "urlconnection":
                return new UrlConnectionOrders(base);
            case "status-checking":
                return new StatusCheckingOrders(base);
            case "resttemplate":
                return new RestTemplateOrders(base);
            case "feign":
                return new FeignOrders(base, false);
            case "feign-own-retries":
                return new FeignOrders(base, true);
            case "commons3":
                return new CommonsHttp3Orders(base);
            case "okhttp":
                return new OkHttpOrders(base);
            case "apache4":
                return new Apache4Orders(base);
            default:
                throw new IllegalArgumentException("unknown client " + client);
        }
    }
}
