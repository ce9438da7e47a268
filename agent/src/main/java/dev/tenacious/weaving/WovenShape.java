package dev.tenacious.weaving;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.runtime.Binding;
import dev.tenacious.runtime.Dispatcher;

/**
 * The three shapes of the woven protocol ({@link Dispatcher}), by what the entry hands the runtime
 * and whether the exit gets the returned value. Both weavers write each of them.
 */
enum WovenShape {
    /** An application method: the entry captures nothing, the exit gets no value (no boxing on the happy path). */
    PLAIN,
    /** A library method a preset names: the entry gets the receiver and first two arguments, the exit the returned value. */
    PRESET,
    /** An application method returning a future: the entry gets the receiver and every argument, the exit the future. */
    ASYNC;

    static WovenShape of(MatchRule rule, String returnType) {
        if (rule.preset() != null) {
            return PRESET;
        }
        return Binding.returnsFuture(returnType) ? ASYNC : PLAIN;
    }
}
