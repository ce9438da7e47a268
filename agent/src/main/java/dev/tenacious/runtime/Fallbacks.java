package dev.tenacious.runtime;

import dev.tenacious.log.Log;
import dev.tenacious.runtime.decision.Decision;
import dev.tenacious.runtime.decision.Decisions;
import dev.tenacious.runtime.policy.FallbackConfig;

import java.lang.reflect.Constructor;

/** Builds what a fallback or a refusal hands to the caller in place of the method's own outcome. */
final class Fallbacks {
    private Fallbacks() {
    }

    /**
     * The outcome for a call that ended after a transient failure (retries exhausted, budget, deadline,
     * breaker opened) or that was refused at entry; {@code cause} is the last failure or the agent's
     * refusal exception. Null means: let {@code cause} through unchanged.
     */
    static Outcome outcome(Binding b, Throwable cause, boolean refused, int attempt) {
        FallbackConfig f = b.policy.fallback;
        if (f == null) {
            return refused ? new Outcome(cause, b.zeroValue) : null;
        }
        Decisions.record(Decision.FALLBACK, b.policy.state, b.method, attempt, cause);
        if (f.throwType() == null) {
            return new Outcome(null, b.emptyValue);
        }
        Throwable replacement = instantiate(b, f.throwType(), b.policy.name + ": " + b.method + " failed: " + cause, cause);
        if (replacement == null) {
            return refused ? new Outcome(cause, b.zeroValue) : null;
        }
        return new Outcome(replacement, b.zeroValue);
    }

    /** A new T(message, cause), else T(message) or T(cause) or T(), with the cause set where possible. */
    static Throwable instantiate(Binding b, String type, String message, Throwable cause) {
        try {
            Class<?> c = Class.forName(type, false, b.loader());
            if (!Throwable.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(type + " is not a Throwable");
            }
            Throwable t;
            Constructor<?> k = constructor(c, String.class, Throwable.class);
            if (k != null) {
                t = (Throwable) k.newInstance(message, cause);
            } else if ((k = constructor(c, String.class)) != null) {
                t = (Throwable) k.newInstance(message);
            } else if ((k = constructor(c, Throwable.class)) != null) {
                t = (Throwable) k.newInstance(cause);
            } else {
                t = (Throwable) c.getConstructor().newInstance();
            }
            if (t.getCause() == null && t != cause) {
                try {
                    t.initCause(cause);
                } catch (IllegalStateException alreadySet) {
                    // the constructor fixed the cause
                }
            }
            return t;
        } catch (Throwable e) {
            Log.warnOnce("fallback:" + b.policy.name + ":" + type, b.policy.name + ": cannot create fallback exception "
                    + type + " (" + e + "); the original exception is thrown instead");
            return null;
        }
    }

    private static Constructor<?> constructor(Class<?> c, Class<?>... parameters) {
        try {
            return c.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
