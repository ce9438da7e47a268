package dev.tenacious.config;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a composed tree safe to read, in one walk of the tree as the reader will see it (every
 * alias expanded where it is used): it refuses YAML tags, refuses a value that contains itself
 * (an alias used inside the value it names), stops past {@link #MAX_VALUES} values, and applies
 * merge keys ({@code <<: *base}, or a list of maps) so that merged keys are checked like written ones.
 * The walk keeps its own stack, so no shape of file can overflow the thread's.
 */
final class ExpandedTree {
    /** The most values (keys, scalars, lists and maps) a file may hold once its aliases are expanded. */
    static final int MAX_VALUES = 100_000;

    static final String TOO_MANY_VALUES = "more than " + MAX_VALUES + " values once aliases are expanded"
            + " (an alias counts every value it names, each time it is used)";

    private static final List<String> PLAIN_TAGS = Arrays.asList(YamlNode.STR, YamlNode.INT, YamlNode.FLOAT, YamlNode.BOOL, YamlNode.NULL,
            YamlNode.MAP, YamlNode.SEQ, YamlNode.TIMESTAMP, YamlNode.MERGE);

    private final NodeReader r;
    /** Every alias use, in document order; the walk meets them in that order outside expansions. */
    private final List<YamlNode.Position> aliases;
    private final int errorsBefore;
    private int nextAlias;
    private int values;
    private final Set<YamlNode> seen = new HashSet<YamlNode>(); // YamlNode's equals and hashCode are identity
    private final Set<YamlNode> onPath = new HashSet<YamlNode>();
    private final Set<YamlNode> endless = new HashSet<YamlNode>();

    // the stack: a node, the index of its next child, where the alias that led to it is used (null: written there)
    private YamlNode[] nodes = new YamlNode[32];
    private int[] next = new int[32];
    private YamlNode.Position[] via = new YamlNode.Position[32];
    private int depth;
    /** The outermost frame reached through an alias, or -1. */
    private int expansion = -1;

    private ExpandedTree(NodeReader r, List<YamlNode.Position> aliases) {
        this.r = r;
        this.aliases = aliases;
        this.errorsBefore = r.errors.size();
    }

    /** @return true when the tree may be read: no error was recorded */
    static boolean prepare(NodeReader r, YamlNode root, List<YamlNode.Position> aliases) {
        return new ExpandedTree(r, aliases).walk(root);
    }

    private boolean walk(YamlNode root) {
        if (!visit(root)) {
            return false;
        }
        while (depth > 0) {
            int top = depth - 1;
            YamlNode n = nodes[top];
            int i = next[top];
            if (i < childCount(n)) {
                next[top] = i + 1;
                if (!visit(childAt(n, i))) {
                    return false;
                }
            } else {
                if (n instanceof YamlMap) {
                    applyMergeKeys((YamlMap) n);
                }
                onPath.remove(n);
                nodes[top] = null;
                via[top] = null;
                if (expansion == top) {
                    expansion = -1;
                }
                depth--;
            }
        }
        return r.errors.size() == errorsBefore;
    }

    /** @return false to stop the walk */
    private boolean visit(YamlNode n) {
        boolean alias = !seen.add(n);
        YamlNode.Position aliasAt = null;
        if (alias && expansion < 0 && nextAlias < aliases.size()) {
            aliasAt = aliases.get(nextAlias++);
        }
        if (++values > MAX_VALUES) {
            if (expansion >= 0) {
                error(via[expansion], path(expansion + 1), TOO_MANY_VALUES);
            } else {
                error(aliasAt != null ? aliasAt : n.getStartMark(), path(depth) + childLabel(depth), TOO_MANY_VALUES);
            }
            return false;
        }
        if (endless.contains(n)) {
            return true; // reported where it was found
        }
        if (onPath.contains(n)) {
            endless.add(n);
            YamlNode.Position at = aliasAt != null ? aliasAt : expansion >= 0 ? via[expansion] : n.getStartMark();
            YamlNode.Position anchor = n.getStartMark();
            error(at, path(depth) + childLabel(depth), "the alias *" + n.getAnchor() + " is used inside the value it names (&"
                    + n.getAnchor() + " at line " + (anchor.getLine() + 1) + ", column " + (anchor.getColumn() + 1)
                    + "), which would then contain itself");
            return true;
        }
        if (!PLAIN_TAGS.contains(n.getTag())) {
            error(n.getStartMark(), path(depth) + childLabel(depth), "YAML tags such as '" + n.getTag()
                    + "' are not allowed (expected plain values, lists and maps)");
            if (alias) {
                return true;
            } // where it is written, the walk goes on inside, to meet every alias use in document order
        }
        if (n instanceof YamlMap || n instanceof YamlList) {
            push(n, alias ? (aliasAt != null ? aliasAt : n.getStartMark()) : null);
        }
        return true;
    }

    private void push(YamlNode n, YamlNode.Position aliasAt) {
        if (depth == nodes.length) {
            nodes = Arrays.copyOf(nodes, depth * 2);
            next = Arrays.copyOf(next, depth * 2);
            via = Arrays.copyOf(via, depth * 2);
        }
        nodes[depth] = n;
        next[depth] = 0;
        via[depth] = aliasAt;
        if (aliasAt != null && expansion < 0) {
            expansion = depth;
        }
        onPath.add(n);
        depth++;
    }

    private static int childCount(YamlNode n) {
        return n instanceof YamlMap ? 2 * ((YamlMap) n).getValue().size() : ((YamlList) n).getValue().size();
    }

    private static YamlNode childAt(YamlNode n, int i) {
        if (n instanceof YamlMap) {
            YamlEntry t = ((YamlMap) n).getValue().get(i / 2);
            return i % 2 == 0 ? t.getKeyNode() : t.getValueNode();
        }
        return ((YamlList) n).getValue().get(i);
    }

    /** The key of the first {@code frames} frames, as errors name keys ({@code policies[0].retry}). */
    private String path(int frames) {
        StringBuilder b = new StringBuilder();
        for (int f = 1; f < frames; f++) {
            b.append(childLabel(f));
        }
        return b.toString().startsWith(".") ? b.substring(1) : b.toString();
    }

    /** The label of the child the frame below {@code frame} took last ({@code .retry}, {@code [2]}); "" for the root. */
    private String childLabel(int frame) {
        if (frame == 0) {
            return "";
        }
        YamlNode parent = nodes[frame - 1];
        int i = next[frame - 1] - 1;
        if (parent instanceof YamlList) {
            return "[" + i + "]";
        }
        YamlNode key = ((YamlMap) parent).getValue().get(i / 2).getKeyNode();
        return "." + (key instanceof YamlScalar ? ((YamlScalar) key).getValue() : "?");
    }

    private void error(YamlNode.Position at, String key, String message) {
        String k = key.startsWith(".") ? key.substring(1) : key;
        r.errors.add(new Problem(r.file(), at.getLine() + 1, at.getColumn() + 1, k, message));
    }

    private static boolean isMergeKey(YamlNode key) {
        return key instanceof YamlScalar && key.getTag().equals(YamlNode.MERGE);
    }

    /**
     * Replaces the map's merge keys by the keys they bring that the map does not write: a map's own
     * keys win, then earlier merged maps (as SnakeYAML's constructor merges). The merged maps have
     * had their own merge keys applied already, when the walk left them.
     */
    private void applyMergeKeys(YamlMap m) {
        List<YamlEntry> tuples = m.getValue();
        boolean merges = false;
        for (YamlEntry t : tuples) {
            merges |= isMergeKey(t.getKeyNode());
        }
        if (!merges) {
            return;
        }
        String at = path(depth);
        List<YamlEntry> merged = new ArrayList<YamlEntry>(tuples.size());
        Set<String> written = new HashSet<String>();
        List<YamlMap> sources = new ArrayList<YamlMap>();
        for (YamlEntry t : tuples) {
            if (!isMergeKey(t.getKeyNode())) {
                merged.add(t);
                if (t.getKeyNode() instanceof YamlScalar) {
                    written.add(((YamlScalar) t.getKeyNode()).getValue());
                }
                continue;
            }
            YamlNode v = t.getValueNode();
            if (v instanceof YamlMap) {
                sources.add((YamlMap) v);
            } else if (v instanceof YamlList) {
                List<YamlNode> items = ((YamlList) v).getValue();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof YamlMap) {
                        sources.add((YamlMap) items.get(i));
                    } else {
                        error(items.get(i).getStartMark(), NodeReader.path(at, "<<[" + i + "]"),
                                "expected a map to merge, got " + NodeReader.describe(items.get(i)));
                    }
                }
            } else {
                error(v.getStartMark(), NodeReader.path(at, "<<"),
                        "expected a map, or a list of maps, to merge (such as <<: *defaults), got " + NodeReader.describe(v));
            }
        }
        for (YamlMap source : sources) {
            if (source == m || endless.contains(source)) {
                continue; // reported as a value that contains itself
            }
            for (YamlEntry t : source.getValue()) {
                YamlNode k = t.getKeyNode();
                if (!(k instanceof YamlScalar) || written.add(((YamlScalar) k).getValue())) {
                    merged.add(t);
                }
            }
        }
        m.setValue(merged);
    }
}
