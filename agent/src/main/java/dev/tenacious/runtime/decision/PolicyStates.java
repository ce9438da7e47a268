package dev.tenacious.runtime.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hands out one {@link PolicyState} per policy name, so a reload that keeps a name keeps its state. */
public final class PolicyStates {
    private final Map<String, PolicyState> byName = new LinkedHashMap<String, PolicyState>();

    public synchronized PolicyState forName(String name) {
        PolicyState s = byName.get(name);
        if (s == null) {
            s = new PolicyState(name);
            byName.put(name, s);
        }
        return s;
    }

    public synchronized List<PolicyState> all() {
        return Collections.unmodifiableList(new ArrayList<PolicyState>(byName.values()));
    }
}
