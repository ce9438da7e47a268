package dev.tenacious.config;

import java.util.ArrayList;
import java.util.List;

/** A sequence, block ({@code - item} lines) or flow ({@code [a, b]}). Its items are added as they are read. */
final class YamlList extends YamlNode {
    private final List<YamlNode> items = new ArrayList<YamlNode>();
    private final boolean flow;

    YamlList(String tag, Position start, boolean flow) {
        super(tag, start);
        this.flow = flow;
    }

    List<YamlNode> getValue() {
        return items;
    }

    boolean isFlow() {
        return flow;
    }
}
