package com.acme.legacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A web application redeployed again and again, as an application server does: each deployment
 * loads {@code RedeployedQuote} in a class loader of its own, under a name of its own
 * ({@code RedeployedQ0000}, ...), calls it once, and is dropped. Prints each call's outcome, then
 * how many of the loaders the JVM could unload, then how many of the agent's breaker MBeans for those
 * classes were left once the agent released them.
 *
 * <pre>
 *   Scenarios redeploy URL N    RESULT i OK|CAUGHT ..., UNLOADED k OF N, BREAKERS_LEFT m
 * </pre>
 */
final class RedeployScenario {
    private static final String NAME = "RedeployedQuote";

    private RedeployScenario() {
    }

    static void main(String[] args) throws Exception {
        String url = args[1];
        int deployments = Integer.parseInt(args[2]);
        byte[] original = bytes("com/acme/legacy/client/" + NAME + ".class");
        List<WeakReference<ClassLoader>> loaders = new ArrayList<WeakReference<ClassLoader>>();
        for (int i = 0; i < deployments; i++) {
            loaders.add(deployAndCall(i, original, url));
        }
        int unloaded = 0;
        for (int round = 0; round < 100 && unloaded < deployments; round++) {
            System.gc();
            Thread.sleep(100);
            unloaded = 0;
            for (WeakReference<ClassLoader> l : loaders) {
                unloaded += l.get() == null ? 1 : 0;
            }
        }
        System.out.println("UNLOADED " + unloaded + " OF " + deployments);
        for (int i = 0; i < loaders.size(); i++) {
            if (loaders.get(i).get() != null) {
                System.out.println("PINNED " + i);
            }
        }
        int left = breakerMBeans();
        for (int waited = 0; waited < 300 && left > 0; waited++) { // the agent releases dead sites every few seconds
            Thread.sleep(100);
            left = breakerMBeans();
        }
        System.out.println("BREAKERS_LEFT " + left);
    }

    /** One deployment: its own loader, one call; only a weak reference to the loader outlives this frame. */
    private static WeakReference<ClassLoader> deployAndCall(int i, byte[] original, final String url) throws Exception {
        String suffix = String.format("Q%04d", i);
        ClassLoader deployment = new Deployment(rename(original, NAME, "Redeployed" + suffix));
        final Class<?> type = deployment.loadClass("com.acme.legacy.client.Redeployed" + suffix);
        final Object client = type.getConstructor().newInstance();
        Scenarios.report(i + 1, () -> (String) ((CompletableFuture<?>) type.getMethod("quote", String.class)
                .invoke(client, url)).get(30, TimeUnit.SECONDS));
        return new WeakReference<ClassLoader>(deployment);
    }

    private static int breakerMBeans() throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("tenacious:type=Breaker,*"), null).size();
    }

    /** A deployment's class loader: it defines the client itself, and leaves the JDK to its parent. */
    private static final class Deployment extends ClassLoader {
        private final byte[] client;

        Deployment(byte[] client) {
            super(null);
            this.client = client;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("com.acme.legacy.client.Redeployed")) {
                return defineClass(name, client, 0, client.length);
            }
            throw new ClassNotFoundException(name);
        }
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = RedeployScenario.class.getClassLoader().getResourceAsStream(resource)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The class under another name of the same length: every occurrence in its constant pool replaced. */
    private static byte[] rename(byte[] classFile, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = classFile.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            boolean match = true;
            for (int k = 0; k < f.length && match; k++) {
                match = out[i + k] == f[k];
            }
            if (match) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        return out;
    }
}
