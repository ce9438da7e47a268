package com.acme.legacy.orders;

/** The application's own unchecked "the order service failed", which hides the status that caused it. */
public class OrderServiceException extends RuntimeException {
    public OrderServiceException(String message) {
        super(message);
    }

    public OrderServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
