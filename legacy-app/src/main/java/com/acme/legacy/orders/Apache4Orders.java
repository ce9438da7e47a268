package com.acme.legacy.orders;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.io.IOException;

/**
 * Orders over Apache HttpClient 4.5 inside the application's own methods, which turn a non-2xx answer
 * into {@link OrderServiceException}: with the {@code apache-http4} preset in the same policy file, the
 * woven method retries and the client's execute inside it runs once per attempt.
 */
public class Apache4Orders implements Orders {
    private final String baseUrl;
    private final CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().build();

    public Apache4Orders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) throws IOException {
        try (CloseableHttpResponse response = http.execute(new HttpGet(baseUrl + path))) {
            return answer(response, path);
        }
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) throws IOException {
        HttpPost post = new HttpPost(baseUrl + path);
        if (idempotencyKey != null) {
            post.setHeader("Idempotency-Key", idempotencyKey);
        }
        post.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
        try (CloseableHttpResponse response = http.execute(post)) {
            return answer(response, path);
        }
    }

    private static String answer(CloseableHttpResponse response, String path) throws IOException {
        int status = response.getStatusLine().getStatusCode();
        String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
        if (status < 200 || status > 299) {
            throw new OrderServiceException("order service answered " + status + " for " + path);
        }
        return body;
    }
}
