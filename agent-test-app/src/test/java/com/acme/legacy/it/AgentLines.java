package com.acme.legacy.it;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent prints that the legacy HTTP tests (issue 12) look for, in one place: the contract fixes
 * what these lines say, not their wording, so the patterns are loose and the wording is the agent's to choose.
 */
final class AgentLines {
    /**
     * The line that says, at start-up and in {@code plan}, how a preset stacks with the library's own retries
     * (HttpClient 4's retry handler, OkHttp's {@code retryOnConnectionFailure}): it names the preset as a word
     * ({@code apache-http4}, {@code okhttp}, not {@code okhttp3}) and then the most requests one call can send,
     * as {@code N requests}. Group 1 is N.
     */
    static Pattern stacking(String preset) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(preset) + "(?![\\w.-]).*?(\\d+) requests");
    }

    /**
     * The ERROR that refuses a plain {@code class}/{@code method} pattern naming a library method that cannot be
     * re-run in place ({@code className}), and names what to weave instead: the {@code okhttp} preset for
     * OkHttp's {@code RealCall}, the application method for the JDK's {@code HttpURLConnection} internals.
     */
    static Pattern refusal(String className, String insteadWord) {
        return Pattern.compile("^(?=.*\\[tenacious\\] ERROR )(?=.*" + Pattern.quote(className) + "(?![\\w$]))"
                + "(?=.*(?<![\\w.-])" + insteadWord + "(?![\\w-])).*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    }

    /** The word that names the okhttp preset in a refusal. */
    static final String OKHTTP_PRESET = "okhttp";
    /** What a refusal of the JDK's HttpURLConnection internals names to weave instead. */
    static final String APPLICATION_METHOD = "application method";

    /** The agent's line saying it wove methods of {@code className} (for the policy {@code policy}). */
    static Pattern wove(String policy, String className) {
        return Pattern.compile("\\[tenacious\\] \\w+ " + Pattern.quote(policy) + ": wove \\d+ methods? of "
                + Pattern.quote(className) + "(?![\\w.$])");
    }

    /** Any line saying the agent wove methods of {@code className}, whatever the policy. */
    static Pattern woveAny(String className) {
        return Pattern.compile("wove \\d+ methods? of " + Pattern.quote(className) + "(?![\\w.$])");
    }

    /** The N of the stacking line for {@code preset} in {@code text}; fails the test naming what was printed if there is none. */
    static int maxRequests(String text, String preset) {
        Matcher m = stacking(preset).matcher(text);
        assertTrue(m.find(), () -> "no line names " + preset + " and the most requests one call can send ('N requests'):\n" + text);
        return Integer.parseInt(m.group(1));
    }

    static boolean matches(Pattern p, String text) {
        return p.matcher(text).find();
    }

    /** The lines of {@code text} that mention {@code word}, for failure messages. */
    static List<String> linesWith(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).collect(java.util.stream.Collectors.toList());
    }

    private AgentLines() {
    }
}
