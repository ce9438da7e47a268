package dev.tenacious.runtime.decision;

import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the agent's threads: daemons, with no context class loader and, since they may be created
 * lazily inside an application's call (the first asynchronous retry), made under the agent's own
 * access-control context: a thread keeps the context it was created in (up to JDK 23), and with it
 * the protection domains, hence the class loaders, of every class then on the stack. Neither may pin
 * an undeployed application's loader.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static Thread newThread(final Runnable task, final String name) {
        return AccessController.doPrivileged(new PrivilegedAction<Thread>() {
            @Override
            public Thread run() {
                Thread t = new Thread(task, name);
                t.setDaemon(true);
                t.setContextClassLoader(null);
                return t;
            }
        });
    }

    public static ThreadFactory named(final String name) {
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                return DaemonThreads.newThread(r, name);
            }
        };
    }
}
