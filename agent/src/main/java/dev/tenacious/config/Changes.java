package dev.tenacious.config;

import dev.tenacious.runtime.policy.Keys;
import dev.tenacious.runtime.policy.PolicyConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload changes, in the words of the policy file: every key whose effective value differs,
 * settings included, by policy name ({@code inventory changed [retry.maxAttempts: 3 -> 5]}).
 */
public final class Changes {
    private Changes() {
    }

    /** "settings changed [...]; a changed [match, retry.maxAttempts: 3 -> 5]; b added; c removed", or "nothing changed". */
    public static String between(PolicyFile before, PolicyFile after) {
        List<String> parts = new ArrayList<String>();
        List<String> settings = Keys.changes(Keys.of(before.settings()), Keys.of(after.settings()));
        if (!settings.isEmpty()) {
            parts.add("settings changed " + settings);
        }
        Map<String, PolicyConfig> old = new LinkedHashMap<String, PolicyConfig>();
        for (PolicyConfig p : before.policies()) {
            old.put(p.name(), p);
        }
        for (PolicyConfig p : after.policies()) {
            PolicyConfig was = old.remove(p.name());
            if (was == null) {
                parts.add(p.name() + " added");
                continue;
            }
            List<String> what = new ArrayList<String>();
            if (!was.sameMatch(p)) {
                what.add("match");
            }
            what.addAll(Keys.changes(Keys.of(was), Keys.of(p)));
            if (!what.isEmpty()) {
                parts.add(p.name() + " changed " + what);
            }
        }
        for (String removed : old.keySet()) {
            parts.add(removed + " removed");
        }
        return parts.isEmpty() ? "nothing changed" : String.join("; ", parts);
    }
}
