package dev.tenacious.runtime.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration written out as the policy file's keys ({@code retry.backoff.initial}) with their
 * effective values as the file would write them ({@code 20ms}), in file order. Two versions compare
 * key by key, so a reload can name every key that changed, whichever block it sits in.
 */
public final class Keys {
    /** The value of a section key ({@code circuitBreaker}) when the section is given; its keys follow. */
    static final String ON = "on";
    /** The value of a section key when the section is absent. */
    static final String OFF = "off";

    private final Map<String, String> values;
    private final String prefix;

    public Keys() {
        this(new LinkedHashMap<String, String>(), "");
    }

    private Keys(Map<String, String> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    public Keys put(String key, Object value) {
        values.put(prefix + key, String.valueOf(value));
        return this;
    }

    /** The keys of {@code section} under {@code key}, or {@code key: off} when it is null. */
    public Keys section(String key, Section section) {
        if (section == null) {
            return put(key, OFF);
        }
        put(key, ON);
        section.writeKeys(new Keys(values, prefix + key + "."));
        return this;
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The keys a section writes, for comparing two versions of it. */
    public static Map<String, String> of(Section section) {
        Keys k = new Keys();
        section.writeKeys(k);
        return k.asMap();
    }

    /**
     * What changed from {@code before} to {@code after}: {@code key: old -> new} for each key whose
     * value differs. Inside a section that was added or removed only the section itself is named.
     */
    public static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<String>();
        List<String> toggled = new ArrayList<String>();
        LinkedHashMap<String, String> all = new LinkedHashMap<String, String>(before);
        all.putAll(after);
        for (String key : all.keySet()) {
            String was = before.containsKey(key) ? before.get(key) : OFF;
            String now = after.containsKey(key) ? after.get(key) : OFF;
            if (was.equals(now) || insideAny(key, toggled)) {
                continue;
            }
            if (ON.equals(was) || ON.equals(now)) {
                toggled.add(key + ".");
            }
            changes.add(key + ": " + was + " -> " + now);
        }
        return changes;
    }

    private static boolean insideAny(String key, List<String> sections) {
        for (String s : sections) {
            if (key.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** A configuration block that writes its keys. */
    public interface Section {
        void writeKeys(Keys keys);
    }
}
