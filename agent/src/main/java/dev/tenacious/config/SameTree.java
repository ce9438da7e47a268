package dev.tenacious.config;

import java.util.List;

/**
 * Compares two node trees as the policy reader sees them: kinds, tags, values, scalar and collection
 * styles, and where each node starts. For {@code -Dtenacious.yaml=check}, which reads a file with both
 * {@link YamlSubset} and SnakeYAML ({@link SnakeYamlTree}).
 */
final class SameTree {
    private SameTree() {
    }

    /** @return null when the trees are the same, else the first difference, with its position */
    static String difference(YamlNode a, YamlNode b) {
        String at = "line " + (b.getStartMark().getLine() + 1) + " column " + (b.getStartMark().getColumn() + 1);
        if (a.getClass() != b.getClass() || !a.getTag().equals(b.getTag())
                || a.getStartMark().getLine() != b.getStartMark().getLine()
                || a.getStartMark().getColumn() != b.getStartMark().getColumn()) {
            return at + ": " + describe(a) + " against " + describe(b);
        }
        if (a instanceof YamlScalar) {
            YamlScalar x = (YamlScalar) a;
            YamlScalar y = (YamlScalar) b;
            return x.getValue().equals(y.getValue()) && x.getScalarStyle() == y.getScalarStyle() ? null
                    : at + ": " + describe(a) + " against " + describe(b);
        }
        if (a instanceof YamlList) {
            List<YamlNode> x = ((YamlList) a).getValue();
            List<YamlNode> y = ((YamlList) b).getValue();
            if (x.size() != y.size() || ((YamlList) a).isFlow() != ((YamlList) b).isFlow()) {
                return at + ": a list of " + x.size() + " against " + y.size() + " (or another style)";
            }
            for (int i = 0; i < x.size(); i++) {
                String d = difference(x.get(i), y.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        List<YamlEntry> x = ((YamlMap) a).getValue();
        List<YamlEntry> y = ((YamlMap) b).getValue();
        if (x.size() != y.size() || ((YamlMap) a).isFlow() != ((YamlMap) b).isFlow()) {
            return at + ": a map of " + x.size() + " against " + y.size() + " (or another style)";
        }
        for (int i = 0; i < x.size(); i++) {
            String d = difference(x.get(i).getKeyNode(), y.get(i).getKeyNode());
            if (d == null) {
                d = difference(x.get(i).getValueNode(), y.get(i).getValueNode());
            }
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String describe(YamlNode n) {
        return n.getClass().getSimpleName() + " " + n.getTag() + " at " + (n.getStartMark().getLine() + 1) + ":"
                + (n.getStartMark().getColumn() + 1) + (n instanceof YamlScalar
                ? " '" + ((YamlScalar) n).getValue() + "' " + ((YamlScalar) n).getScalarStyle() : "");
    }
}
