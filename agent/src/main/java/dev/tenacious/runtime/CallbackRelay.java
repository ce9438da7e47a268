package dev.tenacious.runtime;

/**
 * Stands between a library that answers through a callback (OkHttp's {@code Call.enqueue(Callback)})
 * and the application's callback: the preset gives the library a stand-in callback that hands each
 * attempt's outcome here ({@link #delivered}); a transient failure or a retried status starts the next
 * attempt (a new call) after the backoff, on the scheduler, without blocking a thread, and the
 * application's callback hears only the final outcome, once.
 */
public final class CallbackRelay {
    private final PresetCall call;
    /** Watches the attempt in flight; replaced before each new attempt is made. */
    private volatile AsyncRetry attempt;

    CallbackRelay(PresetCall call) {
        this.call = call;
    }

    void watch(AsyncRetry a) {
        attempt = a;
    }

    /**
     * What an attempt ended with, from the stand-in callback: a response, or a failure.
     *
     * @param response the response (null on failure)
     * @param failure  the failure (null with a response)
     */
    public void delivered(Object response, Throwable failure) {
        AsyncRetry a = attempt;
        if (a != null) {
            a.accept(response, failure);
        } else {
            finish(response, failure);
        }
    }

    /** Hands the final outcome to the application's callback. */
    void finish(Object response, Throwable failure) {
        call.preset.deliver(call.callback, call.self, response, failure);
    }
}
