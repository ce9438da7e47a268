package dev.tenacious.presets;

import dev.tenacious.presets.apache5.ApacheHttp5Preset;
import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.presets.jdkhttp.JdkHttpPreset;
import dev.tenacious.presets.springtx.SpringTxPreset;
import dev.tenacious.runtime.Preset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every preset, in the order the documentation lists them. The policy-file parser (which names are
 * valid, what they weave, whether they read {@code http}), the weaver and {@code plan} all ask this
 * list; adding a preset is adding its package and one line here.
 */
public final class Presets {
    private static final List<Preset> ALL = Collections.unmodifiableList(Arrays.<Preset>asList(
            new JdkHttpPreset(),
            new ApacheHttp5Preset(),
            new JdbcPreset(),
            new SpringTxPreset()));

    private Presets() {
    }

    public static List<Preset> all() {
        return ALL;
    }

    /** The preset of that name, or null. */
    public static Preset forName(String name) {
        for (Preset p : ALL) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    public static List<String> names() {
        List<String> names = new ArrayList<String>();
        for (Preset p : ALL) {
            names.add(p.name());
        }
        return names;
    }

    /** The presets that read a policy's {@code http} block, by name, for messages. */
    public static List<String> httpNames() {
        List<String> names = new ArrayList<String>();
        for (Preset p : ALL) {
            if (p.readsHttp()) {
                names.add(p.name());
            }
        }
        return names;
    }
}
