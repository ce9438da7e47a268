package dev.tenacious.runtime;

/**
 * Hears every call through a watched library or a preset when it ends, on any thread and in any class
 * loader, whether or not a woven method or a policy is around it (discovery listens so). Installed with
 * {@link Dispatcher#listen}; called on the application's thread, so it must be quick and must not throw.
 */
public interface CallListener {
    /**
     * @param library  the preset or watched library ({@link Preset#name()})
     * @param site     the woven library method's site id (which method of the library was called)
     * @param call     what the call saw, as its library reads it (valid only during this call)
     * @param self     the receiver of the woven library method (a connection, a client, a statement)
     * @param a0       its first argument (a request, a host), or null
     * @param a1       its second argument, or null
     * @param nanos    how long the call took
     * @param thrown   what it threw, or null
     */
    void ended(String library, int site, Exchange call, Object self, Object a0, Object a1, long nanos, Throwable thrown);
}
