package dev.tenacious.presets;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.apache4.ApacheHttp4Preset;
import dev.tenacious.presets.apache5.ApacheHttp5Preset;
import dev.tenacious.presets.commons3.CommonsHttp3Watch;
import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.presets.jdkhttp.JdkHttpPreset;
import dev.tenacious.presets.okhttp.OkHttpPreset;
import dev.tenacious.presets.urlconnection.UrlConnectionWatch;
import dev.tenacious.presets.springtx.SpringTxPreset;
import dev.tenacious.runtime.Preset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every preset, in the order the documentation lists them. The policy-file parser (which names are
 * valid, what they weave, whether they read {@code http}), the weaver and {@code plan} all ask this
 * list; adding a preset is adding its package and one line here. Beside them, the libraries that are
 * only watched for the woven application methods that use them ({@code HttpURLConnection}, Commons
 * HttpClient 3), which no policy names.
 */
public final class Presets {
    private static final List<Preset> ALL = Collections.unmodifiableList(Arrays.<Preset>asList(
            new JdkHttpPreset(),
            new ApacheHttp5Preset(),
            new ApacheHttp4Preset(),
            new OkHttpPreset(),
            new JdbcPreset(),
            new SpringTxPreset()));
    private static final List<Preset> WATCHERS = Collections.unmodifiableList(Arrays.<Preset>asList(
            new UrlConnectionWatch(),
            new CommonsHttp3Watch()));

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

    /**
     * What is woven, when some policy weaves application methods, to tell those methods' policies what
     * their HTTP requests saw: the watched libraries, and the presets whose targets are named by class
     * (decided on the class name alone, so start-up stays name-only). The {@code jdbc} preset's targets
     * are every driver's subtypes: its statements are watched where a policy names it.
     *
     * @param where        what the rules say they come from, in log lines
     * @param everyLibrary also the presets whose targets are subtypes ({@code jdbc}), whose classes must be
     *                     parsed to be matched (discovery watches every library that calls out; never a
     *                     boundary such as {@code spring-tx}, inside which a library's calls would go unheard)
     */
    public static List<MatchRule> watchRules(String where, boolean everyLibrary) {
        List<MatchRule> rules = new ArrayList<MatchRule>();
        for (List<Preset> list : Arrays.asList(ALL, WATCHERS)) {
            for (Preset p : list) {
                boolean callsOut = p.readsHttp() || p.name().equals(JdbcPreset.NAME); // not a boundary such as spring-tx
                for (MatchRule r : p.targets(where)) {
                    if (everyLibrary ? callsOut : p.readsHttp() && !r.subtypes()) {
                        rules.add(r);
                    }
                }
            }
        }
        return rules;
    }

    /** The preset or watched library of that name, or null. */
    public static Preset forTarget(String name) {
        Preset p = forName(name);
        if (p != null) {
            return p;
        }
        for (Preset w : WATCHERS) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        return null;
    }

    /** How each preset a policy names stacks with its library's own retries, one sentence each. */
    public static List<String> stacking(List<MatchRule> rules, int maxAttempts) {
        List<String> lines = new ArrayList<String>();
        java.util.Set<String> seen = new java.util.HashSet<String>();
        for (MatchRule r : rules) {
            Preset p = r.preset() == null ? null : forName(r.preset());
            if (p != null && seen.add(p.name())) {
                String line = p.stacking(maxAttempts);
                if (line != null) {
                    lines.add(p.name() + ": " + line);
                }
            }
        }
        return lines;
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
