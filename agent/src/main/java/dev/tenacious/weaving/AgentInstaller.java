package dev.tenacious.weaving;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileBytes;
import dev.tenacious.config.PolicyFile;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.config.Problem;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.DaemonThreads;
import dev.tenacious.observe.Summary;
import dev.tenacious.config.Settings;
import dev.tenacious.discover.DiscoverArgument;
import dev.tenacious.discover.DiscoverSettings;
import dev.tenacious.discover.Discovery;
import dev.tenacious.observe.JmxExporter;
import dev.tenacious.observe.PrometheusEndpoint;
import dev.tenacious.presets.Presets;
import dev.tenacious.runtime.Policy;
import dev.tenacious.runtime.Preset;
import dev.tenacious.runtime.decision.PolicyState;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.decision.Ticker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts the agent once the runtime is in the bootstrap loader: reads the policy file, registers the
 * transformer, weaves classes that are already loaded, and logs what it did. Nothing here may stop
 * the application: every failure is logged and the application runs without the agent.
 */
public final class AgentInstaller {
    /** When to report patterns that matched nothing; {@code -Dtenacious.unmatchedCheckSeconds} overrides it. */
    static final int UNMATCHED_CHECK_SECONDS = Integer.getInteger("tenacious.unmatchedCheckSeconds", 30);
    private static final int RETRANSFORM_BATCH = 50;
    /** Edits are seen within this plus the settle pause: well inside the contract's 2 s. */
    static final long RELOAD_POLL_NANOS = 1_000_000_000L;
    /** MBeans are registered off the start-up path, then checked for new policies every few seconds. */
    static final long METRICS_REGISTER_NANOS = 2_000_000_000L;
    /** How often the sites of classes whose loader was collected are released. */
    static final long RELEASE_UNLOADED_NANOS = 5_000_000_000L;
    /** What a second start (an attach into a JVM that has the agent) works with; null until the first. */
    private static Installed installed;

    /** The running agent's parts that a later attach with a policy file needs. */
    private static final class Installed {
        final SiteRegistry registry;
        /** Watches the file (when reload is on) and applies the one a later attach gives. */
        final PolicyReloader reloader;

        Installed(SiteRegistry registry, PolicyReloader reloader) {
            this.registry = registry;
            this.reloader = reloader;
        }
    }

    private AgentInstaller() {
    }

    /** What {@code AgentMain} calls, once the runtime is in the bootstrap loader. */
    public static final class Start implements dev.tenacious.agent.Installer {
        @Override
        public String install(String argument, Instrumentation inst, boolean premain, String agentJar, String runtime,
                              long start) {
            return AgentInstaller.install(argument, inst, premain, agentJar, runtime, start);
        }
    }

