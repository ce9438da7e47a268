package dev.tenacious.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** The outcome of reading a policy file: the file when it is valid, and every error and warning found. */
public final class ParseResult {
    private final PolicyFile file;
    private final List<Problem> errors;
    private final List<Problem> warnings;

    ParseResult(PolicyFile file, List<Problem> errors, List<Problem> warnings) {
        this.file = errors.isEmpty() ? file : null;
        this.errors = Collections.unmodifiableList(inFileOrder(errors));
        this.warnings = Collections.unmodifiableList(inFileOrder(warnings));
    }

    /** By line, then column: the order a reader fixes them in (the reader finds them section by section). */
    private static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<Problem>(problems);
        for (int i = 1; i < sorted.size(); i++) {
            if (before(sorted.get(i), sorted.get(i - 1))) {
                // stable: problems at one position keep the order they were found in. The comparator's
                // class is loaded only here, not at start-up with a valid file
                Collections.sort(sorted, new Comparator<Problem>() {
                    @Override
                    public int compare(Problem a, Problem b) {
                        return before(a, b) ? -1 : before(b, a) ? 1 : 0;
                    }
                });
                break;
            }
        }
        return sorted;
    }

    private static boolean before(Problem a, Problem b) {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
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
