package dev.tenacious.discover;

import dev.tenacious.presets.Presets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the starter policy file from what discovery saw: one policy per dependency, named after it,
 * in observe mode, matching the application methods that made its calls (a method is matched by the
 * first policy, in file order, whose dependency it calls), the presets where no method can be named,
 * and the suggested settings, every figure and suggestion said in a comment. Nothing in it comes from
 * a URL's path or query, a header, a body or a JDBC URL's user, password or parameters: dependencies
 * are host and port or the stripped JDBC URL, methods are class and method names, figures are counts.
 */
final class StarterPolicy {
    static final String SPRING_TX = "spring-tx";
    private final Discovery discovery;
    private final MethodResolver resolver;
    private final String path;

    StarterPolicy(Discovery discovery, MethodResolver resolver, String path) {
        this.discovery = discovery;
        this.resolver = resolver;
        this.path = path;
    }

    String render() {
        resolver.refresh();
        List<Observed.Dependency> deps = Observed.read(discovery.dependencies(), new Observed.Charging() {
            @Override
            public AppFrame chargeTo(Site site) {
                return outerInstead(site) ? site.outer : site.inner;
            }

            @Override
            public String why(Site site) {
                return outerInstead(site) ? site.inner.shortName() + ", which is handed the "
                        + simpleName(resolver.resolve(site.inner).takesCallObject) + " it reads (sent once: it cannot be "
                        + "re-run by itself)" : null;
            }
        });
        Map<AppFrame, List<Observed.Dependency>> callers = new HashMap<AppFrame, List<Observed.Dependency>>();
        for (Observed.Dependency d : deps) {
            for (Observed.Method m : d.methods) {
                List<Observed.Dependency> list = callers.get(m.frame);
                if (list == null) {
                    list = new ArrayList<Observed.Dependency>();
                    callers.put(m.frame, list);
                }
                list.add(d);
            }
        }
        Map<AppFrame, String> claimed = new HashMap<AppFrame, String>();
        Map<String, String> presetsTaken = new HashMap<String, String>();
        Set<String> names = new HashSet<String>();
        StringBuilder policies = new StringBuilder();
        int written = 0;
        for (Observed.Dependency d : deps) {
            String name = Names.unique(Names.of(d.dependency), names);
            written += new PolicyText(d, name, claimed, presetsTaken, callers).appendTo(policies) ? 1 : 0;
        }
        StringBuilder out = new StringBuilder();
        header(out, deps, written);
        out.append("version: 1\n\n");
        out.append(written == 0 ? "policies: []\n" : "policies:\n");
        out.append(policies);
        return out.toString();
    }

    /**
     * Whether a site's calls go to its outer method: the inner one is handed a single-use connection,
     * so it cannot be re-run by itself (and when the outer one cannot be named either, neither can).
     */
    private boolean outerInstead(Site site) {
        MethodResolver.Resolved inner = resolver.resolve(site.inner);
        return inner.unmatchable == null && inner.takesCallObject != null;
    }

    private static String simpleName(String type) {
        return type == null ? "connection" : type.substring(type.lastIndexOf('.') + 1);
    }

