package dev.tenacious.config;

/**
 * Checks the host the Prometheus endpoint binds to, character by character (no regular expressions
 * before the application's main): a host name (RFC 1123 labels), an IPv4 literal in dotted decimal,
 * or an IPv6 literal (RFC 4291 text form, optionally with a zone such as {@code %eth0}), plain or in
 * brackets.
 */
final class HostNames {
    private HostNames() {
    }

    /** The host as the agent uses it (IPv6 literals in brackets, so that host:port reads right), or null. */
    static String normalize(String host) {
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            return isIpv6(host.substring(1, host.length() - 1)) ? host : null;
        }
        if (isIpv6(host)) {
            return "[" + host + "]";
        }
        return isIpv4(host) || isHostName(host) ? host : null;
    }

    static boolean isHostName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s; // a fully qualified name's root
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        int start = 0;
        boolean lastLabelNumeric = false;
        while (start <= name.length()) {
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            int length = end - start;
            if (length == 0 || length > 63 || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
                return false;
            }
            lastLabelNumeric = true;
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                boolean digit = c >= '0' && c <= '9';
                if (!(digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                    return false;
                }
                lastLabelNumeric &= digit;
            }
            start = end + 1;
        }
        return !lastLabelNumeric; // 999.1.1.1 is a mistyped address, not a name (RFC 1123's top-level labels are not numeric)
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int start = 0;
        while (start <= s.length()) {
            int end = s.indexOf('.', start);
            if (end < 0) {
                end = s.length();
            }
            if (!isOctet(s, start, end) || ++parts > 4) {
                return false;
            }
            start = end + 1;
        }
        return parts == 4;
    }

    private static boolean isOctet(String s, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && s.charAt(start) == '0')) {
            return false; // no leading zeros: some parsers read 010 as octal
        }
        int v = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255;
    }

    static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) {
                return false;
            }
            for (int i = zone + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                        || c == '-')) {
                    return false;
                }
            }
            s = s.substring(0, zone);
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon < 0) {
            return groups(s, true) == 8;
        }
        String head = s.substring(0, doubleColon);
        String tail = s.substring(doubleColon + 2);
        int before = head.isEmpty() ? 0 : groups(head, false);
        int after = tail.isEmpty() ? 0 : groups(tail, true);
        return before >= 0 && after >= 0 && before + after <= 7;
    }

    /**
     * The 16-bit groups of a colon-separated run ({@code 2001:db8}), an IPv4 tail counting two when
     * {@code ipv4Tail}; -1 when it is not one.
     */
    private static int groups(String s, boolean ipv4Tail) {
        int count = 0;
        int start = 0;
        while (start <= s.length()) {
            int end = s.indexOf(':', start);
            if (end < 0) {
                end = s.length();
            }
            if (end == s.length() && ipv4Tail && s.indexOf('.', start) >= 0) {
                if (!isIpv4(s.substring(start))) {
                    return -1;
                }
                count += 2;
            } else {
                int length = end - start;
                if (length < 1 || length > 4) {
                    return -1;
                }
                for (int i = start; i < end; i++) {
                    char c = s.charAt(i);
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                        return -1;
                    }
                }
                count++;
            }
            start = end + 1;
        }
        return count;
    }
}
