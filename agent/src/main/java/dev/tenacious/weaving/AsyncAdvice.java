package dev.tenacious.weaving;

import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Outcome;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into an application method that returns a CompletableFuture or CompletionStage:
 * the entry captures the receiver and arguments, so that a failed future can be retried later by
 * calling the method again from the runtime's scheduler; the exit hands over the returned future, and
 * the caller gets the retrying future instead. A method that throws at once is retried in place.
 */
public final class AsyncAdvice {
    private AsyncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@SiteId int site, @Advice.This(optional = true) Object self,
                                @Advice.AllArguments Object[] args,
                                @Advice.Local("tenaciousCall") Object call, @Advice.Local("tenaciousStart") long start) {
        call = Dispatcher.enter(site, self, args);
        start = Dispatcher.start(site, call);
        return Dispatcher.skips(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class,
            repeatOn = Advice.OnNonDefaultValue.class)
    public static Object exit(@SiteId int site, @Advice.Enter(readOnly = false) boolean skipped,
                              @Advice.Local("tenaciousCall") Object call,
                              @Advice.Local("tenaciousStart") long start, @Advice.Exit Object state,
                              @Advice.Thrown(readOnly = false) Throwable thrown,
                              @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        Object next = Dispatcher.exit(site, call, start, state, thrown, returned);
        if (next instanceof Outcome) {
            thrown = ((Outcome) next).thrown;
            returned = ((Outcome) next).value;
            return null;
        }
        if (next != null) {
            skipped = false;
        }
        return next;
    }
}
