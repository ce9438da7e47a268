package com.acme.legacy.server;

/** What the fault server does with one request. */
public final class Step {
    enum Kind { RESPOND, RESET, DELAY_THEN_RESPOND }

    final Kind kind;
    final int status;
    final long delayMillis;
    final String retryAfter;
    /** For a Retry-After HTTP-date: how many seconds after the response it names (else 0). */
    final int dateAheadSeconds;
    /** The response body, or null for the default ("ok PATH" or "status N"). */
    final String body;

    private Step(Kind kind, int status, long delayMillis, String retryAfter) {
        this(kind, status, delayMillis, retryAfter, 0, null);
    }

    private Step(Kind kind, int status, long delayMillis, String retryAfter, int dateAheadSeconds, String body) {
        this.kind = kind;
        this.status = status;
        this.delayMillis = delayMillis;
        this.retryAfter = retryAfter;
        this.dateAheadSeconds = dateAheadSeconds;
        this.body = body;
    }

    public static Step ok() {
        return status(200);
    }

    /** Answers 200 with {@code body} (a document the client parses). */
    public static Step okWith(String body) {
        return new Step(Kind.RESPOND, 200, 0, null, 0, body);
    }

    public static Step status(int status) {
        return new Step(Kind.RESPOND, status, 0, null);
    }

    /** Closes the connection without a response: the client sees an IOException. */
    public static Step reset() {
        return new Step(Kind.RESET, 0, 0, null);
    }

    /** Waits, then answers 200. */
    public static Step delay(long millis) {
        return new Step(Kind.DELAY_THEN_RESPOND, 200, millis, null);
    }

    /** {@code status} (503, say) with a Retry-After header (delta-seconds or an HTTP-date). */
    public static Step statusWithRetryAfter(int status, String retryAfter) {
        return new Step(Kind.RESPOND, status, 0, retryAfter);
    }

    /** 429 with a Retry-After header (delta-seconds or an HTTP-date). */
    public static Step tooManyRequests(String retryAfter) {
        return new Step(Kind.RESPOND, 429, 0, retryAfter);
    }

    /** 429 with a Retry-After HTTP-date {@code seconds} after the moment the response is sent. */
    public static Step tooManyRequestsUntil(int seconds) {
        return new Step(Kind.RESPOND, 429, 0, null, seconds, null);
    }

    /** The Retry-After header to send now, or null. */
    String retryAfterNow() {
        if (dateAheadSeconds > 0) {
            return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(dateAheadSeconds));
        }
        return retryAfter;
    }

    @Override
    public String toString() {
        switch (kind) {
            case RESET:
                return "reset";
            case DELAY_THEN_RESPOND:
                return "delay " + delayMillis + "ms";
            default:
                return String.valueOf(status);
        }
    }
}
