package dev.tenacious.presets.okhttp;

import dev.tenacious.runtime.CallbackRelay;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * What OkHttp calls instead of the application's {@code Callback} (through a proxy of the interface,
 * in the application's class loader): each attempt's response or failure goes to the relay, which
 * decides on a retry or hands the final outcome to the application's callback.
 */
final class StandInCallback implements InvocationHandler {
    private final Object callback;
    private final CallbackRelay relay;

    StandInCallback(Object callback, CallbackRelay relay) {
        this.callback = callback;
        this.relay = relay;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("onResponse") && args != null && args.length == 2) {
            relay.delivered(args[1], null);
            return null;
        }
        if (name.equals("onFailure") && args != null && args.length == 2) {
            relay.delivered(null, (Throwable) args[1]);
            return null;
        }
        if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        if (name.equals("toString")) {
            return "Tenacious stand-in for " + callback;
        }
        return null; // a method a newer OkHttp may add: nothing to relay
    }

    /** Rethrows what the application's callback threw, as it is, where the signature does not declare it. */
    static void sneakyThrow(Throwable t) {
        StandInCallback.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