    private void header(StringBuilder out, List<Observed.Dependency> deps, int written) {
        long seconds = discovery.runningNanos() / 1_000_000_000L;
        out.append("# Tenacious starter policy, written by discovery at ")
                .append(java.time.Instant.ofEpochMilli(System.currentTimeMillis()).toString().replaceAll("\\.\\d+Z$", "Z"))
                .append(",\n");
        long calls = 0;
        for (Observed.Dependency d : deps) {
            calls += d.total.calls;
        }
        Text.comment(out, "", "after watching this JVM for " + Text.plural(seconds, "second", "seconds") + ": "
                + Text.plural(calls, "call", "calls") + " to " + Text.plural(deps.size(), "dependency", "dependencies")
                + (written < deps.size() ? " (" + written + " with a policy)" : "") + ".");
        out.append("#\n");
        Text.comment(out, "", "Every policy is in observe mode: it matches, classifies and counts, and retries nothing. Read each "
                + "policy's comments, then switch it to `mode: enforce`. Check the file with: java -jar tenacious-agent.jar "
                + "validate " + new java.io.File(path).getName());
        Text.comment(out, "", "Per method: calls, HTTP methods, statuses and exception types with counts, SQLStates, latency "
                + "p50 / p99 / max, and what a sample of the calls showed (timeouts, transactions). Dependencies are named "
                + "by host and port or by JDBC URL; nothing is taken from a URL's path or query, a header, a body, or a "
                + "JDBC URL's user, password or parameters.");
        if (!discovery.skipped().isEmpty()) {
            Text.comment(out, "", "Frames of " + String.join(", ", discovery.skipped())
                    + " (settings.discover.skip) were passed over like a library's.");
        }
        if (discovery.tooManyDependencies()) {
            Text.comment(out, "", "More than " + Dependencies.MAX + " dependencies were seen: the calls to the others were not counted.");
        }
        if (deps.isEmpty()) {
            Text.comment(out, "", "No HTTP or JDBC call was seen yet.");
        }
    }

    /** One dependency's policy, or the comment saying why it has none. */
    private final class PolicyText {
        private final Observed.Dependency d;
        private final String name;
        private final Map<AppFrame, String> claimed;
        /** The presets earlier policies name (by name, and host for an HTTP one), and which policy. */
        private final Map<String, String> presetsTaken;
        private final Map<AppFrame, List<Observed.Dependency>> callers;
        private final StringBuilder match = new StringBuilder();
        private final StringBuilder notes = new StringBuilder();
        private final List<Observed.Method> matched = new ArrayList<Observed.Method>();
        private final Set<Libraries.Library> presets = new LinkedHashSet<Libraries.Library>();
        private int entries;

        PolicyText(Observed.Dependency d, String name, Map<AppFrame, String> claimed, Map<String, String> presetsTaken,
                   Map<AppFrame, List<Observed.Dependency>> callers) {
            this.d = d;
            this.name = name;
            this.claimed = claimed;
            this.presetsTaken = presetsTaken;
            this.callers = callers;
        }

        /** @return whether a policy was written (else only a comment) */
        boolean appendTo(StringBuilder out) {
            List<Observed.Method> inTransactions = new ArrayList<Observed.Method>();
            Map<Libraries.Library, List<String>> unretried = new LinkedHashMap<Libraries.Library, List<String>>();
            Map<Libraries.Library, List<String>> byPreset = new LinkedHashMap<Libraries.Library, List<String>>();
            for (Observed.Method m : d.methods) {
                if (d.dependency.jdbc && m.total.txChecked > 0 && m.total.inTransaction * 2 >= m.total.txChecked) {
                    inTransactions.add(m);
                    continue;
                }
                MethodResolver.Resolved r = resolver.resolve(m.frame);
                if (r.unmatchable != null) {
                    for (Map.Entry<Libraries.Library, Figures> e : m.byLibrary.entrySet()) {
                        String who = Text.plural(e.getValue().calls, "call", "calls") + " from "
                                + (m.frame.isNone() ? "no application frame" : m.frame + " (" + r.unmatchable + ")");
                        add(e.getKey().preset ? byPreset : unretried, e.getKey(), who);
                    }
                    continue;
                }
                String other = claimed.get(m.frame);
                if (other != null) {
                    Text.comment(notes, "    ", m.frame.shortName() + ": " + describe(m.total) + ". Matched by policy " + other
                            + " above (a method gets the first policy that matches it).");
                    continue;
                }
                claimed.put(m.frame, name);
                matched.add(m);
                methodEntry(m, r);
            }
            for (Map.Entry<Libraries.Library, List<String>> e : byPreset.entrySet()) {
                String key = e.getKey().name + (e.getKey().http ? "@" + d.dependency.host : "");
                String other = presetsTaken.get(key);
                if (other != null) {
                    Text.comment(notes, "    ", String.join("; ", e.getValue()) + ": no application method can be named; the "
                            + e.getKey().name + " preset would cover them, but policy " + other + " above names it"
                            + (e.getKey().http ? " for this host" : "") + ", and a call gets the first policy that matches it.");
                    continue;
                }
                presetsTaken.put(key, name);
                presets.add(e.getKey());
                Text.comment(match, "      ", String.join("; ", e.getValue()) + ": no application method can be named, so the "
                        + e.getKey().name + " preset covers " + (e.getKey().http ? "this host's calls through " + e.getKey().title
                        : "the " + e.getKey().title + " calls") + ".");
                match.append("      - preset: ").append(e.getKey().name).append('\n');
                entries++;
            }
            for (Map.Entry<Libraries.Library, List<String>> e : unretried.entrySet()) {
                Text.comment(notes, "    ", String.join("; ", e.getValue()) + " through " + e.getKey().title
                        + ": no policy can retry these here, since " + e.getKey().title + " is retried only through the "
                        + "application method that makes the request, and none could be named.");
            }
            if (!inTransactions.isEmpty()) {
                transactions(inTransactions);
            }
            header(out);
            if (entries == 0) {
                Text.comment(out, "  ", "No policy for " + d.dependency + ": none of its calls can be matched.");
                out.append(notes);
                out.append('\n');
                return false;
            }
            out.append("  - name: ").append(Text.quoted(name)).append('\n');
            out.append("    mode: observe\n");
            out.append(notes);
            out.append("    match:\n").append(match);
            retry(out);
            if (d.dependency.jdbc) {
                jdbcNotes(out);
            } else {
                http(out);
            }
            out.append('\n');
            return true;
        }

