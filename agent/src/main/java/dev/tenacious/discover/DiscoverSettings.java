package dev.tenacious.discover;

import dev.tenacious.runtime.policy.Durations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Discovery's settings ({@code settings.discover} in a policy file, or the agent argument
 * {@code discover[=PATH]}): where the starter policy file is written, how often, and which packages
 * count as libraries beside the built-in list. Immutable.
 */
public final class DiscoverSettings {
    public static final String DEFAULT_OUT = "tenacious-discovered.yaml";
    public static final long DEFAULT_EVERY_NANOS = 60_000_000_000L;
    /** Writing the file more often than this would cost the application more than it tells. */
    public static final long MIN_EVERY_NANOS = 1_000_000_000L;

    private final String out;
    private final long everyNanos;
    private final List<String> skip;

    /**
     * @param out        the file written, relative to the working directory unless absolute
     * @param everyNanos how often it is written while the application runs; 0: only at exit
     * @param skip       package or class name prefixes whose frames are never charged with a call
     */
    public DiscoverSettings(String out, long everyNanos, List<String> skip) {
        this.out = out;
        this.everyNanos = everyNanos;
        this.skip = Collections.unmodifiableList(new ArrayList<String>(skip));
    }

    public static DiscoverSettings defaults() {
        return new DiscoverSettings(DEFAULT_OUT, DEFAULT_EVERY_NANOS, Collections.<String>emptyList());
    }

    public String out() {
        return out;
    }

    public long everyNanos() {
        return everyNanos;
    }

    public List<String> skip() {
        return skip;
    }

    /** One line for the start-up log and the reload's list of changed settings. */
    public String describe() {
        return "out " + out + ", every " + (everyNanos > 0 ? Durations.format(everyNanos) : "0 (at exit only)")
                + (skip.isEmpty() ? "" : ", skip " + skip);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DiscoverSettings)) {
            return false;
        }
        DiscoverSettings d = (DiscoverSettings) o;
        return out.equals(d.out) && everyNanos == d.everyNanos && skip.equals(d.skip);
    }

    @Override
    public int hashCode() {
        return out.hashCode() * 31 + skip.hashCode() + (int) everyNanos;
    }

    @Override
    public String toString() {
        return describe();
    }
}
