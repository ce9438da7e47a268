package dev.tenacious.config;

/** A key and its value in a {@link YamlMap}. */
final class YamlEntry {
    private final YamlNode key;
    private final YamlNode value;

    YamlEntry(YamlNode key, YamlNode value) {
        this.key = key;
        this.value = value;
    }

    YamlNode getKeyNode() {
        return key;
    }

    YamlNode getValueNode() {
        return value;
    }
}
