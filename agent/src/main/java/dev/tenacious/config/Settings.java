package dev.tenacious.config;

import dev.tenacious.discover.DiscoverSettings;
import dev.tenacious.log.Log;
import dev.tenacious.runtime.policy.Durations;
import dev.tenacious.runtime.policy.Keys;

import java.util.Locale;

/** The file's {@code settings} block. Immutable. */
public final class Settings implements Keys.Section {
    public static final long DEFAULT_SUMMARY_EVERY_NANOS = 60_000_000_000L;
    public static final Settings DEFAULT = new Settings(true, Log.Level.INFO, DEFAULT_SUMMARY_EVERY_NANOS, false,
            false, true, 0, "127.0.0.1");

    private final boolean reload;
    private final Log.Level log;
    private final long summaryEveryNanos;
    private final boolean dryRun;
    private final boolean chaos;
    private final boolean jmx;
    private final int prometheusPort;
    private final String prometheusHost;
    /** Null when discovery is off. */
    private final DiscoverSettings discover;

    public Settings(boolean reload, Log.Level log, long summaryEveryNanos, boolean dryRun, boolean chaos,
                    boolean jmx, int prometheusPort, String prometheusHost) {
        this(reload, log, summaryEveryNanos, dryRun, chaos, jmx, prometheusPort, prometheusHost, null);
    }

    public Settings(boolean reload, Log.Level log, long summaryEveryNanos, boolean dryRun, boolean chaos,
                    boolean jmx, int prometheusPort, String prometheusHost, DiscoverSettings discover) {
        this.discover = discover;
        this.reload = reload;
        this.log = log;
        this.summaryEveryNanos = summaryEveryNanos;
        this.dryRun = dryRun;
        this.chaos = chaos;
        this.jmx = jmx;
        this.prometheusPort = prometheusPort;
        this.prometheusHost = prometheusHost;
    }

    public boolean reload() {
        return reload;
    }

    public Log.Level log() {
        return log;
    }

    /** 0 turns the periodic summary off. */
    public long summaryEveryNanos() {
        return summaryEveryNanos;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean chaos() {
        return chaos;
    }

    public boolean jmx() {
        return jmx;
    }

    /** 0 when Prometheus is off. */
    public int prometheusPort() {
        return prometheusPort;
    }

    public String prometheusHost() {
        return prometheusHost;
    }

    /** {@code settings.discover}, or null when discovery is off. */
    public DiscoverSettings discover() {
        return discover;
    }

    /** These settings with discovery on (the agent argument {@code discover}, which has no file). */
    public Settings withDiscover(DiscoverSettings d) {
        return new Settings(reload, log, summaryEveryNanos, dryRun, chaos, jmx, prometheusPort, prometheusHost, d);
    }

    @Override
    public void writeKeys(Keys k) {
        k.put("reload", reload).put("log", log.name().toLowerCase(Locale.ROOT))
                .put("summaryEvery", summaryEveryNanos > 0 ? Durations.format(summaryEveryNanos) : "0")
                .put("dryRun", dryRun).put("chaos", chaos).put("metrics.jmx", jmx)
                .put("metrics.prometheus", prometheusPort > 0 ? prometheusHost + ":" + prometheusPort : "off")
                .put("discover", discover == null ? "off" : discover.describe());
    }
}
