package dev.tenacious.config;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.List;

/**
 * Reads the YAML that policy files are written in (block mappings and lists, one-line flow lists and
 * maps, plain and quoted one-line scalars, comments) into the policy reader's {@link YamlNode} tree, the
 * same tree (positions and tags included) as SnakeYAML's composer gives, with this class alone instead
 * of SnakeYAML's scanner, parser, composer and node classes (about 100, whose loading and static state
 * were most of the agent's start-up); SnakeYAML's {@link Resolver} decides the tag of an uncommon plain
 * scalar such as {@code 0x1F} or {@code 12:30}. Anything else (anchors and
 * aliases, tags, block scalars, multi-line scalars, document markers, tabs, a syntax error...) makes it
 * decline: {@link #read} answers null and the file is read by SnakeYAML, which also words every error.
 *
 * <p>So this reader never accepts what SnakeYAML would refuse nor reads a file differently: the tests
 * hold it to that by reading every file of the configuration tests with both (and files changed at
 * random), comparing the trees.
 */
final class YamlSubset {
    /** Deeper than the full reader's limit is declined, so that the full reader words the error. */
    private static final int MAX_DEPTH = PolicyFileParser.MAX_NESTING - 2;
    /** SnakeYAML refuses a key longer than 1024 characters: declined well before. */
    private static final int MAX_KEY = 1000;

    /** Thrown to give up: the file is read by SnakeYAML. Shared, without a stack trace. */
    private static final class Declined extends RuntimeException {
        Declined() {
            super(null, null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();

    private final String s;
    private final int length;
    private int pos;
    private int line;
    private int lineStart;
    private int depth;
    private int values;
    private Resolver resolver;

    private YamlSubset(String text) {
        this.s = text;
        this.length = text.length();
    }

    /**
     * @return the root node, or null when the text is outside the subset (or empty): then read it with
     * SnakeYAML
     */
    static YamlNode read(String text) {
        if (text.length() > PolicyFileParser.MAX_FILE_BYTES || !plainCharacters(text)) {
            return null;
        }
        try {
            return new YamlSubset(text).document();
        } catch (Declined d) {
            return null;
        }
    }

    /** Printable characters and line feeds only: no tabs, no lone carriage returns, no byte order mark. */
    private static boolean plainCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f || c == '\n') {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c >= 0xa0 && c < 0xd800 || c >= 0xe000 && c <= 0xfffd && c != 0xfeff) {
                continue;
            }
            return false;
        }
        return true;
    }

    private YamlNode document() {
        skipEmptyLines();
        if (pos >= length) {
            throw DECLINED; // empty: SnakeYAML answers no node, and the reader says so
        }
        YamlNode root = block(column());
        if (pos < length) {
            throw DECLINED;
        }
        return root;
    }

    // ---- block structure: every method starts at a node's first character and ends at the next line's content, or the end

    private YamlNode block(int col) {
        deeper();
        YamlNode n;
        if (sequenceEntry()) {
            n = sequence(col);
        } else if (keyAhead()) {
            n = mapping(col);
        } else {
            n = inlineValue();
            endLine();
        }
        depth--;
        return n;
    }

    private YamlNode mapping(int col) {
        YamlNode.Position start = mark();
        YamlMap map = new YamlMap(YamlNode.MAP, start, false);
        while (true) {
            char c = s.charAt(pos);
            if (c == '?' || sequenceEntry()) {
                throw DECLINED;
            }
            YamlScalar key = scalar(false);
            if (pos >= length || s.charAt(pos) != ':' || key.getValue().length() > MAX_KEY) {
                throw DECLINED;
            }
            if (key.getScalarStyle() == YamlScalar.PLAIN && "<<".equals(key.getValue())) {
                throw DECLINED; // merge keys are the full reader's
            }
            pos++;
            YamlNode.Position afterColon = mark();
            skipSpaces();
            YamlNode value;
            if (atLineEnd()) {
                endLine();
                if (pos >= length) {
                    value = empty(afterColon);
                } else if (column() > col) {
                    value = block(column());
                } else if (column() == col && sequenceEntry()) {
                    deeper(); // a list written at its key's indentation, the value of that key
                    value = sequence(col);
                    depth--;
                } else {
                    value = empty(afterColon);
                }
            } else {
                if (sequenceEntry() || s.charAt(pos) == '?' || keyAhead()) {
                    throw DECLINED;
                }
                value = inlineValue();
                endLine();
            }
            map.getValue().add(new YamlEntry(key, value));
            if (pos >= length || column() < col) {
                break;
            }
            if (column() > col) {
                throw DECLINED;
            }
        }
        count();
        return map;
    }

