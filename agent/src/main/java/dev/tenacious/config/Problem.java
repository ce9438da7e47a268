package dev.tenacious.config;

/** One error or warning in a policy file, with its position, the key it concerns, and what was expected. */
public final class Problem {
    private final String file;
    private final int line;
    private final int column;
    private final String key;
    private final String message;

    public Problem(String file, int line, int column, String key, String message) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.key = key;
        this.message = message;
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
