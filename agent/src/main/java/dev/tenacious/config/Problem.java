package dev.tenacious.config;

/**
 * One error or warning in a policy file, with its position, the key it concerns, and what was expected.
 * What the file says is escaped ({@code \n}, {@code \u001b}): a key or value holding a line break or
 * a terminal escape sequence cannot forge a line of the agent's output.
 */
public final class Problem {
    private final String file;
    private final int line;
    private final int column;
    private final String key;
    private final String message;

    public Problem(String file, int line, int column, String key, String message) {
        this.file = escape(file);
        this.line = line;
        this.column = column;
        this.key = escape(key);
        this.message = escape(message);
    }

    /**
     * Control characters (C0, C1, DEL), format characters (bidirectional overrides, zero-width
     * characters), line and paragraph separators and unpaired surrogates, written as Java escapes.
     */
    static String escape(String s) {
        int i = 0;
        while (i < s.length() && !needsEscape(s, i)) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (!needsEscape(s, i)) {
                b.append(s, i, i + n);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                for (int k = i; k < i + n; k++) {
                    String hex = Integer.toHexString(s.charAt(k));
                    b.append("\\u").append("0000", hex.length(), 4).append(hex);
                }
            }
            i += n;
        }
        return b.toString();
    }

    private static boolean needsEscape(String s, int i) {
        int c = s.codePointAt(i);
        switch (Character.getType(c)) {
            case Character.CONTROL: case Character.FORMAT: case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR: case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String key() {
        return key;
    }

    public String message() {
        return message;
    }

    /** {@code file:line:column: key: message}, the shape editors and CI logs link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
