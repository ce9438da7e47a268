package dev.tenacious.runtime.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a failure by exception type names, walking each exception's class hierarchy by name so
 * that a type the agent cannot load (it lives in the application's class loader) still matches.
 * {@code abortOn} wins over {@code retryOn} anywhere in the examined chain.
 */
public final class ExceptionClassifier {
    public static final List<String> DEFAULT_RETRY_ON = Collections.unmodifiableList(Arrays.asList(
            "java.io.IOException",
            "java.util.concurrent.TimeoutException",
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException"));
    public static final List<String> DEFAULT_ABORT_ON = Collections.unmodifiableList(Arrays.asList(
            "java.net.UnknownHostException",
            "java.net.MalformedURLException",
            "java.io.FileNotFoundException",
            "javax.net.ssl.SSLPeerUnverifiedException",
            "java.sql.SQLNonTransientException"));

    private static final int MAX_CAUSES = 32;

    private final Set<String> retryOn;
    private final Set<String> abortOn;
    private final boolean causes;

    public ExceptionClassifier(List<String> retryOn, List<String> abortOn, boolean causes) {
        this.retryOn = Collections.unmodifiableSet(new LinkedHashSet<String>(retryOn));
        this.abortOn = Collections.unmodifiableSet(new LinkedHashSet<String>(abortOn));
        this.causes = causes;
    }

    public Classification classify(Throwable thrown) {
        boolean transientSeen = false;
        Map<Throwable, Boolean> seen = null;
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < MAX_CAUSES; t = causes ? t.getCause() : null, depth++) {
            if (depth > 0) { // guard against cause cycles
                if (seen == null) {
                    seen = new IdentityHashMap<Throwable, Boolean>();
                    seen.put(thrown, Boolean.TRUE);
                }
                if (seen.put(t, Boolean.TRUE) != null) {
                    break;
                }
            }
            if (isInstanceOfAny(t.getClass(), abortOn)) {
                return Classification.PERMANENT;
            }
            if (!transientSeen && isInstanceOfAny(t.getClass(), retryOn)) {
                transientSeen = true;
            }
        }
        return transientSeen ? Classification.TRANSIENT : Classification.UNCLASSIFIED;
    }

    static boolean isInstanceOfAny(Class<?> type, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (isInstanceOfAny(i, names)) {
                    return true;
                }
            }
        }
        return false;
    }

    public Set<String> retryOn() {
        return retryOn;
    }

    public Set<String> abortOn() {
        return abortOn;
    }

    public boolean causes() {
        return causes;
    }
}