    private YamlNode sequence(int col) {
        YamlNode.Position start = mark();
        YamlList list = new YamlList(YamlNode.SEQ, start, false);
        while (true) {
            pos++; // the '-'
            YamlNode.Position afterDash = mark();
            skipSpaces();
            YamlNode item;
            if (atLineEnd()) {
                endLine();
                item = pos < length && column() > col ? block(column()) : empty(afterDash);
            } else {
                if (sequenceEntry() || s.charAt(pos) == '?') {
                    throw DECLINED;
                }
                if (keyAhead()) {
                    deeper();
                    item = mapping(column());
                    depth--;
                } else {
                    item = inlineValue();
                    endLine();
                }
            }
            list.getValue().add(item);
            if (pos >= length || column() < col) {
                break;
            }
            if (column() > col) {
                throw DECLINED;
            }
            if (!sequenceEntry()) {
                break; // the parent decides: the next key of a mapping whose value this list was, or an error
            }
        }
        count();
        return list;
    }

    // ---- one line

    /** A scalar or a flow collection, on this line. */
    private YamlNode inlineValue() {
        char c = s.charAt(pos);
        if (c == '[' || c == '{') {
            YamlNode n = flow();
            skipSpaces();
            if (!atLineEnd()) {
                throw DECLINED; // a flow collection as a key, or text after it
            }
            return n;
        }
        YamlNode n = scalar(false);
        skipSpaces();
        if (!atLineEnd()) {
            throw DECLINED; // "a: b: c", or text after a quoted scalar
        }
        return n;
    }

    private YamlNode flow() {
        deeper();
        YamlNode.Position start = mark();
        boolean map = s.charAt(pos) == '{';
        char close = map ? '}' : ']';
        pos++;
        skipSpaces();
        YamlList list = map ? null : new YamlList(YamlNode.SEQ, start, true);
        YamlMap mapping = map ? new YamlMap(YamlNode.MAP, start, true) : null;
        if (pos < length && s.charAt(pos) == close) {
            pos++;
        } else {
            while (true) {
                if (map) {
                    YamlNode key = flowItem();
                    if (!(key instanceof YamlScalar) || ((YamlScalar) key).getValue().length() > MAX_KEY
                            || pos + 1 >= length || s.charAt(pos) != ':' || s.charAt(pos + 1) != ' ') {
                        throw DECLINED;
                    }
                    pos++;
                    skipSpaces();
                    mapping.getValue().add(new YamlEntry(key, flowItem()));
                } else {
                    list.getValue().add(flowItem());
                }
                skipSpaces();
                char c = pos < length ? s.charAt(pos) : '\n';
                if (c == close) {
                    pos++;
                    break;
                }
                if (c != ',') {
                    throw DECLINED;
                }
                pos++;
                skipSpaces();
                if (pos < length && s.charAt(pos) == close) {
                    throw DECLINED; // a trailing comma
                }
            }
        }
        depth--;
        count();
        return map ? mapping : list;
    }

    private YamlNode flowItem() {
        if (pos >= length) {
            throw DECLINED;
        }
        char c = s.charAt(pos);
        return c == '[' || c == '{' ? flow() : scalar(true);
    }

