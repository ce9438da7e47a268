package dev.tenacious.weaving;

import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Outcome;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The woven protocol ({@link Dispatcher}) as Byte Buddy advice, for an application method
 * ({@link WovenShape#PLAIN}): on entry, one call that admits the call (or refuses it, skipping the
 * body: circuit open, bulkhead full) and a clock read when the policy needs one; on exit, one call
 * that decides what happens next. Everything else lives in the runtime, so the woven method stays
 * small enough for the JIT to inline.
 *
 * <p>The exit's return value drives Byte Buddy's {@code repeatOn}: non-null runs the body again, and
 * comes back as {@code @Advice.Exit} after the next attempt, so the retry state needs no
 * thread-local. Byte Buddy restores the caller's arguments before each repeat (its default
 * {@code backupArguments}), even if the body reassigned a parameter. The thrown exception reaches the
 * caller unchanged unless the runtime returns an {@link Outcome} (a fallback or a refusal), whose
 * throwable and value then replace the method's.
 *
 * <p>Only JDK types and runtime classes on the bootstrap class path appear here, so the inlined code
 * links from any class loader. {@code suppress} is a second line of defence: the dispatcher already
 * catches its own errors.
 */
public final class RetryAdvice {
    private RetryAdvice() {
    }

    /** Returns true, skipping the body, when the call is refused (circuit open, bulkhead full) or a chaos fault replaces it. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@SiteId int site, @Advice.Local("tenaciousCall") Object call,
                                @Advice.Local("tenaciousStart") long start) {
        call = Dispatcher.enter(site);
        start = Dispatcher.start(site, call);
        return Dispatcher.skips(call);
    }

    /**
     * {@code state} is this advice's own return value after the previous attempt: the retry loop's
     * state. An {@link Outcome} (fallback or refusal) replaces what the method threw and returned.
     */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    public static Object exit(@SiteId int site, @Advice.Enter(readOnly = false) boolean skipped,
                              @Advice.Local("tenaciousCall") Object call,
                              @Advice.Local("tenaciousStart") long start, @Advice.Exit Object state,
                              @Advice.Thrown(readOnly = false) Throwable thrown,
                              @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        Object next = Dispatcher.exit(site, call, start, state, thrown);
        if (next instanceof Outcome) {
            thrown = ((Outcome) next).thrown;
            returned = ((Outcome) next).value;
            return null;
        }
        if (next != null) {
            skipped = false; // a repeat re-checks skipOn: a retry after a skipped (chaos) attempt runs the real body
        }
        return next;
    }
}
