package com.acme.legacy.orders;

/** The application's own unchecked "the reservation failed", wrapping the SQLException that caused it. */
public class ReservationFailed extends RuntimeException {
    public ReservationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
