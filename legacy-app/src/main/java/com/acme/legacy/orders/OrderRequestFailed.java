package com.acme.legacy.orders;

/** The application's own checked exception, no IOException: what a Commons HttpClient 3.1 caller turns a status into. */
public class OrderRequestFailed extends Exception {
    public OrderRequestFailed(String message) {
        super(message);
    }
}
