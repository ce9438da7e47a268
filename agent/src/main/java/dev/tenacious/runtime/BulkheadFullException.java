package dev.tenacious.runtime;

/** Thrown by a woven method, without calling it, when its policy's bulkhead has no place within maxWait. */
public class BulkheadFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BulkheadFullException(String message) {
        super(message);
    }
}
