package com.acme.legacy.orders;

/**
 * The order service of a legacy application, one implementation per HTTP client that such code bases
 * use. Each implementation's {@code get} and {@code submit} are the application methods a policy weaves
 * by {@code class}/{@code method}: the unit that can be re-run, whose own exception does not say whether a
 * 400 or a 503 caused it (issue 12, "What a woven method's calls tell its policy").
 */
public interface Orders {
    /** GETs {@code path} (from the service's base URL) and returns the body. */
    String get(String path) throws Exception;

    /** POSTs {@code body} to {@code path}, with an {@code Idempotency-Key} header when {@code idempotencyKey} is not null. */
    String submit(String path, String body, String idempotencyKey) throws Exception;
}
