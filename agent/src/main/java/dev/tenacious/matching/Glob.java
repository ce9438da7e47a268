package dev.tenacious.matching;

/**
 * A name pattern from the policy file: {@code *} any run of characters but {@code .}, {@code **} any
 * run including {@code .}, {@code ?} one character but {@code .}; everything else is literal (so
 * {@code $} in binary names needs no escape). {@code **.} also matches nothing, so
 * {@code com.acme.**.*Client} covers {@code com.acme.PayClient} as well as {@code com.acme.pay.PayClient}. Matching is a small backtracking loop over the pattern,
 * with no regular expressions, and a literal prefix that callers check first.
 */
public final class Glob {
    private final String pattern;
    private final String literalPrefix;
    private final boolean literal;

    private Glob(String pattern) {
        this.pattern = pattern;
        int firstWildcard = indexOfWildcard(pattern);
        this.literal = firstWildcard < 0;
        this.literalPrefix = literal ? pattern : pattern.substring(0, firstWildcard);
    }

    public static Glob of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        return new Glob(pattern);
    }

    private static int indexOfWildcard(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    public boolean matches(String name) {
        if (literal) {
            return pattern.equals(name);
        }
        if (!name.startsWith(literalPrefix)) {
            return false;
        }
        return match(literalPrefix.length(), literalPrefix.length(), name);
    }

    private boolean match(int pi, int ni, String name) {
        while (pi < pattern.length()) {
            char c = pattern.charAt(pi);
            if (c == '*') {
                boolean deep = pi + 1 < pattern.length() && pattern.charAt(pi + 1) == '*';
                int next = deep ? pi + 2 : pi + 1;
                while (next < pattern.length() && pattern.charAt(next) == '*') { // "***" behaves like "**"
                    next++;
                    deep = true;
                }
                if (next == pattern.length()) {
                    return deep || name.indexOf('.', ni) < 0;
                }
                if (deep && pattern.charAt(next) == '.' && match(next + 1, ni, name)) {
                    return true; // "**." also matches no package at all, as in Ant: com.acme.**.*Gateway matches com.acme.CardGateway
                }
                for (int k = ni; k <= name.length(); k++) {
                    if (match(next, k, name)) {
                        return true;
                    }
                    if (k < name.length() && !deep && name.charAt(k) == '.') {
                        return false;
                    }
                }
                return false;
            }
            if (ni >= name.length()) {
                return false;
            }
            char n = name.charAt(ni);
            if (c == '?' ? n == '.' : c != n) {
                return false;
            }
            pi++;
            ni++;
        }
        return ni == name.length();
    }

    /** The characters before the first wildcard; every matching name starts with it. */
    public String literalPrefix() {
        return literalPrefix;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
