package dev.tenacious.config;

/**
 * Character-level checks of the names and patterns a policy file may hold. Written out rather than
 * as regular expressions: the agent parses its file before the application's main, and the Unicode
 * classes of {@code java.util.regex} cost milliseconds of class loading and lambda spinning there.
 */
final class Names {
    /** {@code [A-Za-z0-9_.-]+} */
    static final int POLICY = 0;
    /** Java identifier characters, {@code . $ * ?}: a class pattern. */
    static final int CLASS_PATTERN = 1;
    /** Java identifier characters, {@code $ * ?}: a method pattern. */
    static final int METHOD_PATTERN = 2;
    /** A class pattern followed by any number of {@code []}: a parameter type pattern. */
    static final int TYPE_PATTERN = 3;
    /** Java identifier characters, {@code . $}: a type's binary name. */
    static final int TYPE_NAME = 4;
    /** {@code [A-Za-z0-9.*?\[\]:_-]+}: a host pattern (IPv6 literals in brackets). */
    static final int HOST_PATTERN = 5;

    private Names() {
    }

    static boolean matches(int kind, String s) {
        int end = s.length();
        if (kind == TYPE_PATTERN) {
            while (end >= 2 && s.charAt(end - 1) == ']' && s.charAt(end - 2) == '[') {
                end -= 2;
            }
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; ) {
            int c = s.codePointAt(i);
            if (!allowed(kind, c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean allowed(int kind, int c) {
        if (Character.isIdentifierIgnorable(c)) {
            // control and format characters, which Java counts as identifier parts: never in a name
            // worth writing, and they would reach the log lines that name patterns and types
            return false;
        }
        switch (kind) {
            case POLICY:
                return isAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
            case HOST_PATTERN:
                return isAsciiLetterOrDigit(c) || c == '.' || c == '*' || c == '?' || c == '[' || c == ']' || c == ':'
                        || c == '_' || c == '-';
            case CLASS_PATTERN: case TYPE_PATTERN:
                return Character.isJavaIdentifierPart(c) || c == '.' || c == '$' || c == '*' || c == '?';
            case METHOD_PATTERN:
                return Character.isJavaIdentifierPart(c) || c == '$' || c == '*' || c == '?';
            case TYPE_NAME:
                return Character.isJavaIdentifierPart(c) || c == '.' || c == '$';
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
