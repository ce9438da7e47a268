package dev.tenacious.discover;

import dev.tenacious.runtime.Exchange;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the calls charged to one application method (or left unattributed) saw, recorded lock-free on
 * the application's threads: counts, HTTP methods, statuses, exception types, SQLStates, latency; and
 * on the sampled calls only, what needs a look at the request or the stack (timeouts, transactions).
 */
final class CallStats {
    private static final String[] STATUS_NAMES = new String[600];

    static {
        for (int i = 100; i < STATUS_NAMES.length; i++) {
            STATUS_NAMES[i] = Integer.toString(i);
        }
    }

    private final LongAdder calls = new LongAdder();
    private final LongAdder walked = new LongAdder();
    private final LongAdder transientFailures = new LongAdder();
    private final LongAdder permanentFailures = new LongAdder();
    private final LongAdder nonIdempotent = new LongAdder();
    private final LongAdder unreplayable = new LongAdder();
    private final LongAdder timeoutChecked = new LongAdder();
    private final LongAdder timeoutMissing = new LongAdder();
    private final LongAdder txChecked = new LongAdder();
    private final LongAdder inTransaction = new LongAdder();
    private final Tally methods = new Tally();
    private final Tally statuses = new Tally();
    private final Tally exceptions = new Tally();
    private final Tally sqlStates = new Tally();
    private final Tally kinds = new Tally();
    private final Latencies latency = new Latencies();

    /**
     * One call, as its library read it.
     *
     * @param outcome what {@link Outcomes#of} made of it
     * @param kind    for a JDBC call, what it was (a statement, a connection); else null
     */
    void record(Exchange x, long nanos, Throwable thrown, int outcome, String kind) {
        calls.increment();
        if (nanos > 0) {
            latency.record(nanos);
        }
        if (kind != null) {
            kinds.add(kind);
        }
        int status = -1;
        if (x.isHttp()) {
            String m = x.method();
            if (m != null) {
                methods.add(Outcomes.methodName(m));
                if (!x.idempotencyKey() && (m.equals("POST") || m.equals("PATCH"))) {
                    nonIdempotent.increment();
                }
            }
            if (!x.replayable()) {
                unreplayable.increment();
            }
            status = x.status();
            if (status >= 100 && status < STATUS_NAMES.length) {
                statuses.add(STATUS_NAMES[status]);
            }
        } else if (x.isSql() && x.sqlState() != null) {
            sqlStates.add(Outcomes.sqlStateName(x.sqlState()));
        }
        if (thrown != null && status < 100) { // a call that got an answer is told by its status
            exceptions.add(thrown.getClass().getName());
        }
        if (outcome == Outcomes.TRANSIENT) {
            transientFailures.increment();
        } else if (outcome == Outcomes.PERMANENT) {
            permanentFailures.increment();
        }
    }

    /** A sampled call: its stack was walked, and what it said about timeouts and transactions. */
    void sampled(int timeouts, int transaction) {
        walked.increment();
        if (timeouts != Sampled.UNKNOWN) {
            timeoutChecked.increment();
            if (timeouts == Sampled.NO) {
                timeoutMissing.increment();
            }
        }
        if (transaction != Sampled.UNKNOWN) {
            txChecked.increment();
            if (transaction == Sampled.YES) {
                inTransaction.increment();
            }
        }
    }

    long walked() {
        return walked.sum();
    }

    Figures figures() {
        Figures f = new Figures();
        f.calls = calls.sum();
        f.walked = walked.sum();
        f.transientFailures = transientFailures.sum();
        f.permanentFailures = permanentFailures.sum();
        f.nonIdempotent = nonIdempotent.sum();
        f.unreplayable = unreplayable.sum();
        f.timeoutChecked = timeoutChecked.sum();
        f.timeoutMissing = timeoutMissing.sum();
        f.txChecked = txChecked.sum();
        f.inTransaction = inTransaction.sum();
        f.methods.putAll(methods.snapshot());
        f.statuses.putAll(statuses.snapshot());
        f.exceptions.putAll(exceptions.snapshot());
        f.sqlStates.putAll(sqlStates.snapshot());
        f.kinds.putAll(kinds.snapshot());
        System.arraycopy(latency.snapshot(), 0, f.latency, 0, Latencies.BUCKETS);
        f.maxNanos = latency.maxNanos();
        return f;
    }

    /** Three-valued answers read on sampled calls. */
    static final class Sampled {
        static final int UNKNOWN = -1;
        static final int NO = 0;
        static final int YES = 1;

        private Sampled() {
        }
    }
}