        private void add(Map<Libraries.Library, List<String>> into, Libraries.Library l, String who) {
            List<String> list = into.get(l);
            if (list == null) {
                list = new ArrayList<String>();
                into.put(l, list);
            }
            list.add(who);
        }

        private void header(StringBuilder out) {
            Figures t = d.total;
            Text.comment(out, "  ", d.dependency + ", from " + Text.plural(d.methods.size(), "place", "places") + ": "
                    + describe(t) + ".");
        }

        private void methodEntry(Observed.Method m, MethodResolver.Resolved r) {
            StringBuilder c = new StringBuilder(m.frame.shortName()).append(": ");
            c.append("through ").append(m.libraries()).append(", ");
            c.append(describe(m.total));
            if (!m.via.isEmpty()) {
                c.append("; made in ").append(String.join(", ", m.via));
            }
            List<Observed.Dependency> others = callers.get(m.frame);
            if (others != null && others.size() > 1) {
                List<String> also = new ArrayList<String>();
                for (Observed.Dependency o : others) {
                    if (o != d) {
                        also.add(o.dependency.toString());
                    }
                }
                c.append(". It also calls ").append(String.join(", ", also))
                        .append(": a retry of it makes those calls again");
            }
            Text.comment(match, "      ", c.append('.').toString());
            List<List<String>> overloads = r.overloads;
            if (overloads == null) {
                overloads = new ArrayList<List<String>>();
                overloads.add(null);
            }
            for (List<String> params : overloads) {
                match.append("      - class: ").append(Text.quoted(m.frame.className)).append('\n');
                match.append("        method: ").append(Text.quoted(m.frame.methodName)).append('\n');
                if (params != null) {
                    List<String> quoted = new ArrayList<String>();
                    for (String p : params) {
                        quoted.add(Text.quoted(p));
                    }
                    match.append("        params: [").append(String.join(", ", quoted)).append("]\n");
                }
                entries++;
            }
        }

        private void transactions(List<Observed.Method> methods) {
            List<String> who = new ArrayList<String>();
            long inTx = 0;
            long checked = 0;
            for (Observed.Method m : methods) {
                who.add(m.frame.shortName());
                inTx += m.total.inTransaction;
                checked += m.total.txChecked;
            }
            String seen = inTx + " of " + checked + " sampled calls from " + String.join(", ", who)
                    + " ran inside Spring transactions. A statement inside a transaction cannot be re-run alone (the "
                    + "transaction it belonged to has failed): the unit to retry is the whole transaction, rolled back and "
                    + "run again";
            if (Presets.forName(SPRING_TX) != null) {
                Text.comment(match, "      ", seen + ", which the " + SPRING_TX + " preset does at the outermost transaction "
                        + "boundary; those methods are not matched here.");
                match.append("      - preset: ").append(SPRING_TX).append('\n');
                entries++;
            } else {
                Text.comment(notes, "    ", seen + "; those methods are not matched here.");
            }
        }

