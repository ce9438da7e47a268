package dev.tenacious.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What each preset weaves, as match rules. Subtype rules carry a name hint (a driver's statement
 * class has {@code Statement} in its name), so only classes with a plausible name are parsed to check
 * their supertypes, and every other class is still decided on its name alone.
 */
public final class PresetTargets {
    public static final String JDK_HTTP = "jdk-http";
    public static final String APACHE_HTTP5 = "apache-http5";
    public static final String JDBC = "jdbc";
    public static final List<String> NAMES = Collections.unmodifiableList(Arrays.asList(JDK_HTTP, APACHE_HTTP5, JDBC));

    private PresetTargets() {
    }

    /** The rules of a preset, or null if there is no such preset. */
    public static List<MatchRule> rules(String preset, String where) {
        List<MatchRule> rules = new ArrayList<MatchRule>();
        if (preset.equals(JDK_HTTP)) {
            // The implementation behind HttpClient.newHttpClient() (the public class is a facade over it).
            // send and the two-argument sendAsync; the JDK's own send goes through a private sendAsync.
            rules.add(rule(preset, where, "jdk.internal.net.http.HttpClientImpl", false, "send*", null, true,
                    Arrays.asList("java.net.http.HttpRequest", "java.net.http.HttpResponse$BodyHandler")));
        } else if (preset.equals(APACHE_HTTP5)) {
            // Every classic execute overload ends in the protected doExecute(target, request, context),
            // which returns the whole response, before a response handler reads it.
            rules.add(rule(preset, where, "org.apache.hc.client5.http.impl.classic.CloseableHttpClient", true, "doExecute",
                    "org.apache.hc.client5.**", false, null));
        } else if (preset.equals(JDBC)) {
            // Batches are left alone: drivers clear a batch when it fails, so a re-run would send nothing.
            rules.add(rule(preset, where, "java.sql.Statement", true, "execute*", "**.*Statement*", true, null,
                    "executeBatch", "executeLargeBatch"));
            rules.add(rule(preset, where, "javax.sql.DataSource", true, "getConnection", "**.*DataSource*", true, null));
            rules.add(rule(preset, where, "java.sql.Driver", true, "connect", "**.*Driver*", true, null));
        } else {
            return null;
        }
        return rules;
    }

    private static MatchRule rule(String preset, String where, String type, boolean subtypes, String method,
                                  String nameHint, boolean publicOnly, List<String> params, String... excludes) {
        List<Glob> paramGlobs = null;
        if (params != null) {
            paramGlobs = new ArrayList<Glob>();
            for (String p : params) {
                paramGlobs.add(Glob.of(p));
            }
        }
        List<Glob> excluded = new ArrayList<Glob>();
        for (String e : excludes) {
            excluded.add(Glob.of(e));
        }
        return new MatchRule(Glob.of(type), subtypes, Glob.of(method), paramGlobs, false, excluded, where, preset,
                nameHint == null ? null : Glob.of(nameHint), publicOnly);
    }
}
