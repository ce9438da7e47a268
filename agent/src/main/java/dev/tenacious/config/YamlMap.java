package dev.tenacious.config;

import java.util.ArrayList;
import java.util.List;

/** A mapping, block or flow ({@code {a: 1}}), its entries in the order written (duplicates kept: the reader reports them). */
final class YamlMap extends YamlNode {
    private List<YamlEntry> entries = new ArrayList<YamlEntry>();
    private final boolean flow;

    YamlMap(String tag, Position start, boolean flow) {
        super(tag, start);
        this.flow = flow;
    }

    List<YamlEntry> getValue() {
        return entries;
    }

    /** Merge keys applied ({@link ExpandedTree}). */
    void setValue(List<YamlEntry> entries) {
        this.entries = entries;
    }

    boolean isFlow() {
        return flow;
    }
}
