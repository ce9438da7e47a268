package com.acme.legacy.orders;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;

/**
 * Orders over OkHttp ({@code newCall(request).execute()}) inside the application's own methods, which
 * turn a non-2xx answer into {@link OrderServiceException}: with the {@code okhttp} preset in the same
 * policy file, the woven method retries and the call inside it runs once per attempt.
 */
public class OkHttpOrders implements Orders {
    private final String baseUrl;
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    public OkHttpOrders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) throws IOException {
        return answer(new Request.Builder().url(baseUrl + path).build(), path);
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) throws IOException {
        Request.Builder b = new Request.Builder().url(baseUrl + path)
                .post(RequestBody.create(MediaType.parse("text/plain"), body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return answer(b.build(), path);
    }

    private String answer(Request request, String path) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new OrderServiceException("order service answered " + response.code() + " for " + path);
            }
            return body;
        }
    }
}
