package dev.tenacious.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

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

    private static final List<Tag> PLAIN_TAGS = Arrays.asList(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP, Tag.MERGE);

    private final NodeReader r;
    /** Every alias use, in document order; the walk meets them in that order outside expansions. */
    private final List<AliasEvent> aliases;
    private final int errorsBefore;
    private int nextAlias;
    private int values;
    private final Set<Node> seen = new HashSet<Node>(); // Node's equals and hashCode are identity
    private final Set<Node> onPath = new HashSet<Node>();
    private final Set<Node> endless = new HashSet<Node>();

    // the stack: a node, the index of its next child, where the alias that led to it is used (null: written there)
    private Node[] nodes = new Node[32];
    private int[] next = new int[32];
    private Mark[] via = new Mark[32];
    private int depth;
    /** The outermost frame reached through an alias, or -1. */
    private int expansion = -1;

    private ExpandedTree(NodeReader r, List<AliasEvent> aliases) {
        this.r = r;
        this.aliases = aliases;
        this.errorsBefore = r.errors.size();
    }

    /** @return true when the tree may be read: no error was recorded */
    static boolean prepare(NodeReader r, Node root, List<AliasEvent> aliases) {
        return new ExpandedTree(r, aliases).walk(root);
    }

    private boolean walk(Node root) {
        if (!visit(root)) {
            return false;
        }
        while (depth > 0) {
            int top = depth - 1;
            Node n = nodes[top];
            int i = next[top];
            if (i < childCount(n)) {
                next[top] = i + 1;
                if (!visit(childAt(n, i))) {
                    return false;
                }
            } else {
                if (n instanceof MappingNode) {
                    applyMergeKeys((MappingNode) n);
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
    private boolean visit(Node n) {
        boolean alias = !seen.add(n);
        Mark aliasAt = null;
        if (alias && expansion < 0 && nextAlias < aliases.size()) {
            aliasAt = aliases.get(nextAlias++).getStartMark();
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
            Mark at = aliasAt != null ? aliasAt : expansion >= 0 ? via[expansion] : n.getStartMark();
            Mark anchor = n.getStartMark();
            error(at, path(depth) + childLabel(depth), "the alias *" + n.getAnchor() + " is used inside the value it names (&"
                    + n.getAnchor() + " at line " + (anchor.getLine() + 1) + ", column " + (anchor.getColumn() + 1)
                    + "), which would then contain itself");
            return true;
        }
        if (!PLAIN_TAGS.contains(n.getTag())) {
            error(n.getStartMark(), path(depth) + childLabel(depth), "YAML tags such as '" + n.getTag().getValue()
                    + "' are not allowed (expected plain values, lists and maps)");
            if (alias) {
                return true;
            } // where it is written, the walk goes on inside, to meet every alias use in document order
        }
        if (n instanceof MappingNode || n instanceof SequenceNode) {
            push(n, alias ? (aliasAt != null ? aliasAt : n.getStartMark()) : null);
        }
        return true;
    }

    private void push(Node n, Mark aliasAt) {
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

    private static int childCount(Node n) {
        return n instanceof MappingNode ? 2 * ((MappingNode) n).getValue().size() : ((SequenceNode) n).getValue().size();
    }

    private static Node childAt(Node n, int i) {
        if (n instanceof MappingNode) {
            NodeTuple t = ((MappingNode) n).getValue().get(i / 2);
            return i % 2 == 0 ? t.getKeyNode() : t.getValueNode();
        }
        return ((SequenceNode) n).getValue().get(i);
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
        Node parent = nodes[frame - 1];
        int i = next[frame - 1] - 1;
        if (parent instanceof SequenceNode) {
            return "[" + i + "]";
        }
        Node key = ((MappingNode) parent).getValue().get(i / 2).getKeyNode();
        return "." + (key instanceof ScalarNode ? ((ScalarNode) key).getValue() : "?");
    }

    private void error(Mark at, String key, String message) {
        String k = key.startsWith(".") ? key.substring(1) : key;
        r.errors.add(new Problem(r.file(), at.getLine() + 1, at.getColumn() + 1, k, message));
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode && key.getTag().equals(Tag.MERGE);
    }

    /**
     * Replaces the map's merge keys by the keys they bring that the map does not write: a map's own
     * keys win, then earlier merged maps (as SnakeYAML's constructor merges). The merged maps have
     * had their own merge keys applied already, when the walk left them.
     */
    private void applyMergeKeys(MappingNode m) {
        List<NodeTuple> tuples = m.getValue();
        boolean merges = false;
        for (NodeTuple t : tuples) {
            merges |= isMergeKey(t.getKeyNode());
        }
        if (!merges) {
            return;
        }
        String at = path(depth);
        List<NodeTuple> merged = new ArrayList<NodeTuple>(tuples.size());
        Set<String> written = new HashSet<String>();
        List<MappingNode> sources = new ArrayList<MappingNode>();
        for (NodeTuple t : tuples) {
            if (!isMergeKey(t.getKeyNode())) {
                merged.add(t);
                if (t.getKeyNode() instanceof ScalarNode) {
                    written.add(((ScalarNode) t.getKeyNode()).getValue());
                }
                continue;
            }
            Node v = t.getValueNode();
            if (v instanceof MappingNode) {
                sources.add((MappingNode) v);
            } else if (v instanceof SequenceNode) {
                List<Node> items = ((SequenceNode) v).getValue();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof MappingNode) {
                        sources.add((MappingNode) items.get(i));
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
        for (MappingNode source : sources) {
            if (source == m || endless.contains(source)) {
                continue; // reported as a value that contains itself
            }
            for (NodeTuple t : source.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode) || written.add(((ScalarNode) k).getValue())) {
                    merged.add(t);
                }
            }
        }
        m.setValue(merged);
        m.setMerged(false);
    }
}
