package dev.tenacious.config;

/**
 * A node of a policy file's YAML tree, with its tag and where it starts: what the policy reader reads.
 * Built by {@link YamlSubset} for the common YAML of policy files, or converted from SnakeYAML's tree
 * ({@link SnakeYamlTree}) for the rest; either way without loading SnakeYAML's node and tag classes on
 * the common path (their static state costs tens of milliseconds of the agent's start).
 */
abstract class YamlNode {
    static final String NULL = "tag:yaml.org,2002:null";
    static final String STR = "tag:yaml.org,2002:str";
    static final String INT = "tag:yaml.org,2002:int";
    static final String FLOAT = "tag:yaml.org,2002:float";
    static final String BOOL = "tag:yaml.org,2002:bool";
    static final String TIMESTAMP = "tag:yaml.org,2002:timestamp";
    static final String MERGE = "tag:yaml.org,2002:merge";
    static final String MAP = "tag:yaml.org,2002:map";
    static final String SEQ = "tag:yaml.org,2002:seq";

    private final String tag;
    private final Position start;
    /** The anchor ({@code &name}) the node was given, or null: only SnakeYAML's trees have them. */
    private String anchor;

    YamlNode(String tag, Position start) {
        this.tag = tag;
        this.start = start;
    }

    /** The full tag, such as {@code tag:yaml.org,2002:str}. */
    final String getTag() {
        return tag;
    }

    final Position getStartMark() {
        return start;
    }

    String getAnchor() {
        return anchor;
    }

    void setAnchor(String anchor) {
        this.anchor = anchor;
    }

    /** Where a node (or an alias) starts: line and column from 0, as SnakeYAML counts them. */
    static final class Position {
        private final int line;
        private final int column;

        Position(int line, int column) {
            this.line = line;
            this.column = column;
        }

        int getLine() {
            return line;
        }

        int getColumn() {
            return column;
        }
    }
}
