package dev.tenacious.config;

import dev.tenacious.runtime.policy.PolicyConfig;

import java.util.Collections;
import java.util.List;

/** A valid policy file: settings and policies in file order. Immutable. */
public final class PolicyFile {
    private final String path;
    private final Settings settings;
    private final List<PolicyConfig> policies;

    public PolicyFile(String path, Settings settings, List<PolicyConfig> policies) {
        this.path = path;
        this.settings = settings;
        this.policies = Collections.unmodifiableList(policies);
    }

    /** No settings given and no policies: what the agent runs with while the file is invalid. */
    public static PolicyFile empty(String path) {
        return new PolicyFile(path, Settings.DEFAULT, Collections.<PolicyConfig>emptyList());
    }

    public String path() {
        return path;
    }

    public Settings settings() {
        return settings;
    }

    public List<PolicyConfig> policies() {
        return policies;
    }
}
