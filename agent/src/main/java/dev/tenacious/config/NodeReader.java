package dev.tenacious.config;


import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads from a composed YAML tree. Every read that fails records a {@link Problem} at the node's
 * position and returns null, so one pass reports every error in the file.
 */
final class NodeReader {
    private final String file;
    final List<Problem> errors = new ArrayList<Problem>();
    final List<Problem> warnings = new ArrayList<Problem>();

    NodeReader(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    String where(YamlNode n) {
        return file + ":" + (n.getStartMark().getLine() + 1) + ":" + (n.getStartMark().getColumn() + 1);
    }

    void error(YamlNode n, String key, String message) {
        errors.add(new Problem(file, n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1, key, message));
    }

    void warning(YamlNode n, String key, String message) {
        warnings.add(new Problem(file, n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1, key, message));
    }

    /**
     * The entries of a map, checking that keys are plain, unique and among {@code allowed}.
     *
     * @return key to value node, or null if {@code n} is not a map
     */
    Map<String, YamlNode> map(YamlNode n, String key, Collection<String> allowed) {
        if (!(n instanceof YamlMap)) {
            error(n, key, "expected a map with keys " + String.join(", ", allowed) + ", got " + describe(n));
            return null;
        }
        Map<String, YamlNode> result = new LinkedHashMap<String, YamlNode>();
        for (YamlEntry t : ((YamlMap) n).getValue()) {
            YamlNode k = t.getKeyNode();
            if (!(k instanceof YamlScalar)) {
                error(k, key, "expected a plain key, got " + describe(k));
                continue;
            }
            String name = ((YamlScalar) k).getValue();
            String path = key.isEmpty() ? name : key + "." + name;
            if (!allowed.contains(name)) {
                error(k, path, "unknown key" + Suggestions.didYouMean(name, allowed)
                        + " (expected one of " + String.join(", ", allowed) + ")");
                continue;
            }
            if (result.containsKey(name)) {
                error(k, path, "duplicate key (first given at line " + (result.get(name).getStartMark().getLine() + 1) + ")");
                continue;
            }
            result.put(name, t.getValueNode());
        }
        return result;
    }

    /** A key of a map, for error positions: the value node's own position is what editors show. */
    static String path(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    String scalar(YamlNode n, String key, String expected) {
        if (!(n instanceof YamlScalar) || n.getTag().equals(YamlNode.NULL)) {
            error(n, key, "expected " + expected + ", got " + describe(n));
            return null;
        }
        return ((YamlScalar) n).getValue().trim();
    }

    String string(YamlNode n, String key) {
        String s = scalar(n, key, "a string");
        if (s != null && s.isEmpty()) {
            error(n, key, "expected a non-empty string");
            return null;
        }
        return s;
    }

    Boolean bool(YamlNode n, String key) {
        String s = scalar(n, key, "true or false");
        if (s == null) {
            return null;
        }
        String v = s.toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return Boolean.TRUE;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off")) {
            return Boolean.FALSE;
        }
        error(n, key, "expected true or false, got '" + s + "'");
        return null;
    }

    Integer integer(YamlNode n, String key, int min, int max) {
        String s = scalar(n, key, "an integer");
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                error(n, key, "expected an integer from " + min + " to " + max + ", got " + s);
                return null;
            }
            return (int) v;
        } catch (NumberFormatException e) {
            error(n, key, "expected an integer from " + min + " to " + max + ", got '" + s + "'");
            return null;
        }
    }

    Double number(YamlNode n, String key, double min, double max) {
        String s = scalar(n, key, "a number");
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            if (!(v >= min && v <= max)) {
                error(n, key, "expected a number from " + min + " to " + max + ", got " + s);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            error(n, key, "expected a number from " + min + " to " + max + ", got '" + s + "'");
            return null;
        }
    }

    /** A rate as {@code 50%} or {@code 0.5}, returned as a fraction. */
    Double rate(YamlNode n, String key, double maxFraction) {
        String s = scalar(n, key, "a rate such as 50% or 0.5");
        if (s == null) {
            return null;
        }
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0
                    : Double.parseDouble(s);
            if (!(v >= 0 && v <= maxFraction)) {
                // 50 for 50%: a percentage without its sign
                boolean percent = !s.endsWith("%") && v / 100.0 >= 0 && v / 100.0 <= maxFraction;
                error(n, key, "expected a rate from 0% to " + Math.round(maxFraction * 100) + "%, got " + s
                        + (percent ? " (did you mean " + s + "%?)" : ""));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            error(n, key, "expected a rate such as 50% or 0.5, got '" + s + "'");
            return null;
        }
    }

    /** A duration with a unit ({@code ms}, {@code s}, {@code m}, {@code h}), in nanoseconds. */
    Long duration(YamlNode n, String key, boolean zeroAllowed) {
        String expected = "a duration with a unit, such as 200ms, 2s, 1m" + (zeroAllowed ? " (or 0)" : "");
        String s = scalar(n, key, expected);
        if (s == null) {
            return null;
        }
        if (zeroAllowed && s.equals("0")) {
            return 0L;
        }
        if (s.startsWith("-") && s.length() > 1 && isDuration(s.substring(1), zeroAllowed)) {
            error(n, key, "a duration cannot be negative, got '" + s + "'");
            return null;
        }
        int digits = durationNumberEnd(s);
        int unitStart = digits;
        while (unitStart < s.length() && " \t\n\u000B\f\r".indexOf(s.charAt(unitStart)) >= 0) {
            unitStart++;
        }
        String unit = s.substring(unitStart);
        if (digits == 0 || !(unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h"))) {
            error(n, key, "expected " + expected + ", got '" + s + "'");
            return null;
        }
        double amount = Double.parseDouble(s.substring(0, digits));
        double nanos = amount * (unit.equals("ms") ? 1e6 : unit.equals("s") ? 1e9 : unit.equals("m") ? 60e9 : 3600e9);
        if (nanos > 365 * 24 * 3600e9) {
            error(n, key, "expected at most a year, got '" + s + "'");
            return null;
        }
        if (nanos == 0 && !zeroAllowed) {
            error(n, key, "expected a duration greater than 0, got '" + s + "'");
            return null;
        }
        return (long) nanos;
    }

    private static boolean isDuration(String s, boolean zeroAllowed) {
        if (zeroAllowed && s.equals("0")) {
            return true;
        }
        int digits = durationNumberEnd(s);
        String unit = s.substring(digits).trim();
        return digits > 0 && (unit.equals("ms") || unit.equals("s") || unit.equals("m") || unit.equals("h"));
    }

    /** Where the number of a duration ends: digits, optionally a point and more digits; 0 if none. */
    static int durationNumberEnd(String s) {
        int i = digitsFrom(s, 0);
        if (i == 0) {
            return 0;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int j = digitsFrom(s, i + 1);
            return j == i + 1 ? 0 : j;
        }
        return i;
    }

    private static int digitsFrom(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    String oneOf(YamlNode n, String key, List<String> options) {
        String s = scalar(n, key, "one of " + String.join(", ", options));
        if (s == null) {
            return null;
        }
        if (!options.contains(s)) {
            error(n, key, "expected one of " + String.join(", ", options) + ", got '" + s + "'"
                    + Suggestions.didYouMean(s, options));
            return null;
        }
        return s;
    }

    /** A list of scalars; a single scalar is accepted as a one-element list. */
    List<YamlNode> list(YamlNode n, String key) {
        if (n instanceof YamlList) {
            return ((YamlList) n).getValue();
        }
        if (n instanceof YamlScalar && !n.getTag().equals(YamlNode.NULL)) {
            return java.util.Collections.singletonList(n);
        }
        error(n, key, "expected a list, got " + describe(n));
        return null;
    }

    static String describe(YamlNode n) {
        if (n instanceof YamlMap) {
            return "a map";
        }
        if (n instanceof YamlList) {
            return "a list";
        }
        if (n.getTag().equals(YamlNode.NULL)) {
            return "nothing";
        }
        return "'" + ((YamlScalar) n).getValue() + "'";
    }
}
