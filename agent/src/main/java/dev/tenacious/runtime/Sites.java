package dev.tenacious.runtime;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Human-readable names of woven call sites, by site id, for log lines. Written when a method is woven,
 * read only when something is logged.
 */
public final class Sites {
    private static volatile AtomicReferenceArray<String> names = new AtomicReferenceArray<String>(64);

    private Sites() {
    }

    public static synchronized void name(int site, String description) {
        AtomicReferenceArray<String> current = names;
        if (site >= current.length()) {
            AtomicReferenceArray<String> bigger = new AtomicReferenceArray<String>(Math.max(site + 1, current.length() * 2));
            for (int i = 0; i < current.length(); i++) {
                bigger.set(i, current.get(i));
            }
            names = bigger;
            current = bigger;
        }
        current.set(site, description);
    }

    public static String describe(int site) {
        AtomicReferenceArray<String> current = names;
        String name = site >= 0 && site < current.length() ? current.get(site) : null;
        return name != null ? name : "site #" + site;
    }
}
