package com.acme.legacy.client;

/** The application's own "try later" exception, which a policy can name as its fallback. */
public class InventoryUnavailable extends RuntimeException {
    public InventoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
