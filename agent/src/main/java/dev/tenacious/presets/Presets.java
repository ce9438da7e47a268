package dev.tenacious.presets;

import dev.tenacious.matching.PresetTargets;
import dev.tenacious.runtime.Preset;

/** The runtime half of each preset, by name. */
public final class Presets {
    private static final Preset JDK_HTTP = new JdkHttpPreset();
    private static final Preset APACHE_HTTP5 = new ApacheHttp5Preset();
    private static final Preset JDBC = new JdbcPreset();

    private Presets() {
    }

    /** The preset of that name, or null. */
    public static Preset forName(String name) {
        if (PresetTargets.JDK_HTTP.equals(name)) {
            return JDK_HTTP;
        }
        if (PresetTargets.APACHE_HTTP5.equals(name)) {
            return APACHE_HTTP5;
        }
        if (PresetTargets.JDBC.equals(name)) {
            return JDBC;
        }
        return null;
    }
}
