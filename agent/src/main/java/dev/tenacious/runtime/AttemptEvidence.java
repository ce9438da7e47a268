package dev.tenacious.runtime;

import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.SqlStates;

/**
 * What the inner calls of one attempt of a woven application method say about its failure, in the
 * contract's order: a request that must not be sent twice (a POST without an {@code Idempotency-Key},
 * a body that cannot be replayed) vetoes a retry; a status the policy retries makes the failure
 * transient, whatever the method threw, and its {@code Retry-After} replaces the backoff; a 4xx other
 * than 408 and 429 as the last response makes it permanent; a failed statement's SQLState (or one in
 * the failure's cause chain) classifies as the {@code jdbc} preset does. Only requests to the hosts of
 * the policy's {@code http.hosts} count. One per frame, reused.
 */
final class AttemptEvidence {
    /** Why the attempt may not be retried, or null. */
    String veto;
    /** Retry-After of the retried status, or -1. */
    long retryAfterNanos = -1;

    /**
     * Reads the records made since {@code mark} (latest first).
     *
     * @return the classification they decide, or null when the policy's lists decide
     */
    Classification read(Policy p, ThreadCalls calls, int mark, Throwable failure) {
        veto = null;
        retryAfterNanos = -1;
        HttpConfig http = p.http;
        boolean retriedStatus = false;
        boolean lastResponseSeen = false;
        boolean lastResponsePermanent = false;
        Classification bySql = null;
        int made = calls.recorded - mark;
        for (int back = 0; back < made; back++) {
            Exchange x = calls.recordBack(back);
            if (x == null) {
                break; // older records of a long attempt have left the ring
            }
            if (x.kind == Exchange.HTTP) {
                if (!http.appliesTo(x.host)) {
                    continue;
                }
                if (veto == null) {
                    veto = !x.replayable ? "a request body that cannot be sent again (" + x.method + " to " + x.host + ")"
                            : http.idempotencyVeto(x.method, x.idempotencyKey);
                }
                if (!retriedStatus && http.retries(x.status)) {
                    retriedStatus = true;
                    retryAfterNanos = x.retryAfterNanos;
                }
                if (!lastResponseSeen && x.status > 0) {
                    lastResponseSeen = true;
                    lastResponsePermanent = x.status >= 400 && x.status < 500 && x.status != 408 && x.status != 429;
                }
            } else if (x.kind == Exchange.SQL && bySql == null) {
                bySql = SqlStates.of(x.sqlState);
            }
        }
        if (retriedStatus) {
            return Classification.TRANSIENT;
        }
        if (lastResponsePermanent) {
            return Classification.PERMANENT;
        }
        return bySql != null ? bySql : SqlStates.classifyChain(failure);
    }
}
