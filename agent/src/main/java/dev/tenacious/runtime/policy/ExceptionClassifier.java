package dev.tenacious.runtime.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

    private static final byte ABORTS = 1;
    private static final byte RETRIES = 2;
    /** The class overrides getCause() (see {@link Causes}): kept beside the verdict, one lookup for both. */
    private static final byte OWN_GET_CAUSE = 4;

    private final Set<String> retryOn;
    private final Set<String> abortOn;
    private final boolean causes;
    /** No list names anything: every failure is unclassified, without a look at it. */
    private final boolean empty;
    /**
     * What the lists say of each exception class, computed once per class: walking a class's
     * hierarchy by name (and copying its interface arrays) costs more than the rest of a retry. Held
     * by the class itself, so an application's classes are not kept alive by the agent.
     */
    private final ClassValue<Byte> verdicts = new ClassValue<Byte>() {
        @Override
        protected Byte computeValue(Class<?> type) {
            return (byte) ((isInstanceOfAny(type, abortOn) ? ABORTS : 0) | (isInstanceOfAny(type, retryOn) ? RETRIES : 0)
                    | (Causes.overridesGetCause(type) ? OWN_GET_CAUSE : 0));
        }
    };

    public ExceptionClassifier(List<String> retryOn, List<String> abortOn, boolean causes) {
        this.retryOn = Collections.unmodifiableSet(new LinkedHashSet<String>(retryOn));
        this.abortOn = Collections.unmodifiableSet(new LinkedHashSet<String>(abortOn));
        this.causes = causes;
        this.empty = retryOn.isEmpty() && abortOn.isEmpty();
    }

    public Classification classify(Throwable thrown) {
        if (empty) {
            return Classification.UNCLASSIFIED; // the abortOn of a policy that gives none (Policy.ownAbortOn)
        }
        boolean transientSeen = false;
        // bounded, so a cycle of causes ends the walk without keeping a set of the exceptions seen
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < MAX_CAUSES; depth++) {
            byte verdict = verdicts.get(t.getClass());
            if ((verdict & ABORTS) != 0) {
                return Classification.PERMANENT;
            }
            if ((verdict & RETRIES) != 0) {
                transientSeen = true;
            }
            t = causes ? Causes.of(t, (verdict & OWN_GET_CAUSE) != 0) : null;
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