    /**
     * The agent's start ({@link Start}).
     *
     * @param runtime how the runtime got there, for the start-up line
     * @param start   when the agent's start began ({@code System.nanoTime()}), for the start-up line
     * @return the outcome in one line, {@code ok: ...} or {@code error: ...}: an attach reports it
     */
    public static synchronized String install(String argument, Instrumentation inst, boolean premain, String agentJar,
                                              String runtime, long start) {
        if (installed != null) {
            return attachAgain(argument);
        }
        DiscoverSettings discoverOnly = DiscoverArgument.parse(argument);
        if (discoverOnly != null) {
            return installDiscoveryOnly(discoverOnly, inst, premain, agentJar, runtime, start);
        }
        StringBuilder missing = new StringBuilder();
        File policyFile = PolicyLocator.locate(argument, missing);
        if (policyFile == null) {
            return "error: " + missing;
        }
        String outcome;
        byte[] content = null;
        ParseResult result;
        try {
            content = PolicyFileBytes.read(policyFile.toPath());
            result = PolicyFileParser.parse(policyFile.toPath().toString(), new String(content, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            result = PolicyFileParser.parse(policyFile.toPath()); // says why, as an error of the file
        }
        logProblems(result);
        PolicyFile file = result.file();
        if (result.isValid()) {
            Log.setLevel(file.settings().log());
        }
        if (result.isValid() && file.settings().discover() != null) {
            Discovery.start(file.settings().discover(), inst); // before anything is woven: every call is heard
        }
        if (!result.isValid()) {
            Log.error(errors(result) + " in " + policyFile
                    + "; the application runs without Tenacious until the file is fixed (it is watched)");
            // start with no policies, so that a fixed file is picked up by the reloader
            file = PolicyFile.empty(policyFile.getPath());
            outcome = "error: " + errors(result) + " in " + policyFile + " (the application's stderr lists them); the agent"
                    + " runs without policies and watches the file";
        } else {
            outcome = "ok: started with " + policyFile + ", " + file.policies().size()
                    + (file.policies().size() == 1 ? " policy" : " policies");
        }
        Log.setLevel(file.settings().log());
        PolicyStates states = new PolicyStates();
        ActivePolicies active = ActivePolicies.compile(file, states);
        SiteRegistry registry = new SiteRegistry(active);
        PolicyTransformer transformer = new PolicyTransformer(registry, new File(agentJar), inst);
        inst.addTransformer(transformer, true);
        // made now, with what was parsed: an edit written while the agent starts is a change it sees
        installed = new Installed(registry, new PolicyReloader(policyFile, content, registry, states, inst));
        if (warmUpWeaver(active)) {
            transformer.warmUpInBackground();
        }
        int retransformed = retransformLoaded(inst, registry, premain);

        Log.info("started from " + (premain ? "-javaagent" : "attach") + " with " + policyFile
                + (file.settings().dryRun() ? " (dryRun: observe only)" : "")
                + (retransformed > 0 ? "; " + retransformed + " loaded classes retransformed" : "")
                + " (" + (System.nanoTime() - start) / 1_000_000 + " ms; " + runtime + ")");
        int[] woven = registry.methodsPerPolicy();
        for (int i = 0; i < active.size() && Log.isInfo(); i++) {
            Policy p = active.policy(i);
            Log.info("policy " + p.name() + ": " + p.describe() + "; " + woven[i]
                    + (woven[i] == 1 ? " method" : " methods") + " woven so far");
            for (String stacking : Presets.stacking(p.config().rules(), p.config().retry().maxAttempts())) {
                Log.info("policy " + p.name() + ": " + stacking);
            }
        }
        warnAboutPresetsThisJvmCannotRun(active);
        if (active.size() == 0 && result.isValid()) {
            Log.warn(policyFile + " has no policies; nothing will be woven");
        }
        startInBackground(file, states, registry, transformer, policyFile, inst);
        return outcome;
    }

    /**
     * {@code discover[=PATH]}: no policy file, nothing retried; every HTTP and JDBC call is watched and
     * the starter policy file written. Set up as a start with a file whose only setting is discovery,
     * with nothing to reload.
     */
    private static String installDiscoveryOnly(DiscoverSettings discover, Instrumentation inst, boolean premain,
                                               String agentJar, String runtime, long start) {
        PolicyFile file = new PolicyFile("discover", new Settings(false, Log.Level.INFO, 0, false, false, true, 0,
                "127.0.0.1", discover), java.util.Collections.<dev.tenacious.runtime.policy.PolicyConfig>emptyList());
        Log.setLevel(file.settings().log());
        Discovery.start(discover, inst);
        PolicyStates states = new PolicyStates();
        ActivePolicies active = ActivePolicies.compile(file, states);
        SiteRegistry registry = new SiteRegistry(active);
        PolicyTransformer transformer = new PolicyTransformer(registry, new File(agentJar), inst);
        inst.addTransformer(transformer, true);
        installed = new Installed(registry, null);
        int retransformed = retransformLoaded(inst, registry, premain);
        Log.info("started from " + (premain ? "-javaagent" : "attach") + " in discovery mode, with no policy file: nothing is"
                + " retried" + (retransformed > 0 ? "; " + retransformed + " loaded classes retransformed" : "")
                + " (" + (System.nanoTime() - start) / 1_000_000 + " ms; " + runtime + ")");
        startInBackground(file, states, registry, transformer, null, inst);
        return "ok: started in discovery mode (nothing is retried), writing " + new File(discover.out()).getAbsolutePath();
    }

    /**
     * An attach into a JVM that already runs the agent: a policy file given applies as a reload would
     * (and is the file watched from then on); without one there is nothing to do, and that is said.
     */
    private static String attachAgain(String argument) {
        if (installed.reloader == null) {
            Log.warn("the agent is already installed in this JVM in discovery mode, with no policy file; restart the"
                    + " application with -javaagent:tenacious-agent.jar=POLICIES to apply one");
            return "error: the agent runs in discovery mode in this JVM; a policy file needs a restart with it";
        }
        if (argument == null || argument.trim().isEmpty()) {
            String running = installed.registry.active().file().path();
            Log.warn("the agent is already installed in this JVM (policies from " + running + "); the second start"
                    + " without a policy file changes nothing");
            return "error: the agent is already installed (policies from " + running + "); give a policy file to apply it";
        }
        File file = new File(argument.trim());
        if (!file.isFile()) {
            Log.warn("policy file " + file.getAbsolutePath() + " (from the attach) not found; the policies in force stay");
            return "error: policy file " + file.getAbsolutePath() + " not found; the policies in force stay";
        }
        return installed.reloader.applyNow(file);
    }

    /** Every warning and error of a parse, one line each, with its position. */
    static void logProblems(ParseResult result) {
        for (Problem w : result.warnings()) {
            Log.warn(w.toString());
        }
        for (Problem e : result.errors()) {
            Log.error(e.toString());
        }
    }

    static String errors(ParseResult result) {
        int n = result.errors().size();
        return n + (n == 1 ? " error" : " errors");
    }

    /**
     * The ticker, reloader, metrics and checks are set up on a short-lived daemon thread: building a
     * scheduled executor loads some forty JDK classes that the default class-data archive lacks, and
     * none of it needs to hold up the application's main.
     */
    private static void startInBackground(final PolicyFile file, final PolicyStates states, final SiteRegistry registry,
                                          final PolicyTransformer transformer, final File policyFile,
                                          final Instrumentation inst) {
        DaemonThreads.newThread(new Runnable() {
            @Override
            public void run() {
                try {
                    startBackgroundWork(file, states, registry, transformer, policyFile, inst);
                } catch (Throwable e) {
                    Log.error("the agent's background tasks could not start (no reload, metrics or summaries): " + e, e);
                }
            }
        }, "tenacious-start").start();
    }

    private static void startBackgroundWork(PolicyFile file, PolicyStates states, final SiteRegistry registry,
                                            final PolicyTransformer transformer, File policyFile, Instrumentation inst) {
        Ticker ticker = new Ticker(states);
        ticker.every("release", new Runnable() {
            @Override
            public void run() {
                transformer.releaseUnloaded();
                registry.active().pruneKeyedBreakers(registry.liveMethods());
            }
        }, RELEASE_UNLOADED_NANOS);
        final Settings settings = file.settings();
        final PolicyStates allStates = states;
        if (settings.jmx()) {
            ticker.every("jmx", new JmxExporter(states), METRICS_REGISTER_NANOS);
        }
        if (settings.prometheusPort() > 0) {
            ticker.schedule("prometheus", new Runnable() {
                @Override
                public void run() {
                    PrometheusEndpoint.start(settings.prometheusHost(), settings.prometheusPort(), allStates);
                }
            }, 0);
        }
        if (file.settings().reload() && installed.reloader != null) {
            ticker.every("reload", installed.reloader, RELOAD_POLL_NANOS);
        }
        ticker.schedule("unmatched-check", new Runnable() {
            @Override
            public void run() {
                reportWeaving(registry);
            }
        }, UNMATCHED_CHECK_SECONDS);
        long every = file.settings().summaryEveryNanos();
        if (every > 0) {
            ticker.every("summary", new Summary(new Summary.Source() {
                @Override
                public List<PolicyState> policies() {
                    return registry.active().states();
                }
            }), every);
        }
    }

    /**
     * Whether to load Byte Buddy on a background thread now rather than when the first class that
     * needs it loads: only when some policy is sure to need it ({@link WeaverChoice}). On 2 cores the
     * background loading competes with the application's own start-up and cost more than it hid
     * (see benchmarks/RESULTS.md), so by default it is on only with more cores.
     */
    static boolean warmUpWeaver(ActivePolicies active) {
        String setting = System.getProperty("tenacious.weaverWarmUp");
        if (setting != null && !Boolean.parseBoolean(setting)) {
            return false;
        }
        if (setting == null && Runtime.getRuntime().availableProcessors() <= 2) {
            return false;
        }
        return WeaverChoice.needsByteBuddy(active);
    }

    /** A policy naming a preset whose library needs a newer Java than this JVM's: it weaves nothing here. */
    static void warnAboutPresetsThisJvmCannotRun(ActivePolicies active) {
        int java = javaFeatureVersion();
        for (int i = 0; i < active.size(); i++) {
            Set<String> named = new LinkedHashSet<String>();
            for (MatchRule r : active.matcher().rulesByPolicy().get(i)) {
                if (r.preset() != null) {
                    named.add(r.preset());
                }
            }
            for (String name : named) {
                Preset preset = Presets.forName(name);
                if (preset.minimumJava() > java) {
                    Log.warn("policy " + active.policy(i).name() + ": preset " + name + " needs Java " + preset.minimumJava()
                            + " or later, and this JVM runs Java " + java + "; it weaves nothing here");
                }
            }
        }
    }

    /** 8 for "1.8", 11 for "11". */
    static int javaFeatureVersion() {
        String v = System.getProperty("java.specification.version", "8");
        try {
            return Integer.parseInt(v.startsWith("1.") ? v.substring(2) : v);
        } catch (NumberFormatException e) {
            return 8;
        }
    }

    static void reportWeaving(SiteRegistry registry) {
        ActivePolicies active = registry.active();
        int[] woven = registry.methodsPerPolicy();
        for (int i = 0; i < active.size(); i++) {
            Log.info("policy " + active.policy(i).name() + ": " + woven[i] + (woven[i] == 1 ? " method" : " methods")
                    + " woven after " + UNMATCHED_CHECK_SECONDS + " s");
        }
        for (MatchRule r : registry.unmatchedRules()) {
            Log.warn(r.where() + ": pattern " + r + " matched nothing loaded within " + UNMATCHED_CHECK_SECONDS
                    + " s of start-up");
        }
    }

    /**
     * Retransforms classes that were loaded before the transformer was registered and that a policy
     * may match (decided by name and, for subtypes rules, by reflection), in batches; a batch that
     * fails is retried one class at a time so one bad class cannot keep the others unwoven.
     */
    static int retransformLoaded(Instrumentation inst, SiteRegistry registry, boolean premain) {
        List<Class<?>> candidates = new ArrayList<Class<?>>();
        // at premain the bootstrap loader's classes are the JDK's (and ours): skipped unread, unless a
        // rule names a JDK package; on attach, the application's own may be there too
        boolean bootstrapMayMatch = !premain || registry.matcher().namesJdk();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                if (!bootstrapMayMatch && c.getClassLoader() == null) {
                    continue;
                }
                String name = c.getName();
                if (!registry.matcher().mayMatchClassName(name) || c.isArray() || c.isPrimitive()
                        || name.startsWith("dev.tenacious.") || name.startsWith("net.bytebuddy.")
                        || !registry.matcher().mayMatchType(new LoadedClass(c)) || !inst.isModifiableClass(c)) {
                    continue;
                }
                candidates.add(c);
            } catch (Throwable e) {
                // a class whose hierarchy cannot be read (missing supertype) is skipped
            }
        }
        return retransform(inst, candidates);
    }

    /** Retransforms {@code classes} in batches; returns how many were asked for. */
    static int retransform(Instrumentation inst, List<Class<?>> candidates) {
        for (int from = 0; from < candidates.size(); from += RETRANSFORM_BATCH) {
            List<Class<?>> batch = candidates.subList(from, Math.min(candidates.size(), from + RETRANSFORM_BATCH));
            try {
                inst.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Throwable batchError) {
                for (Class<?> c : batch) {
                    try {
                        inst.retransformClasses(c);
                    } catch (Throwable e) {
                        Log.warnOnce("retransform:" + c.getName(), "could not weave loaded class " + c.getName()
                                + "; it runs unchanged: " + e);
                    }
                }
            }
        }
        return candidates.size();
    }
}
