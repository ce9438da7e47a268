package dev.tenacious.discover;

import java.util.Set;

/** Policy names for dependencies: letters, digits, '-', '_', '.', unique in the file. */
final class Names {
    static final int MAX = 60;

    private Names() {
    }

    /** {@code api.vendor.com}, {@code 127.0.0.1-8080}, {@code postgresql-db.internal-5432-orders}. */
    static String of(Dependency d) {
        String raw;
        if (d.jdbc) {
            raw = d.id.startsWith("jdbc:") ? d.id.substring(5) : d.id;
        } else {
            raw = d.host + (d.port > 0 && d.port != 80 && d.port != 443 ? "-" + d.port : "");
        }
        return sanitize(raw);
    }

    static String sanitize(String raw) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length() && b.length() < MAX; i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            char next = ok ? c : '-';
            if (next == '-' && (b.length() == 0 || b.charAt(b.length() - 1) == '-')) {
                continue;
            }
            b.append(next);
        }
        while (b.length() > 0 && (b.charAt(b.length() - 1) == '-' || b.charAt(b.length() - 1) == '.')) {
            b.setLength(b.length() - 1);
        }
        return b.length() == 0 ? "dependency" : b.toString();
    }

    static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) {
            n = name + "-" + i;
        }
        return n;
    }
}
