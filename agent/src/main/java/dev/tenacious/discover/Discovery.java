package dev.tenacious.discover;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.CallListener;
import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Exchange;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Discovery: hears every HTTP and JDBC call the application makes (a {@link CallListener} on the
 * runtime), charges it to a dependency and to the application method that made it, and writes the
 * starter policy file from what was seen ({@link DiscoveryFile}). Observe only: it never changes what
 * a call does, and an error inside it is logged once and the call goes on untouched.
 *
 * <p>Per call: the dependency (a host and port read from what the library recorded; a JDBC URL read
 * once per connection), its {@link CallKey}, and lock-free counters. A stack walk, which costs tens of
 * microseconds, is made only for the calls the key samples.
 */
public final class Discovery implements CallListener {
    private static volatile Discovery running;

    private final DiscoverSettings settings;
    private final Instrumentation inst;
    private final long startedNanos = System.nanoTime();
    private final long startedMillis = System.currentTimeMillis();
    private final Libraries libraries = new Libraries();
    private final Dependencies dependencies = new Dependencies();
    private final JdbcTargets jdbc = new JdbcTargets();
    private final SampledChecks checks = new SampledChecks();
    private final StackAttribution attribution;
    private final LongAdder heard = new LongAdder();

    Discovery(DiscoverSettings settings, Instrumentation inst) {
        this(settings, inst, new StackAttribution(settings.skip()));
    }

    /** With the stack walks of {@code attribution} (tests give their own stacks). */
    Discovery(DiscoverSettings settings, Instrumentation inst, StackAttribution attribution) {
        this.settings = settings;
        this.inst = inst;
        this.attribution = attribution;
    }

    /**
     * Starts discovery in this JVM, once: installs the listener, then writes the file every
     * {@code every} and at exit. Returns the running instance (the first one's, if started before).
     */
    public static synchronized Discovery start(DiscoverSettings settings, Instrumentation inst) {
        if (running != null) {
            return running;
        }
        Discovery d = new Discovery(settings, inst);
        DiscoveryFile file = new DiscoveryFile(d, settings);
        file.schedule();
        running = d;
        Dispatcher.listen(d);
        Log.info("discover: watching every HTTP and JDBC call; the starter policy file " + file.path() + " is written "
                + (settings.everyNanos() > 0 ? "every " + dev.tenacious.runtime.policy.Durations.format(settings.everyNanos())
                + " and " : "") + "at exit (every policy in observe mode)");
        return d;
    }

    /** The discovery running in this JVM, or null (a benchmark switches its listening off and on). */
    public static Discovery current() {
        return running;
    }

    /** Whether discovery runs in this JVM: every library's calls are then watched, whatever the policies. */
    public static boolean isRunning() {
        return running != null;
    }

    @Override
    public void ended(String library, int site, Exchange call, Object self, Object a0, Object a1, long nanos, Throwable thrown) {
        try {
            Libraries.Library lib = libraries.of(library);
            if (lib == null) {
                return;
            }
            Dependency d;
            int kind = 0;
            int path = 0;
            String jdbcKind = null;
            if (lib.jdbc) {
                int k = JdbcTargets.kind(self);
                if (k == JdbcTargets.CONNECT && jdbc.declines(self, a0)) {
                    return;
                }
                d = dependencies.jdbc(jdbc.url(k, self, a0));
                jdbcKind = JdbcTargets.KIND_NAMES[k];
            } else {
                d = dependencies.http(call.isHttp() ? call.host() : null, call.isHttp() ? call.port() : -1);
                kind = call.isHttp() ? methodKind(call.method()) : OTHER_METHOD;
                path = PathKeys.of(library, self, a0, a1);
            }
            if (d == null) {
                return; // too many dependencies
            }
            heard.increment();
            CallKey key = d.key(lib, site, kind, path);
            CallStats stats;
            if (key.shouldWalk(nanos)) {
                long t0 = System.nanoTime();
                StackAttribution.Walk w = attribution.walk(lib.jdbc);
                stats = key.walked(w.site);
                stats.sampled(SampledChecks.timeouts(library, self, a0),
                        lib.jdbc ? checks.springTransaction(self, w) : CallStats.Sampled.UNKNOWN);
                key.walkCost(System.nanoTime() - t0);
            } else {
                stats = key.unwalked();
            }
            stats.record(call, nanos, thrown, Outcomes.of(lib.jdbc, call, thrown), jdbcKind);
        } catch (Throwable e) {
            Log.warnOnce("discover:" + library, "discover: could not record a call through " + library
                    + " (the call itself is untouched): " + e);
        }
    }

    private static final int OTHER_METHOD = 7;

    /** An HTTP method as a small number: requests of different methods come from different code, mostly. */
    private static int methodKind(String method) {
        if (method == null) {
            return OTHER_METHOD;
        }
        switch (method) {
            case "GET":
                return 0;
            case "POST":
                return 1;
            case "PUT":
                return 2;
            case "DELETE":
                return 3;
            case "PATCH":
                return 4;
            case "HEAD":
                return 5;
            default:
                return OTHER_METHOD;
        }
    }

    List<Dependency> dependencies() {
        return dependencies.all();
    }

    boolean tooManyDependencies() {
        return dependencies.full();
    }

    long callsHeard() {
        return heard.sum();
    }

    long startedMillis() {
        return startedMillis;
    }

    long runningNanos() {
        return System.nanoTime() - startedNanos;
    }

    Instrumentation instrumentation() {
        return inst;
    }

    DiscoverSettings settings() {
        return settings;
    }

    List<String> skipped() {
        return attribution.userPrefixes();
    }
}
