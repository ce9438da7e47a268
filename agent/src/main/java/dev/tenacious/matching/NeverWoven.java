package dev.tenacious.matching;

/**
 * The classes no policy may weave, whatever its patterns say: the agent's own, and the JDK classes
 * the agent itself runs on. Woven, those would call into the agent while it works (a woven
 * {@code CompletableFuture} retried by a scheduler built on futures, a woven lock taken inside the
 * runtime): the application hangs or fails to load a class. A pattern that can match nothing else
 * is an error; one that can match some of them is warned about.
 */
public final class NeverWoven {
    /** Packages, by prefix, with what the agent uses them for. */
    private static final String[][] REFUSED = {
            {"dev.tenacious.", "the agent's own classes"},
            {"java.lang.", "the JDK classes the agent runs on (threads, strings, reflection, method handles)"},
            {"java.util.", "the JDK classes the agent runs on (collections, concurrency, futures, locks)"},
            {"java.io.", "the JDK classes the agent runs on (its file reads and log output)"},
            {"java.nio.", "the JDK classes the agent runs on (its file reads)"},
            {"java.security.", "the JDK classes the agent runs on (class loading)"},
            {"java.time.", "the JDK classes the agent runs on (timeouts)"},
            {"java.text.", "the JDK classes the agent runs on (Retry-After dates)"},
            {"javax.management.", "the JDK classes the agent runs on (its JMX figures)"},
            {"sun.misc.", "JDK internals the agent runs on"},
            {"sun.reflect.", "JDK internals the agent runs on"},
            {"sun.nio.", "JDK internals the agent runs on"},
            {"jdk.internal.", "JDK internals the agent runs on"},
    };
    /** Inside a refused package, but what a preset weaves. */
    private static final String[] ALLOWED = {"jdk.internal.net.http."};

    private NeverWoven() {
    }

    /** Why this class is never woven, or null when a policy may weave it. */
    public static String reason(String className) {
        for (String allowed : ALLOWED) {
            if (className.startsWith(allowed)) {
                return null;
            }
        }
        for (String[] r : REFUSED) {
            if (className.startsWith(r[0])) {
                return r[1];
            }
        }
        return null;
    }

    /**
     * What is wrong with a rule that names such classes: null when nothing is; else the message, and
     * whether the rule can match nothing else ({@link Problem#fatal}).
     */
    public static Problem check(MatchRule rule) {
        if (rule.preset() != null) {
            return null; // a preset's own targets are allowed by construction
        }
        String prefix = rule.classPattern().literalPrefix();
        String whole = reason(prefix);
        if (whole != null && !rule.subtypes()) {
            return new Problem(true, "names " + whole + ", which are never woven (" + packageOf(prefix)
                    + "); this pattern would weave nothing");
        }
        if (!rule.classPattern().pattern().contains("**")) {
            return null;
        }
        StringBuilder refused = new StringBuilder();
        for (String[] r : REFUSED) {
            if (r[0].startsWith(prefix)) {
                refused.append(refused.length() == 0 ? "" : ", ").append(r[0]).append("**");
            }
        }
        return refused.length() == 0 ? null : new Problem(false, "also spans classes that are never woven ("
                + refused + ": the agent's own and the JDK classes it runs on); only the rest is woven");
    }

    private static String packageOf(String prefix) {
        for (String[] r : REFUSED) {
            if (prefix.startsWith(r[0])) {
                return r[0] + "**";
            }
        }
        return prefix;
    }

    /** A rule that names classes never woven. */
    public static final class Problem {
        /** The rule can match nothing else: the file is in error. */
        public final boolean fatal;
        public final String message;

        Problem(boolean fatal, String message) {
            this.fatal = fatal;
            this.message = message;
        }
    }
}
