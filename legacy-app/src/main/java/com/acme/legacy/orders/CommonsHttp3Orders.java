package com.acme.legacy.orders;

import org.apache.commons.httpclient.HttpClient;
import org.apache.commons.httpclient.MultiThreadedHttpConnectionManager;
import org.apache.commons.httpclient.methods.GetMethod;
import org.apache.commons.httpclient.methods.PostMethod;
import org.apache.commons.httpclient.methods.StringRequestEntity;

import java.io.IOException;

/**
 * Orders over Commons HttpClient 3.1 ({@code HttpClient.executeMethod}), which returns the status code
 * and throws nothing on a 503: the application turns a non-2xx status into its own checked
 * {@link OrderRequestFailed}, no {@code IOException}. The client keeps its own default retry handler
 * (3 retries of an I/O failure), as legacy code does.
 */
public class CommonsHttp3Orders implements Orders {
    private final String baseUrl;
    private final HttpClient http = new HttpClient(new MultiThreadedHttpConnectionManager());

    public CommonsHttp3Orders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) throws IOException, OrderRequestFailed {
        GetMethod get = new GetMethod(baseUrl + path);
        try {
            int status = http.executeMethod(get);
            String body = get.getResponseBodyAsString();
            if (status < 200 || status > 299) {
                throw new OrderRequestFailed("order service answered " + status + " for " + path);
            }
            return body;
        } finally {
            get.releaseConnection();
        }
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) throws IOException, OrderRequestFailed {
        PostMethod post = new PostMethod(baseUrl + path);
        if (idempotencyKey != null) {
            post.setRequestHeader("Idempotency-Key", idempotencyKey);
        }
        post.setRequestEntity(new StringRequestEntity(body, "text/plain", "UTF-8"));
        try {
            int status = http.executeMethod(post);
            String answer = post.getResponseBodyAsString();
            if (status < 200 || status > 299) {
                throw new OrderRequestFailed("order service answered " + status + " for " + path);
            }
            return answer;
        } finally {
            post.releaseConnection();
        }
    }
}
