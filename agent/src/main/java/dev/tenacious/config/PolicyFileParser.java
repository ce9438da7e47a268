package dev.tenacious.config;

import dev.tenacious.discover.DiscoverSettings;
import dev.tenacious.log.Log;
import dev.tenacious.matching.Glob;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.matching.NeverWoven;
import dev.tenacious.presets.Presets;
import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.BulkheadConfig;
import dev.tenacious.runtime.policy.ChaosConfig;
import dev.tenacious.runtime.policy.CircuitBreakerConfig;
import dev.tenacious.runtime.policy.Durations;
import dev.tenacious.runtime.policy.FallbackConfig;
import dev.tenacious.runtime.policy.HttpConfig;
import dev.tenacious.runtime.policy.JdbcConfig;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a policy file (README's policy reference) into an immutable {@link PolicyFile} of
 * {@link PolicyConfig}s, the model the runtime uses. Safe YAML only: a node tree is composed (no object construction, so no
 * custom types), by {@link YamlSubset} for the YAML policy files are commonly written in and by SnakeYAML for
 * everything else (and every syntax error); tags are refused, merge keys are applied, and the size, the nesting and the values aliases expand to are limited. All errors are collected with their
 * file, line and column before anything is returned.
 */
public final class PolicyFileParser {
    static final int MAX_FILE_BYTES = PolicyFileBytes.MAX_BYTES;
    /** How deep lists and maps may nest where they are written (SnakeYAML's composer recurses). */
    static final int MAX_NESTING = 30;

    private static final List<String> TOP_KEYS = Arrays.asList("version", "settings", "defaults", "policies");
    private static final List<String> SETTINGS_KEYS = Arrays.asList("reload", "log", "summaryEvery", "dryRun", "chaos", "metrics", "discover");
    private static final List<String> DISCOVER_KEYS = Arrays.asList("out", "every", "skip");
    /** What {@code discover: false} reads as, apart from an invalid value (null). */
    private static final DiscoverSettings DISCOVER_OFF = DiscoverSettings.defaults();
    private static final List<String> METRICS_KEYS = Arrays.asList("jmx", "prometheus");
    private static final List<String> PROMETHEUS_KEYS = Arrays.asList("port", "host");
    private static final List<String> DEFAULTS_KEYS = Arrays.asList("mode", "retry", "circuitBreaker", "bulkhead",
            "fallback", "chaos", "http", "jdbc");
    private static final List<String> POLICY_KEYS = Arrays.asList("name", "mode", "match", "retry", "circuitBreaker",
            "bulkhead", "fallback", "chaos", "http", "jdbc");

    private static final List<String> MATCH_KEYS = Arrays.asList("class", "method", "params", "subtypes", "exclude", "preset",
            "annotation");
    private static final List<String> RETRY_KEYS = Arrays.asList("maxAttempts", "maxDuration", "backoff", "retryOn",
            "abortOn", "causes", "budget", "adaptive");
    private static final List<String> BACKOFF_KEYS = Arrays.asList("type", "initial", "multiplier", "max", "jitter");
    private static final List<String> BUDGET_KEYS = Arrays.asList("ratio", "minPerSecond");
    private static final List<String> MODES = Arrays.asList("enforce", "observe");
    private static final List<String> LOG_LEVELS = Arrays.asList("off", "error", "warn", "info", "debug");
    private static final List<String> BACKOFF_TYPES = Arrays.asList("exponential", "fixed", "linear", "random");
    private static final List<String> JITTERS = Arrays.asList("none", "full", "equal", "decorrelated");
    private static final List<String> PRESETS = Presets.names();


    private PolicyFileParser() {
    }

    /**
     * Reads and checks the file at {@code path}, within the limits of {@link PolicyFileBytes}: a regular
     * file of at most 1 MiB. Never throws.
     */
    public static ParseResult parse(Path path) {
        return parse(path, MAX_FILE_BYTES);
    }

    static ParseResult parse(Path path, int maxBytes) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = PolicyFileBytes.read(path, maxBytes);
        } catch (PolicyFileBytes.Refused e) {
            return single(name, 1, 1, e.getMessage());
        } catch (IOException e) {
            return single(name, 1, 1, "cannot read the file: " + e.getMessage());
        }
        return parse(name, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Checks {@code text}, read from {@code file}. Never throws: whatever the text, the result is a
     * valid file or errors with positions.
     */
    public static ParseResult parse(String file, String text) {
        try {
            return read(file, text);
        } catch (RuntimeException e) {
            // no read is meant to throw (the fuzz test holds the parser to that); if one does, the
            // agent still reports the file as invalid and keeps watching it, rather than failing to start
            return single(file, 1, 1, INTERNAL_ERROR + " (" + e + ")");
        } catch (StackOverflowError e) {
            return single(file, 1, 1, INTERNAL_ERROR + " (" + e + ")");
        }
    }

    /** The message of an error that is a bug in the agent, not in the file. */
    static final String INTERNAL_ERROR = "the agent failed while reading this file; please report it";

    /**
     * {@code -Dtenacious.yaml=full} reads every file with SnakeYAML, {@code check} with both, reporting a
     * difference between their trees as an error of the agent (the tests run so).
     */
    static final String YAML_READER_PROPERTY = "tenacious.yaml";

    private static ParseResult read(String file, String text) {
        String which = System.getProperty(YAML_READER_PROPERTY, "");
        YamlNode quick = "full".equals(which) ? null : YamlSubset.read(text);
        if (quick != null && !"check".equals(which)) {
            return readTree(file, quick, Collections.<YamlNode.Position>emptyList());
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by NodeReader, with both positions
        // aliases are bounded by the values they expand to (ExpandedTree), not by how many there are
        options.setMaxAliasesForCollections(ExpandedTree.MAX_VALUES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        org.yaml.snakeyaml.nodes.Node root;
        StreamReader reader = new StreamReader(new StringReader(text));
        CountingParser events = new CountingParser(new ParserImpl(reader, options), ExpandedTree.MAX_VALUES);
        try {
            // The composer alone: a node tree with positions, no object construction (so no custom
            // types), and none of the Yaml facade's representer, which would load java.beans at start-up.
            root = new Composer(events, new Resolver(), options).getSingleNode();
        } catch (CountingParser.TooManyValues e) {
            return refused(file, quick, e.at.getLine() + 1, e.at.getColumn() + 1, ExpandedTree.TOO_MANY_VALUES);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            if (m == null) {
                m = events.last();
            }
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            return refused(file, quick, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1,
                    "not valid YAML: " + what);
        } catch (YAMLException e) {
            // SnakeYAML's limits (nesting, size) say no position: the last event read is where it stopped
            Mark m = events.last();
            String what = e.getMessage() != null && e.getMessage().startsWith("Nesting Depth exceeded")
                    ? "lists and maps are nested more than " + MAX_NESTING + " deep" : e.getMessage();
            return refused(file, quick, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1,
                    "not accepted as YAML: " + what);
        } catch (RuntimeException e) {
            // SnakeYAML's own failures, such as a NumberFormatException for a "\x escape the file ends in
            Mark m = reader.getMark();
            return refused(file, quick, m.getLine() + 1, m.getColumn() + 1, "not valid YAML: the YAML reader stopped here (" + e + ")");
        }
        if (quick != null) {
            String difference = root == null ? "SnakeYAML read no node" : SameTree.difference(quick, SnakeYamlTree.of(root));
            if (difference != null) {
                return single(file, 1, 1, INTERNAL_ERROR + " (the two YAML readers disagree at " + difference + ")");
            }
        }
        List<YamlNode.Position> aliases = new ArrayList<YamlNode.Position>();
        for (AliasEvent alias : events.aliases) {
            aliases.add(SnakeYamlTree.at(alias.getStartMark()));
        }
        return readTree(file, SnakeYamlTree.of(root), aliases);
    }

    /** SnakeYAML's refusal of the file; an error of the agent if {@link YamlSubset} read it ({@code check}). */
    private static ParseResult refused(String file, YamlNode quick, int line, int column, String message) {
        return quick == null ? single(file, line, column, message)
                : single(file, 1, 1, INTERNAL_ERROR + " (the quick YAML reader read what SnakeYAML refuses: " + message + ")");
    }

    private static ParseResult readTree(String file, YamlNode root, List<YamlNode.Position> aliases) {
        NodeReader r = new NodeReader(file);
        if (root == null) {
            r.errors.add(new Problem(file, 1, 1, "", "the file is empty (expected version and policies)"));
            return new ParseResult(null, r.errors, r.warnings);
        }
        if (!ExpandedTree.prepare(r, root, aliases)) {
            return new ParseResult(null, r.errors, r.warnings);
        }
        PolicyFile parsed = new PolicyFileParser.Reading(r, file).top(root);
        return new ParseResult(parsed, r.errors, r.warnings);
    }

    private static ParseResult single(String file, int line, int column, String message) {
        List<Problem> errors = new ArrayList<Problem>();
        errors.add(new Problem(file, line, column, "", message));
        return new ParseResult(null, errors, new ArrayList<Problem>());
    }

    /** One pass over one file. */
    private static final class Reading {
        private final NodeReader r;
        private final String file;

        Reading(NodeReader r, String file) {
            this.r = r;
            this.file = file;
        }

        PolicyFile top(YamlNode root) {
            Map<String, YamlNode> top = r.map(root, "", TOP_KEYS);
            if (top == null) {
                return null;
            }
            if (top.containsKey("version")) {
                String version = r.scalar(top.get("version"), "version", "1");
                if (version != null && !version.equals("1")) {
                    r.error(top.get("version"), "version", "must be 1 (the only version of the policy file format), got '"
                            + version + "'");
                }
            }
            Settings settings = top.containsKey("settings") ? settings(top.get("settings")) : Settings.DEFAULT;
            Partial defaults = top.containsKey("defaults") ? partial(top.get("defaults"), "defaults", DEFAULTS_KEYS)
                    : new Partial();
            List<PolicyConfig> policies = new ArrayList<PolicyConfig>();
            YamlNode list = top.get("policies");
            if (list == null) {
                r.error(root, "policies", "missing (expected a list of policies, each with a name and a match list)");
                return null;
            }
            List<YamlNode> items = r.list(list, "policies");
            if (items == null) {
                return null;
            }
            Map<String, YamlNode> names = new HashMap<String, YamlNode>();
            for (int i = 0; i < items.size(); i++) {
                PolicyConfig p = policy(items.get(i), "policies[" + i + "]", defaults, names);
                if (p != null) {
                    policies.add(p);
                }
            }
            return settings == null ? null : new PolicyFile(file, settings, policies);
        }

        Settings settings(YamlNode n) {
            Map<String, YamlNode> m = r.map(n, "settings", SETTINGS_KEYS);
            if (m == null) {
                return null;
            }
            Settings d = Settings.DEFAULT;
            // boxed defaults throughout: a ternary mixing Boolean and boolean would unbox a failed (null) read
            Boolean reload = m.containsKey("reload") ? r.bool(m.get("reload"), "settings.reload") : Boolean.valueOf(d.reload());
            Log.Level log = d.log();
            if (m.containsKey("log")) {
                String s = r.oneOf(m.get("log"), "settings.log", LOG_LEVELS);
                log = s == null ? null : Log.Level.valueOf(s.toUpperCase(Locale.ROOT));
            }
            Long summary = m.containsKey("summaryEvery") ? r.duration(m.get("summaryEvery"), "settings.summaryEvery", true)
                    : Long.valueOf(d.summaryEveryNanos());
            Boolean dryRun = m.containsKey("dryRun") ? r.bool(m.get("dryRun"), "settings.dryRun") : Boolean.valueOf(d.dryRun());
            Boolean chaos = m.containsKey("chaos") ? r.bool(m.get("chaos"), "settings.chaos") : Boolean.valueOf(d.chaos());
            Boolean jmx = Boolean.valueOf(d.jmx());
            Integer port = Integer.valueOf(0);
            String host = d.prometheusHost();
            if (m.containsKey("metrics")) {
                Map<String, YamlNode> metrics = r.map(m.get("metrics"), "settings.metrics", METRICS_KEYS);
                if (metrics != null) {
                    if (metrics.containsKey("jmx")) {
                        jmx = r.bool(metrics.get("jmx"), "settings.metrics.jmx");
                    }
                    if (metrics.containsKey("prometheus")) {
                        YamlNode pn = metrics.get("prometheus");
                        Map<String, YamlNode> prom = r.map(pn, "settings.metrics.prometheus", PROMETHEUS_KEYS);
                        if (prom != null) {
                            if (!prom.containsKey("port")) {
                                r.error(pn, "settings.metrics.prometheus.port", "missing (expected a port from 1 to 65535)");
                            } else {
                                port = r.integer(prom.get("port"), "settings.metrics.prometheus.port", 1, 65535);
                            }
                            if (prom.containsKey("host")) {
                                host = host(prom.get("host"));
                            }
                        }
                    }
                }
            }
            DiscoverSettings discover = null;
            boolean discoverValid = true;
            if (m.containsKey("discover")) {
                discover = discover(m.get("discover"));
                discoverValid = discover != null;
                discover = discover == DISCOVER_OFF ? null : discover;
            }
            if (reload == null || log == null || summary == null || dryRun == null || chaos == null || jmx == null
                    || port == null || host == null || !discoverValid) {
                return null;
            }
            return new Settings(reload, log, summary, dryRun, chaos, jmx, port, host, discover);
        }

        /** {@code settings.discover}: true, false, or a map of out, every and skip; {@link #DISCOVER_OFF}, or null when invalid. */
        DiscoverSettings discover(YamlNode n) {
            String key = "settings.discover";
            if (n instanceof YamlScalar && !n.getTag().equals(YamlNode.NULL)) {
                Boolean on = r.bool(n, key);
                return on == null ? null : on ? DiscoverSettings.defaults() : DISCOVER_OFF;
            }
            Map<String, YamlNode> m = r.map(n, key, DISCOVER_KEYS);
            if (m == null) {
                return null;
            }
            String out = DiscoverSettings.DEFAULT_OUT;
            boolean valid = true;
            if (m.containsKey("out")) {
                out = r.string(m.get("out"), key + ".out");
                valid &= out != null;
            }
            Long every = m.containsKey("every") ? r.duration(m.get("every"), key + ".every", true)
                    : Long.valueOf(DiscoverSettings.DEFAULT_EVERY_NANOS);
            if (every != null && every > 0 && every < DiscoverSettings.MIN_EVERY_NANOS) {
                r.error(m.get("every"), key + ".every", "expected 0 (at exit only) or at least 1s, got '"
                        + ((YamlScalar) m.get("every")).getValue().trim() + "'");
                every = null;
            }
            valid &= every != null;
            List<String> skip = new ArrayList<String>();
            if (m.containsKey("skip")) {
                List<YamlNode> items = r.list(m.get("skip"), key + ".skip");
                valid &= items != null;
                for (int i = 0; items != null && i < items.size(); i++) {
                    String s = r.scalar(items.get(i), key + ".skip[" + i + "]", "a package or class name prefix such as com.acme.common.http");
                    if (s != null && (!Names.matches(Names.TYPE_NAME, s) || s.startsWith(".") || s.contains(".."))) {
                        r.error(items.get(i), key + ".skip[" + i + "]", "'" + s
                                + "' is not a package or class name prefix (expected one such as com.acme.common.http)");
                        s = null;
                    }
                    if (s == null) {
                        valid = false;
                    } else {
                        skip.add(s);
                    }
                }
            }
            return valid ? new DiscoverSettings(out.trim(), every, skip) : null;
        }

        String host(YamlNode n) {
            String key = "settings.metrics.prometheus.host";
            String host = r.scalar(n, key, "a host name or an IP address");
            String normalized = host == null ? null : HostNames.normalize(host);
            if (host != null && normalized == null) {
                r.error(n, key, "expected a host name, an IPv4 address or an IPv6 address (such as metrics.internal,"
                        + " 127.0.0.1, ::1 or [::1]), got '" + host + "'");
            }
            return normalized;
        }

        /** The keys a policy and {@code defaults} share, before merging. */
        Partial partial(YamlNode n, String key, List<String> allowed) {
            Partial p = new Partial();
            Map<String, YamlNode> m = r.map(n, key, allowed);
            if (m == null) {
                p.valid = false;
                return p;
            }
            p.keys = m;
            if (m.containsKey("mode")) {
                String mode = r.oneOf(m.get("mode"), NodeReader.path(key, "mode"), MODES);
                p.valid &= mode != null;
                p.observe = mode == null ? null : mode.equals("observe");
            }
            if (m.containsKey("retry")) {
                p.retry = retry(m.get("retry"), NodeReader.path(key, "retry"));
                p.valid &= p.retry.valid;
            }
            if (m.containsKey("circuitBreaker")) {
                p.breaker = Sections.breaker(r, m.get("circuitBreaker"), NodeReader.path(key, "circuitBreaker"));
                p.valid &= p.breaker.valid;
            }
            if (m.containsKey("bulkhead")) {
                p.bulkhead = Sections.bulkhead(r, m.get("bulkhead"), NodeReader.path(key, "bulkhead"));
                p.valid &= p.bulkhead != null;
            }
            if (m.containsKey("fallback")) {
                p.fallback = Sections.fallback(r, m.get("fallback"), NodeReader.path(key, "fallback"));
                p.valid &= p.fallback != null;
            }
            if (m.containsKey("chaos")) {
                p.chaos = Sections.chaos(r, m.get("chaos"), NodeReader.path(key, "chaos"));
                p.valid &= p.chaos != null;
            }
            if (m.containsKey("http")) {
                p.http = Sections.http(r, m.get("http"), NodeReader.path(key, "http"));
                p.valid &= p.http != null;
            }
            if (m.containsKey("jdbc")) {
                p.jdbc = Sections.jdbc(r, m.get("jdbc"), NodeReader.path(key, "jdbc"));
                p.valid &= p.jdbc != null;
            }
            return p;
        }

        PolicyConfig policy(YamlNode n, String key, Partial defaults, Map<String, YamlNode> names) {
            String declared = peekName(n);
            if (declared != null && Names.matches(Names.POLICY, declared) && !names.containsKey(declared)) {
                key = "policies[" + declared + "]"; // errors inside a policy name it, not its index
            }
            Partial own = partial(n, key, POLICY_KEYS);
            if (own.keys == null) {
                return null;
            }
            Map<String, YamlNode> m = own.keys;
            String name = null;
            if (!m.containsKey("name")) {
                r.error(n, NodeReader.path(key, "name"), "missing (expected a unique name of letters, digits, '-', '_', '.')");
            } else {
                YamlNode nameNode = m.get("name");
                name = r.string(nameNode, NodeReader.path(key, "name"));
                if (name != null && !Names.matches(Names.POLICY, name)) {
                    r.error(nameNode, NodeReader.path(key, "name"), "'" + name + "' is not a valid name (expected letters, digits, '-', '_', '.')");
                    name = null;
                } else if (name != null && names.containsKey(name)) {
                    r.error(nameNode, NodeReader.path(key, "name"), "duplicate policy name '" + name
                            + "' (first used at line " + (names.get(name).getStartMark().getLine() + 1) + ")");
                    name = null;
                } else if (name != null) {
                    names.put(name, nameNode);
                }
            }
            List<MatchRule> rules = null;
            if (!m.containsKey("match")) {
                r.error(n, NodeReader.path(key, "match"), "missing (expected a list of {class, method}, {annotation} or {preset} entries)");
            } else {
                rules = matchList(m.get("match"), NodeReader.path(key, "match"));
            }
            RetryConfig retry = mergeRetry(own.retry, defaults.retry, n, NodeReader.path(key, "retry"));
            CircuitBreakerConfig breaker = Sections.mergeBreaker(r, own.breaker, defaults.breaker,
                    NodeReader.path(key, "circuitBreaker"));
            if (name == null || rules == null || retry == null || !own.valid || !defaults.valid
                    || (breaker == null && (own.breaker != null || defaults.breaker != null))) {
                return null;
            }
            Boolean observe = own.observe != null ? own.observe : defaults.observe;
            checkPresetKeys(n, key, m, rules, breaker);
            return PolicyConfig.builder(name).observe(Boolean.TRUE.equals(observe)).rules(rules).retry(retry)
                    .circuitBreaker(breaker)
                    .bulkhead(own.bulkhead != null ? own.bulkhead : defaults.bulkhead)
                    .fallback(own.fallback != null ? own.fallback : defaults.fallback)
                    .chaos(own.chaos != null ? own.chaos : defaults.chaos)
                    .http(own.http != null ? own.http : defaults.http)
                    .jdbc(own.jdbc != null ? own.jdbc : defaults.jdbc)
                    .where(r.where(n)).build();
        }

        /**
         * Warns about keys read only for HTTP calls (by an HTTP preset, or for an application method's
         * requests) on a policy that has neither, about host breakers without an HTTP preset, and about
         * a {@code jdbc} block without the jdbc preset.
         */
        private void checkPresetKeys(YamlNode n, String key, Map<String, YamlNode> m, List<MatchRule> rules,
                                     CircuitBreakerConfig breaker) {
            boolean jdbc = false;
            for (MatchRule rule : rules) {
                jdbc |= JdbcPreset.NAME.equals(rule.preset());
            }
            if (m.containsKey("jdbc") && !jdbc) {
                r.warning(m.get("jdbc"), NodeReader.path(key, "jdbc"),
                        "jdbc is read only by the jdbc preset; this policy does not name it");
            }
            boolean httpPreset = false;
            boolean applicationMethods = false;
            for (MatchRule rule : rules) {
                Preset preset = rule.preset() == null ? null : Presets.forName(rule.preset());
                httpPreset |= preset != null && preset.readsHttp();
                applicationMethods |= rule.preset() == null;
            }
            String http = String.join(", ", Presets.httpNames());
            if (m.containsKey("http") && !httpPreset && !applicationMethods) {
                r.warning(m.get("http"), NodeReader.path(key, "http"), "http is read by the HTTP presets (" + http
                        + ") and for the requests of application methods; this policy has neither");
            }
            if (breaker != null && breaker.scope() == CircuitBreakerConfig.Scope.HOST && !httpPreset) {
                r.warning(n, NodeReader.path(key, "circuitBreaker.scope"),
                        "scope host needs an HTTP preset (" + http + "); this policy's breaker is per policy");
            }
        }

        private static String peekName(YamlNode n) {
            if (n instanceof YamlMap) {
                for (YamlEntry t : ((YamlMap) n).getValue()) {
                    if (t.getKeyNode() instanceof YamlScalar && ((YamlScalar) t.getKeyNode()).getValue().equals("name")
                            && t.getValueNode() instanceof YamlScalar) {
                        return ((YamlScalar) t.getValueNode()).getValue().trim();
                    }
                }
            }
            return null;
        }

        List<MatchRule> matchList(YamlNode n, String key) {
            List<YamlNode> items = r.list(n, key);
            if (items == null) {
                return null;
            }
            if (items.isEmpty()) {
                r.error(n, key, "empty (expected at least one {class, method} or {preset} entry)");
                return null;
            }
            List<MatchRule> rules = new ArrayList<MatchRule>();
            boolean valid = true;
            for (int i = 0; i < items.size(); i++) {
                String itemKey = key + "[" + i + "]";
                Map<String, YamlNode> m = r.map(items.get(i), itemKey, MATCH_KEYS);
                if (m == null) {
                    valid = false;
                    continue;
                }
                if (m.containsKey("preset")) {
                    String preset = r.oneOf(m.get("preset"), itemKey + ".preset", PRESETS);
                    if (m.containsKey("class") || m.containsKey("method") || m.containsKey("annotation")) {
                        r.error(items.get(i), itemKey, "give either preset or class/method/annotation, not both");
                        valid = false;
                    } else if (preset != null) {
                        rules.addAll(Presets.forName(preset).targets(r.where(items.get(i))));
                    } else {
                        valid = false;
                    }
                    continue;
                }
                MatchRule rule = matchRule(items.get(i), m, itemKey);
                if (rule == null) {
                    valid = false;
                } else {
                    rules.add(rule);
                }
            }
            return valid ? rules : null;
        }

        MatchRule matchRule(YamlNode item, Map<String, YamlNode> m, String key) {
            String annotation = null;
            if (m.containsKey("annotation")) {
                annotation = pattern(m.get("annotation"), key + ".annotation", Names.CLASS_PATTERN,
                        "an annotation type's binary name such as org.springframework.transaction.annotation.Transactional");
                if (annotation == null) {
                    return null;
                }
                if (m.containsKey("subtypes")) {
                    r.error(m.get("subtypes"), key + ".subtypes", "subtypes does not combine with annotation (what a class"
                            + " inherits does not count; narrow the classes with class)");
                    return null;
                }
            } else if (!m.containsKey("class")) {
                r.error(item, key + ".class", "missing (expected a class name pattern such as com.acme.**.*Client,"
                        + " an annotation, or a preset)");
                return null;
            }
            String classPattern = !m.containsKey("class") ? "**" : pattern(m.get("class"), key + ".class", Names.CLASS_PATTERN,
                    "a binary class name pattern such as com.acme.PaymentClient or com.acme.**.*Client");
            String methodPattern = m.containsKey("method") ? pattern(m.get("method"), key + ".method", Names.METHOD_PATTERN,
                    "a method name pattern such as charge*") : "*";
            Boolean subtypes = m.containsKey("subtypes") ? r.bool(m.get("subtypes"), key + ".subtypes") : Boolean.FALSE;
            List<Glob> params = null;
            boolean openEnded = false;
            boolean valid = true;
            if (m.containsKey("params")) {
                List<YamlNode> items = r.list(m.get("params"), key + ".params");
                valid = items != null;
                params = new ArrayList<Glob>();
                for (int i = 0; items != null && i < items.size(); i++) {
                    String p = r.scalar(items.get(i), key + ".params[" + i + "]", "a parameter type such as java.lang.String or int");
                    if (p == null) {
                        valid = false;
                    } else if (p.equals("..")) {
                        if (i != items.size() - 1) {
                            r.error(items.get(i), key + ".params[" + i + "]", "'..' must be the last parameter");
                            valid = false;
                        }
                        openEnded = true;
                    } else if (!Names.matches(Names.TYPE_PATTERN, p)) {
                        r.error(items.get(i), key + ".params[" + i + "]", "'" + p
                                + "' is not a type (expected a type such as java.lang.String, int, byte[] or '..')");
                        valid = false;
                    } else {
                        params.add(Glob.of(p));
                    }
                }
            }
            List<Glob> excludes = new ArrayList<Glob>();
            if (m.containsKey("exclude")) {
                List<YamlNode> items = r.list(m.get("exclude"), key + ".exclude");
                valid &= items != null;
                for (int i = 0; items != null && i < items.size(); i++) {
                    String e = pattern(items.get(i), key + ".exclude[" + i + "]", Names.METHOD_PATTERN, "a method name pattern");
                    if (e == null) {
                        valid = false;
                    } else {
                        excludes.add(Glob.of(e));
                    }
                }
            }
            if (!valid || classPattern == null || methodPattern == null || subtypes == null) {
                return null;
            }
            MatchRule rule = annotation != null
                    ? MatchRule.ofAnnotation(Glob.of(annotation), Glob.of(classPattern), Glob.of(methodPattern), params,
                            openEnded, excludes, r.where(item))
                    : new MatchRule(Glob.of(classPattern), subtypes, Glob.of(methodPattern), params, openEnded,
                            excludes, r.where(item));
            NeverWoven.Problem never = m.containsKey("class") ? NeverWoven.check(rule) : null;
            if (never != null && never.fatal) {
                r.error(m.get("class"), key + ".class", "'" + classPattern + "' " + never.message);
                return null;
            }
            if (never != null) {
                r.warning(m.get("class"), key + ".class", "'" + classPattern + "' " + never.message);
            }
            return rule;
        }

        String pattern(YamlNode n, String key, int allowed, String expected) {
            String s = r.scalar(n, key, expected);
            if (s == null) {
                return null;
            }
            if (s.equals("<init>") || s.equals("<clinit>")) {
                r.error(n, key, "constructors and initialisers are never woven (expected " + expected + ")");
                return null;
            }
            if (!Names.matches(allowed, s)) {
                r.error(n, key, "'" + s + "' is not a valid pattern (expected " + expected + ")");
                return null;
            }
            return s;
        }

        RetryPartial retry(YamlNode n, String key) {
            RetryPartial p = new RetryPartial();
            p.node = n;
            Map<String, YamlNode> m = r.map(n, key, RETRY_KEYS);
            if (m == null) {
                p.valid = false;
                return p;
            }
            RetryConfig.Builder b = p.given;
            if (m.containsKey("maxAttempts")) {
                Integer v = r.integer(m.get("maxAttempts"), key + ".maxAttempts", 1, 1000);
                if (v == null) {
                    p.valid = false;
                } else {
                    b.maxAttempts(v);
                }
            }
            if (m.containsKey("maxDuration")) {
                Long v = r.duration(m.get("maxDuration"), key + ".maxDuration", false);
                if (v == null) {
                    p.valid = false;
                } else {
                    b.maxDurationNanos(v);
                }
            }
            if (m.containsKey("backoff")) {
                backoff(m.get("backoff"), key + ".backoff", p);
            }
            if (m.containsKey("retryOn")) {
                List<String> v = typeNames(m.get("retryOn"), key + ".retryOn");
                if (v == null) {
                    p.valid = false;
                } else {
                    b.retryOn(v);
                }
            }
            if (m.containsKey("abortOn")) {
                List<String> v = typeNames(m.get("abortOn"), key + ".abortOn");
                if (v == null) {
                    p.valid = false;
                } else {
                    b.abortOn(v);
                }
            }
            if (m.containsKey("causes")) {
                Boolean v = r.bool(m.get("causes"), key + ".causes");
                if (v == null) {
                    p.valid = false;
                } else {
                    b.causes(v);
                }
            }
            if (m.containsKey("budget")) {
                BudgetConfig v = budget(m.get("budget"), key + ".budget");
                if (v == null) {
                    p.valid = false;
                } else {
                    b.budget(v);
                }
            }
            if (m.containsKey("adaptive")) {
                Boolean v = r.bool(m.get("adaptive"), key + ".adaptive");
                if (v == null) {
                    p.valid = false;
                } else {
                    b.adaptive(v);
                }
            }
            return p;
        }

        void backoff(YamlNode n, String key, RetryPartial p) {
            Map<String, YamlNode> m = r.map(n, key, BACKOFF_KEYS);
            if (m == null) {
                p.valid = false;
                return;
            }
            p.backoffNode = n;
            RetryConfig.Builder b = p.given;
            if (m.containsKey("type")) {
                String t = r.oneOf(m.get("type"), key + ".type", BACKOFF_TYPES);
                if (t == null) {
                    p.valid = false;
                } else {
                    b.backoffType(BackoffType.valueOf(t.toUpperCase(Locale.ROOT)));
                }
            }
            if (m.containsKey("initial")) {
                Long v = r.duration(m.get("initial"), key + ".initial", true);
                if (v == null) {
                    p.valid = false;
                } else {
                    b.initialNanos(v);
                }
            }
            if (m.containsKey("multiplier")) {
                Double v = r.number(m.get("multiplier"), key + ".multiplier", 1.0, 100.0);
                if (v == null) {
                    p.valid = false;
                } else {
                    b.multiplier(v);
                }
            }
            if (m.containsKey("max")) {
                Long v = r.duration(m.get("max"), key + ".max", false);
                if (v == null) {
                    p.valid = false;
                } else {
                    b.maxNanos(v);
                }
            }
            if (m.containsKey("jitter")) {
                String j = r.oneOf(m.get("jitter"), key + ".jitter", JITTERS);
                if (j == null) {
                    p.valid = false;
                } else {
                    b.jitter(Jitter.valueOf(j.toUpperCase(Locale.ROOT)));
                }
            }
        }

        BudgetConfig budget(YamlNode n, String key) {
            if (n instanceof YamlScalar && !n.getTag().equals(YamlNode.NULL)) {
                Boolean on = r.bool(n, key);
                if (on == null) {
                    return null;
                }
                return on ? BudgetConfig.DEFAULT : BudgetConfig.OFF;
            }
            Map<String, YamlNode> m = r.map(n, key, BUDGET_KEYS);
            if (m == null) {
                return null;
            }
            // boxed defaults: a ternary mixing Double and double would unbox a failed (null) read
            Double ratio = m.containsKey("ratio") ? r.rate(m.get("ratio"), key + ".ratio", 10.0)
                    : Double.valueOf(BudgetConfig.DEFAULT_RATIO);
            Integer min = m.containsKey("minPerSecond") ? r.integer(m.get("minPerSecond"), key + ".minPerSecond", 0, 1_000_000)
                    : Integer.valueOf(BudgetConfig.DEFAULT_MIN_PER_SECOND);
            return ratio == null || min == null ? null : new BudgetConfig(true, ratio, min);
        }

        List<String> typeNames(YamlNode n, String key) {
            List<YamlNode> items = r.list(n, key);
            if (items == null) {
                return null;
            }
            List<String> names = new ArrayList<String>();
            boolean valid = true;
            for (int i = 0; i < items.size(); i++) {
                String s = r.scalar(items.get(i), key + "[" + i + "]", "an exception class name such as java.io.IOException");
                if (s == null) {
                    valid = false;
                } else if (!Names.matches(Names.TYPE_NAME, s) || !s.contains(".")) {
                    r.error(items.get(i), key + "[" + i + "]", "'" + s
                            + "' is not a fully qualified class name (expected one such as java.io.IOException)");
                    valid = false;
                } else {
                    names.add(s);
                }
            }
            return valid ? names : null;
        }

        /** Own value, else {@code defaults}, else built-in; then the checks that need the merged values. */
        RetryConfig mergeRetry(RetryPartial own, RetryPartial defaults, YamlNode policyNode, String key) {
            RetryPartial o = own != null ? own : new RetryPartial();
            RetryPartial d = defaults != null ? defaults : new RetryPartial();
            if (!o.valid) {
                return null;
            }
            RetryConfig retry = o.given.over(d.given).build();
            long initial = retry.backoff().initialNanos();
            long max = retry.backoff().maxNanos();
            YamlNode at = o.backoffNode != null ? o.backoffNode : o.node != null ? o.node : policyNode;
            if (initial > max) {
                r.error(at, key + ".backoff", "initial (" + Durations.format(initial)
                        + ") is greater than max (" + Durations.format(max) + ")");
                return null;
            }
            if (retry.backoff().type() == BackoffType.RANDOM && initial == max) {
                r.error(at, key + ".backoff", "type random waits between initial and max, so max must be greater than initial");
                return null;
            }
            return retry;
        }
    }

    /** A policy's or {@code defaults}' keys before merging. */
    private static final class Partial {
        boolean valid = true;
        Map<String, YamlNode> keys;
        Boolean observe;
        RetryPartial retry;
        Sections.BreakerPartial breaker;
        BulkheadConfig bulkhead;
        FallbackConfig fallback;
        ChaosConfig chaos;
        HttpConfig http;
        JdbcConfig jdbc;
    }

    /** A {@code retry} block before merging: what it gives, and where, for errors found after merging. */
    private static final class RetryPartial {
        boolean valid = true;
        YamlNode node;
        YamlNode backoffNode;
        final RetryConfig.Builder given = RetryConfig.builder();
    }
}
