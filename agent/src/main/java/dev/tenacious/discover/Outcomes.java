package dev.tenacious.discover;

import dev.tenacious.runtime.Exchange;
import dev.tenacious.runtime.policy.Classification;
import dev.tenacious.runtime.policy.ExceptionClassifier;
import dev.tenacious.runtime.policy.RetryConfig;
import dev.tenacious.runtime.policy.SqlStates;

/**
 * What one call's outcome would mean to a policy with the default settings: a transient failure (a
 * status of the default retried list or 408, an I/O error, a connection or serialization SQLState), a
 * permanent one (another 4xx, a constraint violation, an abortOn type), or neither (a success, a 500,
 * an exception no list names). The failure rate the starter policy's suggestions read.
 */
final class Outcomes {
    static final int OK = 0;
    static final int TRANSIENT = 1;
    static final int PERMANENT = 2;
    static final int OTHER_FAILURE = 3;
    private static final ExceptionClassifier DEFAULTS = RetryConfig.DEFAULT.classifier();
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"};

    private Outcomes() {
    }

    static int of(boolean jdbc, Exchange x, Throwable thrown) {
        int status = x.isHttp() ? x.status() : -1;
        if (status >= 100) {
            if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
                return TRANSIENT;
            }
            if (status >= 400 && status < 500) {
                return PERMANENT;
            }
            return status >= 500 ? OTHER_FAILURE : OK;
        }
        if (thrown == null) {
            return OK;
        }
        Classification c = jdbc ? SqlStates.classifyChain(thrown) : null;
        if (c == null) {
            c = DEFAULTS.classify(thrown);
        }
        return c == Classification.TRANSIENT ? TRANSIENT : c == Classification.PERMANENT ? PERMANENT : OTHER_FAILURE;
    }

    /** The method's name as a constant (no request can put text of its own into the file). */
    static String methodName(String m) {
        for (String known : METHODS) {
            if (known.equals(m)) {
                return known;
            }
        }
        return "other";
    }

    /** An SQLState as five letters and digits (a driver's odd value cannot put other text into the file). */
    static String sqlStateName(String state) {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < state.length() && b.length() < 5; i++) {
            char c = state.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                b.append(c);
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