        private void retry(StringBuilder out) {
            double worst = -1;
            Observed.Method worstMethod = null;
            for (Observed.Method m : matched) {
                if (m.total.calls >= Suggested.MIN_CALLS && m.total.transientRate() > worst) {
                    worst = m.total.transientRate();
                    worstMethod = m;
                }
            }
            double p = worstMethod != null ? worst : d.total.transientRate();
            String who = worstMethod != null ? worstMethod.frame.shortName() + " failed " + Text.percent(p) + " of its calls"
                    : "Its calls failed " + Text.percent(p) + " of the time";
            if (p >= Suggested.DOWN) {
                Text.comment(out, "    ", who + " transiently: the dependency was down rather than flaky, and retries would "
                        + "only add load. A circuitBreaker fails fast while it is down, such as circuitBreaker: "
                        + "{ failureRate: 50%, openFor: 30s }.");
                return;
            }
            int attempts = Suggested.maxAttempts(p);
            double overall = d.total.transientRate();
            double ratio = Suggested.budgetRatio(overall);
            if (attempts == 0 && ratio == 0) {
                return;
            }
            out.append("    retry:\n");
            if (attempts > 0) {
                Text.comment(out, "      ", who + " transiently: " + attempts + " attempts leave about 1 call in "
                        + Suggested.oneIn(p, attempts) + " failing.");
                out.append("      maxAttempts: ").append(attempts).append('\n');
            }
            if (ratio > 0) {
                Text.comment(out, "      ", "At " + Text.percent(overall) + " transient failures a call needs about "
                        + Suggested.ratio(Suggested.retriesPerCall(overall)) + " retries: the default budget (0.2 retries "
                        + "per call, plus 10 a second) would refuse some.");
                out.append("      budget: { ratio: ").append(Suggested.ratio(ratio)).append(", minPerSecond: 10 }\n");
            }
        }

        private void http(StringBuilder out) {
            Figures t = d.total;
            StringBuilder b = new StringBuilder();
            boolean httpPreset = false;
            for (Libraries.Library l : presets) {
                httpPreset |= l.http;
            }
            if (httpPreset && d.dependency.host != null && !d.dependency.host.equals(Dependencies.UNKNOWN_HOST)) {
                b.append("      hosts: [").append(Text.quoted(d.dependency.host)).append("]   # the preset's calls to other hosts are not this policy's\n");
            }
            if (!t.statuses.isEmpty()) {
                List<Integer> statuses = Suggested.statuses(t);
                String seen = Suggested.retriedSeen(t, statuses);
                String fives = t.statuses.containsKey("500") ? "; 500 x " + t.statuses.get("500") + " seen, not retried by default"
                        + " (often a bug rather than a passing fault): add 500 if this service's are transient" : "";
                b.append("      statuses: ").append(statuses).append("   # ").append(Text.clean(seen.isEmpty()
                        ? "none of them seen" : "seen: " + seen)).append(fives).append('\n');
            }
            if (t.nonIdempotent > 0) {
                b.append("      retryNonIdempotent: false   # ").append(t.nonIdempotent)
                        .append(" POST/PATCH requests without an Idempotency-Key were seen: they are never retried\n");
            }
            if (t.unreplayable > 0) {
                Text.comment(b, "      ", t.unreplayable + " requests had a body that cannot be sent again: they are never retried.");
            }
            for (Map.Entry<Libraries.Library, Figures> e : d.byLibrary.entrySet()) {
                Figures f = e.getValue();
                if (f.timeoutMissing == 0) {
                    continue;
                }
                String none = "no timeout was set on " + f.timeoutMissing + " of " + f.timeoutChecked + " sampled requests through "
                        + e.getKey().title + " (p99 " + Text.latency(Math.max(0, f.p99())) + ", max " + Text.latency(f.maxNanos) + ")";
                if (e.getKey().preset) {
                    b.append("      # timeouts: { request: ").append(Suggested.timeout(f)).append(" }   # ")
                            .append(Text.clean(none)).append(presets.contains(e.getKey()) ? "" : "; applied to the "
                                    + e.getKey().name + " preset's calls: add it to match").append('\n');
                } else {
                    Text.comment(b, "      ", none + ": a silent server holds the thread for ever. The agent cannot set "
                            + "one on " + e.getKey().title + ": set it in the code, or for the whole JVM with "
                            + "-Dsun.net.client.defaultReadTimeout=" + millis(Suggested.timeout(f)) + ".");
                }
            }
            if (keys(b)) {
                out.append("    http:\n");
            }
            out.append(b); // comments alone need no http key (an empty one would be invalid)
        }

