package dev.tenacious.config;

import java.util.Collections;
import java.util.List;

/** A valid policy file: settings and policies in file order. Immutable. */
public final class PolicyFile {
    private final String path;
    private final Settings settings;
    private final List<PolicyDefinition> policies;

    public PolicyFile(String path, Settings settings, List<PolicyDefinition> policies) {
        this.path = path;
        this.settings = settings;
        this.policies = Collections.unmodifiableList(policies);
    }

    public String path() {
        return path;
    }

    public Settings settings() {
        return settings;
    }

    public List<PolicyDefinition> policies() {
        return policies;
    }
}
