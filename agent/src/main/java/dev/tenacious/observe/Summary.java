package dev.tenacious.observe;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.PolicyState;

import java.util.List;

/** The periodic one-line-per-policy summary ({@code settings.summaryEvery}): the calls and every decision's count. */
public final class Summary implements Runnable {
    /** The policies in force when the summary runs. */
    public interface Source {
        List<PolicyState> policies();
    }

    private final Source source;

    public Summary(Source source) {
        this.source = source;
    }

    @Override
    public void run() {
        for (PolicyState s : source.policies()) {
            Log.info("summary " + line(s));
        }
    }

    /**
     * {@code name: N calls, N retries, N recovered, ...}: every decision in {@link Decision}'s order,
     * those that are rare shown only when they happened.
     */
    public static String line(PolicyState s) {
        StringBuilder b = new StringBuilder(s.name()).append(": ").append(s.calls()).append(" calls");
        for (Decision d : Decision.values()) {
            long n = s.count(d);
            if (n > 0 || d.alwaysInSummary) {
                b.append(", ").append(n).append(' ').append(d.summaryName);
            }
        }
        return b.toString();
    }
}
