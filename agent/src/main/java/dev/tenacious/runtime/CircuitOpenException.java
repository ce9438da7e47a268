package dev.tenacious.runtime;

/** Thrown by a woven method, without calling it, while its policy's circuit breaker is open. */
public class CircuitOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CircuitOpenException(String message) {
        super(message);
    }
}
