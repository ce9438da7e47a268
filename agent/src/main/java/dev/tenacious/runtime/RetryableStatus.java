package dev.tenacious.runtime;

/**
 * Stands for a response whose status a policy retries (a 503), while the retry loop decides: it is
 * recorded by the breaker and counted like a failure, but never reaches the caller, who gets the last
 * response itself when retries end. No stack trace: it is created on the failure path only, and never
 * thrown.
 */
final class RetryableStatus extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    RetryableStatus(int status) {
        super("HTTP status " + status, null, false, false);
        this.status = status;
    }
}