    /**
     * A one-line scalar: single- or double-quoted, or plain. A plain one ends at the end of the line,
     * a comment, or a ':' followed by a space or the line's end (in a flow collection also at
     * {@code , [ ] { }}); its trailing spaces are not part of it.
     */
    private YamlScalar scalar(boolean inFlow) {
        if (pos >= length) {
            throw DECLINED;
        }
        YamlNode.Position start = mark();
        char c = s.charAt(pos);
        if (blank(c)) {
            throw DECLINED;
        }
        if (c == '\'' || c == '"') {
            String value = c == '\'' ? singleQuoted() : doubleQuoted();
            count();
            return new YamlScalar(YamlNode.STR, value, c, start);
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0 && !(c == '-' && pos + 1 < length && !blank(s.charAt(pos + 1)))) {
            throw DECLINED;
        }
        int begin = pos;
        int end = pos;
        while (pos < length) {
            char d = s.charAt(pos);
            if (d == '\n' || d == '\r') {
                break;
            }
            if (d == ':' && (pos + 1 >= length || blank(s.charAt(pos + 1)))) {
                break;
            }
            if (d == '#' && s.charAt(pos - 1) == ' ') {
                break;
            }
            if (inFlow && (d == ',' || d == ']' || d == '}')) {
                break;
            }
            if (d == '[' || d == ']' || d == '{' || d == '}' || inFlow && (d == ':' || d == '#' || d == '?')) {
                throw DECLINED;
            }
            pos++;
            if (d != ' ') {
                end = pos;
            }
        }
        pos = end; // trailing spaces belong to no scalar
        String value = s.substring(begin, end);
        count();
        return new YamlScalar(tag(value), value, YamlScalar.PLAIN, start);
    }

