package dev.tenacious.discover;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls to one dependency through one library of one kind (a GET, a POST, a JDBC statement):
 * a key known without a stack walk, under which calls are charged to application methods. The first
 * {@link #FIRST_WALKS} calls are walked; after that a walk is made when the calls' own time has paid
 * for it: the walks cost at most {@link #KNOWN_SHARE} of the time the calls took while every walk
 * found the same method (the calls between walks are charged to it), and {@link #AMBIGUOUS_SHARE}
 * once walks found several, after {@link #AMBIGUOUS_WALKS} more calls walked in a row (the calls
 * between walks are then charged to none, and shared out in proportion to the walks when the file is
 * written). Counters are updated without locks; a race
 * costs at most an extra or a missed walk.
 */
final class CallKey {
    static final int FIRST_WALKS = 8;
    /** However cheap the calls, at least one in this many is walked, so a rare caller is found in time. */
    static final int MIN_WALK_EVERY = 256;
    /** Once walks found several methods, this many more calls are walked before sampling starts again. */
    static final int AMBIGUOUS_WALKS = 64;
    static final int KNOWN_SHARE = 100;     // 1%
    static final int AMBIGUOUS_SHARE = 33;  // 3%
    private static final long INITIAL_WALK_COST_NANOS = 50_000;
    private static final int MAX_SITES = 256;

    final Dependency dependency;
    final Libraries.Library library;
    private long walks;
    private long sinceWalk;
    private long creditNanos;
    private long walkCostNanos = INITIAL_WALK_COST_NANOS;
    private volatile Site single;
    private volatile CallStats singleStats;
    private volatile boolean ambiguous;
    /** Walks made since the key was found ambiguous. */
    private int ambiguousWalks;
    private final ConcurrentHashMap<Site, CallStats> sites = new ConcurrentHashMap<Site, CallStats>();
    private final CallStats unattributed = new CallStats();

    CallKey(Dependency dependency, Libraries.Library library) {
        this.dependency = dependency;
        this.library = library;
    }

    /** Whether this call's stack should be walked. */
    boolean shouldWalk(long callNanos) {
        if (walks < FIRST_WALKS || (ambiguous && ambiguousWalks < AMBIGUOUS_WALKS)) {
            walks++;
            if (ambiguous) {
                ambiguousWalks++;
            }
            return true;
        }
        long credit = creditNanos + callNanos / (ambiguous ? AMBIGUOUS_SHARE : KNOWN_SHARE);
        if (credit >= walkCostNanos || ++sinceWalk >= MIN_WALK_EVERY) {
            creditNanos = Math.max(0, credit - walkCostNanos);
            sinceWalk = 0;
            walks++;
            return true;
        }
        creditNanos = credit;
        return false;
    }

    /** What a walk cost: the next walks are paid for at this rate (a moving average). */
    void walkCost(long nanos) {
        walkCostNanos = Math.max(1_000, (walkCostNanos * 3 + nanos) / 4);
    }

    /** The stats of the method a walk found, which the key learns. */
    CallStats walked(Site frame) {
        CallStats s = statsFor(frame);
        Site known = single;
        if (known == null) {
            singleStats = s;
            single = frame;
        } else if (known != frame) {
            ambiguous = true;
        }
        return s;
    }

    /** The stats a call that was not walked is charged to. */
    CallStats unwalked() {
        CallStats s = singleStats;
        return s != null && !ambiguous ? s : unattributed;
    }

    private CallStats statsFor(Site frame) {
        CallStats s = sites.get(frame);
        if (s == null) {
            if (sites.size() >= MAX_SITES) {
                return unattributed;
            }
            CallStats fresh = new CallStats();
            s = sites.putIfAbsent(frame, fresh);
            s = s == null ? fresh : s;
        }
        return s;
    }

    boolean ambiguous() {
        return ambiguous;
    }

    /** Every call of the key, added up as recorded (exact, unlike the shares of {@link #figures}). */
    Figures total() {
        Figures t = unattributed.figures();
        for (CallStats s : sites.values()) {
            t.add(s.figures());
        }
        return t;
    }

    /**
     * The figures per method, the calls no walk attributed shared out in proportion to each method's
     * walks (their details, statuses and latency, are the walked calls'; their counts are estimates).
     */
    Map<Site, Figures> figures() {
        Map<Site, Figures> bySite = new LinkedHashMap<Site, Figures>();
        long walkedTotal = 0;
        for (Map.Entry<Site, CallStats> e : sites.entrySet()) {
            Figures f = e.getValue().figures();
            bySite.put(e.getKey(), f);
            walkedTotal += f.walked;
        }
        Figures rest = unattributed.figures();
        if (rest.calls > 0 && walkedTotal > 0) {
            for (Figures f : bySite.values()) {
                f.addShare(rest, f.walked / (double) walkedTotal);
            }
        } else if (rest.calls > 0) {
            bySite.put(Site.NONE, rest);
        }
        return bySite;
    }
}
