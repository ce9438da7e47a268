package dev.tenacious.weaving;

import dev.tenacious.log.Log;

import java.io.File;

/**
 * Finds the policy file: the agent argument, else system property {@code tenacious.policies}, else
 * environment variable {@code TENACIOUS_POLICIES}, else {@code ./policies.yaml}.
 */
final class PolicyLocator {
    static final String PROPERTY = "tenacious.policies";
    static final String ENVIRONMENT = "TENACIOUS_POLICIES";
    static final String DEFAULT = "policies.yaml";

    private PolicyLocator() {
    }

    /**
     * The policy file, or null after logging one warning line.
     *
     * @param problem receives that line, for the outcome of an attach (may be null)
     */
    static File locate(String agentArgument, StringBuilder problem) {
        String[] from = {"the agent argument", "-D" + PROPERTY, ENVIRONMENT};
        for (int i = 0; i < from.length; i++) {
            // asked in turn: the environment is read only when nothing before names the file (reading it
            // first parses the whole of it, a millisecond or two of the agent's start)
            String given = i == 0 ? agentArgument : i == 1 ? System.getProperty(PROPERTY) : System.getenv(ENVIRONMENT);
            String value = given == null ? null : given.trim();
            if (value != null && !value.isEmpty()) {
                File f = new File(value);
                if (f.isFile()) {
                    return f;
                }
                return missing("policy file " + f.getAbsolutePath() + " (from " + from[i]
                        + ") not found; the application runs untouched", problem);
            }
        }
        File f = new File(DEFAULT);
        if (f.isFile()) {
            return f;
        }
        return missing("no policy file: none given as the agent argument, -D" + PROPERTY + " or " + ENVIRONMENT
                + ", and no ./" + DEFAULT + "; the application runs untouched", problem);
    }

    private static File missing(String why, StringBuilder problem) {
        Log.warn(why);
        if (problem != null) {
            problem.append(why);
        }
        return null;
    }
}
