package dev.tenacious.config;

/** A scalar: its text, and how it was written ({@link #PLAIN}, {@code '\''} or {@code '"'}). */
final class YamlScalar extends YamlNode {
    static final char PLAIN = ' ';

    private final String value;
    private final char style;

    YamlScalar(String tag, String value, char style, Position start) {
        super(tag, start);
        this.value = value;
        this.style = style;
    }

    String getValue() {
        return value;
    }

    char getScalarStyle() {
        return style;
    }
}
