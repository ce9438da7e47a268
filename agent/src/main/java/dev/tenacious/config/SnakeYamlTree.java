package dev.tenacious.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SnakeYAML's tree as the policy reader's ({@link YamlNode}): a node that aliases make appear in several
 * places stays one node (so {@link ExpandedTree} still sees where an alias is used, and a value that
 * contains itself still contains itself).
 */
final class SnakeYamlTree {
    private final Map<Node, YamlNode> converted = new IdentityHashMap<Node, YamlNode>();

    private SnakeYamlTree() {
    }

    static YamlNode of(Node root) {
        return root == null ? null : new SnakeYamlTree().convert(root);
    }

    static YamlNode.Position at(Mark m) {
        return new YamlNode.Position(m.getLine(), m.getColumn());
    }

    /** Recursive: composed trees are at most {@link PolicyFileParser#MAX_NESTING} deep, and each node is converted once. */
    private YamlNode convert(Node n) {
        YamlNode done = converted.get(n);
        if (done != null) {
            return done;
        }
        YamlNode y = create(n);
        y.setAnchor(n.getAnchor());
        converted.put(n, y);
        if (n instanceof SequenceNode) {
            for (Node item : ((SequenceNode) n).getValue()) {
                ((YamlList) y).getValue().add(convert(item));
            }
        } else if (n instanceof MappingNode) {
            for (NodeTuple t : ((MappingNode) n).getValue()) {
                ((YamlMap) y).getValue().add(new YamlEntry(convert(t.getKeyNode()), convert(t.getValueNode())));
            }
        }
        return y;
    }

    /** The node alone, its items or entries still to add: an alias inside it may lead back to it. */
    private static YamlNode create(Node n) {
        String tag = n.getTag().getValue();
        if (n instanceof ScalarNode) {
            ScalarNode s = (ScalarNode) n;
            Character style = s.getScalarStyle().getChar();
            return new YamlScalar(tag, s.getValue(), style == null ? YamlScalar.PLAIN : style, at(n.getStartMark()));
        }
        boolean flow = n instanceof MappingNode ? ((MappingNode) n).getFlowStyle() == DumperOptions.FlowStyle.FLOW
                : ((SequenceNode) n).getFlowStyle() == DumperOptions.FlowStyle.FLOW;
        return n instanceof SequenceNode ? new YamlList(tag, at(n.getStartMark()), flow)
                : new YamlMap(tag, at(n.getStartMark()), flow);
    }
}
