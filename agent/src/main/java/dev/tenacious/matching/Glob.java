package dev.tenacious.matching;

import java.util.Arrays;

/**
 * A name pattern from the policy file: {@code *} any run of characters but {@code .}, {@code **} any
 * run including {@code .}, {@code ?} one character but {@code .}; everything else is literal (so
 * {@code $} in binary names needs no escape). {@code **.} also matches nothing, so
 * {@code com.acme.**.*Client} covers {@code com.acme.PayClient} as well as {@code com.acme.pay.PayClient}.
 * A name is first checked against the pattern's literal prefix and suffix (most names fail there, as
 * the transformer sees every class's); then matching reads each character once more at most, whatever the pattern (backtracking took seconds for
 * {@code **a**a**a**a**a**a**a**a**z}): the pattern after its literal prefix is a small automaton, and
 * the set of its steps that are still possible is carried along the name, in a {@code long} when the
 * pattern has fewer than 64 steps (no allocation), else in an array. No regular expressions.
 */
public final class Glob {
    /** Step kinds: a literal character, {@code ?}, {@code *}, {@code **}, and the choice {@code **.} gives. */
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte STAR = 2;
    private static final byte DEEP = 3;
    /** Consumes nothing: go on at the next step ({@code **} then {@code .}), or skip both ("no package at all"). */
    private static final byte SKIP = 4;

    private final String pattern;
    private final String literalPrefix;
    /** The characters after the last wildcard (a '.' right after {@code **} excepted); every matching name ends with it. */
    private final String literalSuffix;
    private final boolean literal;
    // the steps after the literal prefix; step i may be followed by i + 1, and the state after the last is a match
    private final byte[] kinds;
    private final char[] chars;

    private Glob(String pattern) {
        this.pattern = pattern;
        int firstWildcard = indexOfWildcard(pattern);
        this.literal = firstWildcard < 0;
        this.literalPrefix = literal ? pattern : pattern.substring(0, firstWildcard);
        this.literalSuffix = literal ? pattern : suffixOf(pattern);
        int n = 0;
        byte[] k = new byte[2 * pattern.length()];
        char[] c = new char[2 * pattern.length()];
        for (int i = literalPrefix.length(); i < pattern.length(); ) {
            char p = pattern.charAt(i);
            if (p == '*') {
                int j = i;
                while (j < pattern.length() && pattern.charAt(j) == '*') {
                    j++;
                }
                boolean deep = j - i >= 2; // "***" behaves like "**"
                if (deep && j < pattern.length() && pattern.charAt(j) == '.') {
                    // "**." also matches no package at all, as in Ant: com.acme.**.*Gateway matches com.acme.CardGateway
                    k[n++] = SKIP;
                    k[n++] = DEEP;
                    c[n] = '.';
                    k[n++] = LITERAL;
                    i = j + 1;
                } else {
                    k[n++] = deep ? DEEP : STAR;
                    i = j;
                }
            } else {
                k[n] = p == '?' ? ONE : LITERAL;
                c[n++] = p;
                i++;
            }
        }
        this.kinds = Arrays.copyOf(k, n);
        this.chars = Arrays.copyOf(c, n);
    }

    public static Glob of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        return new Glob(pattern);
    }

    /** What follows the last wildcard; without the '.' of a final {@code **.}, which may match nothing. */
    private static String suffixOf(String p) {
        int end = p.length();
        int i = end;
        while (i > 0 && p.charAt(i - 1) != '*' && p.charAt(i - 1) != '?') {
            i--;
        }
        if (i < end && p.charAt(i) == '.' && i >= 2 && p.charAt(i - 1) == '*' && p.charAt(i - 2) == '*') {
            i++;
        }
        return p.substring(i);
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

    public boolean matches(CharSequence name) {
        if (literal) {
            return pattern.contentEquals(name);
        }
        if (name.length() < literalPrefix.length()) {
            return false;
        }
        for (int i = 0; i < literalPrefix.length(); i++) {
            if (name.charAt(i) != literalPrefix.charAt(i)) {
                return false;
            }
        }
        int from = name.length() - literalSuffix.length();
        if (from < literalPrefix.length()) {
            return false; // too short for both (a wildcard may match nothing, but prefix and suffix never overlap)
        }
        for (int i = 0; i < literalSuffix.length(); i++) {
            if (name.charAt(from + i) != literalSuffix.charAt(i)) {
                return false;
            }
        }
        return kinds.length < 64 ? matchInLong(name) : matchInArray(name);
    }

    /** The steps possible from {@code states}, adding those reached without reading a character. */
    private long closeLong(long states) {
        // every step that reads nothing leads forward, so one pass in order reaches them all
        for (int i = 0; i < kinds.length; i++) {
            if ((states & (1L << i)) != 0) {
                byte k = kinds[i];
                if (k == STAR || k == DEEP) {
                    states |= 1L << (i + 1);
                } else if (k == SKIP) {
                    states |= (1L << (i + 1)) | (1L << (i + 3));
                }
            }
        }
        return states;
    }

    private boolean matchInLong(CharSequence name) {
        long states = closeLong(1L);
        for (int ni = literalPrefix.length(); ni < name.length(); ni++) {
            char n = name.charAt(ni);
            long next = 0;
            for (long s = states; s != 0; s &= s - 1) {
                int i = Long.numberOfTrailingZeros(s);
                if (i == kinds.length) {
                    continue; // the end of the pattern reads nothing
                }
                switch (kinds[i]) {
                    case LITERAL:
                        if (n == chars[i]) {
                            next |= 1L << (i + 1);
                        }
                        break;
                    case ONE:
                        if (n != '.') {
                            next |= 1L << (i + 1);
                        }
                        break;
                    case STAR:
                        if (n != '.') {
                            next |= 1L << i;
                        }
                        break;
                    case DEEP:
                        next |= 1L << i;
                        break;
                    default: // SKIP reads nothing
                        break;
                }
            }
            if (next == 0) {
                return false;
            }
            states = closeLong(next);
        }
        return (states & (1L << kinds.length)) != 0;
    }

    /** As {@link #matchInLong}, for patterns of 64 steps or more. */
    private boolean matchInArray(CharSequence name) {
        int m = kinds.length;
        boolean[] states = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        states[0] = true;
        closeArray(states);
        for (int ni = literalPrefix.length(); ni < name.length(); ni++) {
            char n = name.charAt(ni);
            Arrays.fill(next, false);
            boolean any = false;
            for (int i = 0; i < m; i++) {
                if (!states[i]) {
                    continue;
                }
                byte k = kinds[i];
                if (k == LITERAL ? n == chars[i] : k == ONE && n != '.') {
                    next[i + 1] = any = true;
                } else if (k == STAR ? n != '.' : k == DEEP) {
                    next[i] = any = true;
                }
            }
            if (!any) {
                return false;
            }
            boolean[] t = states;
            states = next;
            next = t;
            closeArray(states);
        }
        return states[m];
    }

    private void closeArray(boolean[] states) {
        for (int i = 0; i < kinds.length; i++) {
            if (states[i]) {
                byte k = kinds[i];
                if (k == STAR || k == DEEP) {
                    states[i + 1] = true;
                } else if (k == SKIP) {
                    states[i + 1] = true;
                    states[i + 3] = true;
                }
            }
        }
    }

    /** The characters before the first wildcard; every matching name starts with it. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** The characters after the last wildcard; every matching name ends with them. */
    public String literalSuffix() {
        return literalSuffix;
    }

    public String pattern() {
        return pattern;
    }

    /** Whether the pattern has no wildcard: it matches itself alone. */
    public boolean isLiteral() {
        return literal;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
