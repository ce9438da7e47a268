package dev.tenacious.runtime;

/**
 * Retries a synchronous call whose call object is single-use ({@link Preset.Reissue#NEW_CALL}: an
 * OkHttp {@code Call} executes once): the woven method's first attempt ran its body; each retry is a
 * new call made through the preset, in the caller's thread, after the backoff the executor waited,
 * and the last call's outcome replaces the first one's.
 */
final class NewCallRetry {
    private NewCallRetry() {
    }

    /**
     * @param first the executor's decision after the first attempt: retry
     * @return the outcome that replaces the woven method's own
     */
    static Outcome run(RetryExecutor executor, int site, PresetCall call, long start, RetryState first) {
        Object next = first;
        Object value = null;
        Throwable thrown = null;
        while (next instanceof RetryState) {
            value = null;
            thrown = null;
            try {
                value = call.callAgain();
            } catch (Throwable t) {
                thrown = t;
            }
            next = executor.complete(call.binding, site, call.admission, start, next, call.failureOf(thrown, value), call);
        }
        if (next instanceof Outcome) {
            return (Outcome) next;
        }
        return new Outcome(thrown, thrown != null ? call.binding.zeroValue : value);
    }
}
