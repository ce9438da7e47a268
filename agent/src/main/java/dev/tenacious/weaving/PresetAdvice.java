package dev.tenacious.weaving;

import dev.tenacious.runtime.Dispatcher;
import dev.tenacious.runtime.Outcome;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into a library method woven by a preset (HttpClient.send, a JDBC statement's
 * execute). Like {@link RetryAdvice}, but the entry also hands the runtime the receiver and the first
 * two arguments (the request, to pick a policy by host and to check idempotency), and the exit hands
 * it the returned value (a response whose status may be retried, a future to retry asynchronously).
 */
public final class PresetAdvice {
    private PresetAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@SiteId int site, @Advice.This(optional = true) Object self,
                                @Advice.Argument(value = 0, optional = true, readOnly = false,
                                        typing = Assigner.Typing.DYNAMIC) Object a0,
                                @Advice.Argument(value = 1, optional = true) Object a1,
                                @Advice.Local("tenaciousCall") Object call, @Advice.Local("tenaciousStart") long start) {
        call = Dispatcher.enter(site, self, a0, a1);
        a0 = Dispatcher.firstArgument(call, a0); // the request with the policy's timeouts, where it had none
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