        private void jdbcNotes(StringBuilder out) {
            Figures t = d.total;
            if (t.timeoutMissing > 0) {
                boolean preset = false;
                for (Libraries.Library l : presets) {
                    preset |= l.jdbc;
                }
                Text.comment(out, "    ", "No query timeout was set on " + t.timeoutMissing + " of " + t.timeoutChecked
                        + " sampled statements (p99 " + Text.latency(Math.max(0, t.p99())) + ", max " + Text.latency(t.maxNanos)
                        + "): a statement waiting on a locked row or a dead server holds its thread. The jdbc preset gives "
                        + "statements without one this (a timeout acts in observe mode too: uncomment it when you enforce"
                        + (preset ? "" : ", with - preset: jdbc in match") + "):");
                out.append("    # jdbc: { timeouts: { query: ").append(Suggested.timeout(t)).append(" } }\n");
            }
        }
    }

    /** Whether the lines hold a key, not only comments. */
    private static boolean keys(StringBuilder lines) {
        for (String line : lines.toString().split("\n")) {
            if (!line.trim().isEmpty() && !line.trim().startsWith("#")) {
                return true;
            }
        }
        return false;
    }

    private static String millis(String duration) {
        return duration.endsWith("ms") ? duration.substring(0, duration.length() - 2)
                : String.valueOf(Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000);
    }

    /** {@code 120 calls ...}: one method's or dependency's figures for a comment. */
    static String describe(Figures f) {
        List<String> parts = new ArrayList<String>();
        parts.add((f.estimated ? "about " : "") + Text.plural(f.calls, "call", "calls")
                + (f.estimated ? " (shared out by sampled stacks)" : ""));
        if (!f.methods.isEmpty()) {
            parts.add(Text.counts(f.methods, 6));
        }
        if (!f.kinds.isEmpty()) {
            Map<String, Long> kinds = new LinkedHashMap<String, Long>();
            for (Map.Entry<String, Long> e : f.kinds.entrySet()) {
                kinds.put(e.getKey() + "s", e.getValue());
            }
            parts.add(Text.counts(kinds, 4));
        }
        if (!f.statuses.isEmpty()) {
            parts.add("status " + Text.counts(f.statuses, 8));
        }
        if (!f.exceptions.isEmpty()) {
            parts.add(Text.counts(f.exceptions, 5));
        }
        if (!f.sqlStates.isEmpty()) {
            parts.add("SQLState " + Text.counts(f.sqlStates, 6));
        }
        if (f.maxNanos > 0) {
            parts.add("latency p50 " + Text.latency(f.p50()) + ", p99 " + Text.latency(f.p99()) + ", max " + Text.latency(f.maxNanos));
        }
        if (f.transientFailures > 0) {
            parts.add(Text.percent(f.transientRate()) + " failed transiently");
        }
        if (f.permanentFailures > 0) {
            parts.add(f.permanentFailures + " failed permanently (not retried)");
        }
        return String.join("; ", parts);
    }
}