    private String singleQuoted() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            char c = pos < length ? s.charAt(pos) : '\n';
            if (c == '\n' || c == '\r') {
                throw DECLINED; // a quoted scalar over several lines folds them: the full reader's
            }
            pos++;
            if (c == '\'') {
                if (pos < length && s.charAt(pos) == '\'') {
                    b.append('\'');
                    pos++;
                } else {
                    return b.toString();
                }
            } else {
                b.append(c);
            }
        }
    }

    private String doubleQuoted() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            char c = pos < length ? s.charAt(pos) : '\n';
            if (c == '\n' || c == '\r') {
                throw DECLINED;
            }
            pos++;
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = pos < length ? s.charAt(pos) : '\n';
                if (e != '\\' && e != '"') {
                    throw DECLINED; // other escapes are the full reader's
                }
                b.append(e);
                pos++;
            } else {
                b.append(c);
            }
        }
    }

    private YamlScalar empty(YamlNode.Position at) {
        count();
        return new YamlScalar(YamlNode.NULL, "", YamlScalar.PLAIN, at);
    }

    // ---- tags: SnakeYAML's implicit resolution, its common answers here and the rest asked of its Resolver

    private String tag(String v) {
        if (v.isEmpty()) {
            return YamlNode.NULL;
        }
        char c = v.charAt(0);
        if ("yYnNtTfFoO-+0123456789.<~!&*=".indexOf(c) < 0) {
            return YamlNode.STR; // no implicit resolver starts with this character
        }
        switch (v) {
            case "~": case "null": case "Null": case "NULL":
                return YamlNode.NULL;
            case "yes": case "Yes": case "YES": case "no": case "No": case "NO": case "true": case "True": case "TRUE":
            case "false": case "False": case "FALSE": case "on": case "On": case "ON": case "off": case "Off": case "OFF":
                return YamlNode.BOOL;
            default:
                break;
        }
        if ("yYnNtTfFoO".indexOf(c) >= 0) {
            return YamlNode.STR; // only booleans and nulls start with these
        }
        String number = number(v);
        if (number != null) {
            return number;
        }
        if (resolver == null) {
            resolver = new Resolver();
        }
        return resolver.resolve(NodeId.scalar, v, true).getValue();
    }

    /**
     * The common numbers and durations, decided without patterns: {@code 0} or {@code [1-9][0-9]*} is an
     * int, {@code [0-9]+.[0-9]+} a float, and digits (with or without a fraction) followed by letters of
     * which the first cannot continue a number ({@code 20ms}, {@code 1.5s}) a string. Null for anything else.
     */
    static String number(String v) {
        int i = 0;
        int n = v.length();
        while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            return null;
        }
        if (i == n) {
            return v.charAt(0) != '0' || n == 1 ? YamlNode.INT : null;
        }
        boolean fraction = false;
        if (v.charAt(i) == '.') {
            int f = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            if (i == f) {
                return null;
            }
            if (i == n) {
                return YamlNode.FLOAT;
            }
            fraction = true;
        }
        char unit = v.charAt(i);
        if (!(unit >= 'a' && unit <= 'z' || unit >= 'A' && unit <= 'Z') || unit == 'e' || unit == 'E'
                || !fraction && "bBxX".indexOf(unit) >= 0) {
            return null;
        }
        for (int j = i + 1; j < n; j++) {
            char d = v.charAt(j);
            if (!(d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z')) {
                return null;
            }
        }
        return YamlNode.STR;
    }

    // ---- positions and lines

    private YamlNode.Position mark() {
        return new YamlNode.Position(line, pos - lineStart);
    }

    /** One level deeper; declined past {@link #MAX_DEPTH}. The caller steps back with {@code depth--}. */
    private void deeper() {
        if (++depth > MAX_DEPTH) {
            throw DECLINED;
        }
    }

    private int column() {
        return pos - lineStart;
    }

    private void count() {
        if (++values > ExpandedTree.MAX_VALUES) {
            throw DECLINED;
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\n' || c == '\r';
    }

    /** A '-' followed by a space or the line's end. */
    private boolean sequenceEntry() {
        return s.charAt(pos) == '-' && (pos + 1 >= length || blank(s.charAt(pos + 1)));
    }

    /** Whether a scalar starting here is a mapping key: followed at once by ':' and a space or the line's end. */
    private boolean keyAhead() {
        int at = pos;
        int counted = values;
        try {
            scalar(false);
            return pos < length && s.charAt(pos) == ':' && (pos + 1 >= length || blank(s.charAt(pos + 1)));
        } catch (Declined notAScalar) {
            return false;
        } finally {
            pos = at;
            values = counted;
        }
    }

    private void skipSpaces() {
        while (pos < length && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** At the end of the line, or of the file, or at a comment. */
    private boolean atLineEnd() {
        if (pos >= length) {
            return true;
        }
        char c = s.charAt(pos);
        return c == '\n' || c == '\r' || c == '#' && (pos == lineStart || s.charAt(pos - 1) == ' ');
    }

    /** Past what remains of this line (spaces and a comment only, else declined), then past empty and comment lines. */
    private void endLine() {
        skipSpaces();
        if (!atLineEnd()) {
            throw DECLINED;
        }
        while (pos < length && s.charAt(pos) != '\n') {
            pos++;
        }
        if (pos < length) {
            nextLine();
        }
        skipEmptyLines();
    }

    /** From the start of a line: to the first character of the next line with content, or to the end. */
    private void skipEmptyLines() {
        while (pos < length) {
            skipSpaces();
            if (pos < length && s.charAt(pos) != '\n' && s.charAt(pos) != '\r' && s.charAt(pos) != '#') {
                if (pos == lineStart && (s.startsWith("---", pos) || s.startsWith("...", pos) || s.charAt(pos) == '%')) {
                    throw DECLINED; // document markers and directives are the full reader's
                }
                return;
            }
            while (pos < length && s.charAt(pos) != '\n') {
                pos++;
            }
            if (pos < length) {
                nextLine();
            }
        }
    }

    private void nextLine() {
        pos++;
        line++;
        lineStart = pos;
    }
}
