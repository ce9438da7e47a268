package dev.tenacious.config;

import java.util.Collections;
import java.util.List;

/** The outcome of reading a policy file: the file when it is valid, and every error and warning found. */
public final class ParseResult {
    private final PolicyFile file;
    private final List<Problem> errors;
    private final List<Problem> warnings;

    ParseResult(PolicyFile file, List<Problem> errors, List<Problem> warnings) {
        this.file = errors.isEmpty() ? file : null;
        this.errors = Collections.unmodifiableList(errors);
        this.warnings = Collections.unmodifiableList(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The policies, or null when the file has errors. */
    public PolicyFile file() {
        return file;
    }

    public List<Problem> errors() {
        return errors;
    }

    public List<Problem> warnings() {
        return warnings;
    }
}
