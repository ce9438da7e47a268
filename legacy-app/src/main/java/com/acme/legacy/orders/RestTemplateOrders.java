package com.acme.legacy.orders;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestTemplate;

/**
 * Orders over Spring's {@code RestTemplate} 5.3 with its default request factory
 * ({@code SimpleClientHttpRequestFactory}, that is {@code HttpURLConnection}). An error status becomes
 * {@code HttpServerErrorException} or {@code HttpClientErrorException}: RuntimeExceptions, no {@code IOException}.
 */
public class RestTemplateOrders implements Orders {
    private final String baseUrl;
    private final RestTemplate rest = new RestTemplate();

    public RestTemplateOrders(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String get(String path) {
        return rest.getForObject(baseUrl + path, String.class);
    }

    @Override
    public String submit(String path, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return rest.postForObject(baseUrl + path, new HttpEntity<>(body, headers), String.class);
    }
}
