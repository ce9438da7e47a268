package dev.tenacious.weaving;

import dev.tenacious.config.Changes;
import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileBytes;
import dev.tenacious.config.PolicyFile;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.PolicyStates;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies edits of the policy file while the application runs. It reads the file once a second and
 * compares contents, which catches every way a file changes: an editor writing in place, an atomic
 * rename, and a Kubernetes ConfigMap mount swapping its {@code ..data} symlink (a watch on the file
 * itself misses that one). A change is read again after a short pause, so a half-written file is
 * not taken for an invalid one.
 *
 * <p>A valid edit is compiled and published in one step: parameters apply on the next call, policies
 * that keep their name keep their state, and only loaded classes whose matching rules changed are
 * retransformed. An invalid edit is reported with its positions and the policies in force stay.
 */
public final class PolicyReloader implements Runnable {
    static final long SETTLE_MILLIS = 150;

    private volatile File file;
    private final SiteRegistry registry;
    private final PolicyStates states;
    private final Instrumentation inst;
    private byte[] seen;
    /** Why the file could not be read last time, or null: said once, not every second. */
    private String unreadable;

    /** @param seen the content the policies in force were read from (null: none), so an edit made since is seen */
    public PolicyReloader(File file, byte[] seen, SiteRegistry registry, PolicyStates states, Instrumentation inst) {
        this.file = file;
        this.registry = registry;
        this.states = states;
        this.inst = inst;
        this.seen = seen;
    }

    /** The file's content, or null (after saying why, once per reason) when it cannot be read as a policy file. */
    private byte[] read() {
        try {
            byte[] bytes = PolicyFileBytes.read(file.toPath());
            unreadable = null;
            return bytes;
        } catch (IOException e) {
            if (file.exists() && !String.valueOf(e.getMessage()).equals(unreadable)) {
                Log.error("cannot read " + file + ": " + e.getMessage() + "; the policies in force stay");
            }
            unreadable = e.getMessage();
            return null;
        }
    }

    /** Called once a second by the ticker. */
    @Override
    public synchronized void run() {
        byte[] now = read();
        if (now == null || Arrays.equals(now, seen)) {
            return; // a file that vanished for a moment (rename in progress) keeps the policies in force
        }
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        byte[] settled = read();
        if (settled == null || !Arrays.equals(now, settled)) {
            return; // still being written: look again next second
        }
        seen = settled;
        load(settled);
    }

    /**
     * Watches {@code next} from now on and applies it at once (an attach that names a policy file).
     *
     * @return the outcome in one line, {@code ok: ...} or {@code error: ...}
     */
    synchronized String applyNow(File next) {
        file = next;
        byte[] bytes = read();
        if (bytes == null) {
            return "error: cannot read " + next + ": " + unreadable + "; the policies in force stay";
        }
        seen = bytes;
        return load(bytes);
    }

    /** Parses and, when valid, applies; every problem is logged with its position. */
    private String load(byte[] bytes) {
        ParseResult result = PolicyFileParser.parse(file.getPath(), new String(bytes, StandardCharsets.UTF_8));
        AgentInstaller.logProblems(result);
        if (!result.isValid()) {
            Log.error("reload of " + file + " rejected (" + AgentInstaller.errors(result) + "); the policies in force stay");
            return "error: " + AgentInstaller.errors(result) + " in " + file + " (the application's stderr lists them);"
                    + " the policies in force stay";
        }
        return "ok: " + apply(result.file());
    }

    /** @return the reload line's text after {@code reloaded } */
    String apply(PolicyFile next) {
        ActivePolicies before = registry.active();
        ActivePolicies after = ActivePolicies.compile(next, states);
        Log.setLevel(next.settings().log());
        List<Class<?>> affected = affectedClasses(before, after);
        registry.apply(after);
        int rewoven = AgentInstaller.retransform(inst, affected);
        String what = file + ": " + Changes.between(before.file(), next) + "; " + rewoven
                + (rewoven == 1 ? " class" : " classes") + " re-woven";
        Log.info("reloaded " + what);
        return "applied " + what;
    }

    /** Loaded classes whose set of matching rules differs between the two versions. */
    private List<Class<?>> affectedClasses(ActivePolicies before, ActivePolicies after) {
        List<Class<?>> affected = new ArrayList<Class<?>>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                if (c.isArray() || c.isPrimitive() || PolicyTransformer.isOurs(c.getName().replace('.', '/'))) {
                    continue;
                }
                boolean newly = after.matcher().mayMatchClassName(c.getName());
                boolean formerly = before.matcher().mayMatchClassName(c.getName());
                if (!newly && !formerly) {
                    continue;
                }
                LoadedClass type = new LoadedClass(c);
                if (newly && !rulesFor(after, type).equals(rulesFor(before, type)) && inst.isModifiableClass(c)) {
                    affected.add(c); // gains or changes rules: weave it again; a class that loses all keeps dormant advice
                }
            } catch (Throwable e) {
                // a class whose hierarchy cannot be read is left as it is
            }
        }
        return affected;
    }

    private static TreeSet<String> rulesFor(ActivePolicies policies, LoadedClass type) {
        TreeSet<String> rules = new TreeSet<String>();
        if (!policies.matcher().mayMatchClassName(type.className())) {
            return rules;
        }
        for (List<MatchRule> list : policies.matcher().rulesByPolicy()) {
            for (MatchRule r : list) {
                if (r.matchesType(type)) {
                    rules.add(r.toString());
                }
            }
        }
        return rules;
    }
}
