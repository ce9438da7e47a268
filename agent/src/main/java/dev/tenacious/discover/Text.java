package dev.tenacious.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formatting for the written file: YAML scalars, comment lines, durations, counts. */
final class Text {
    static final int WIDTH = 110;

    private Text() {
    }

    /** A double-quoted YAML scalar of printable ASCII (anything else becomes '?'). */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return b.append('"').toString();
    }

    /** Comment text: printable ASCII only, so nothing can end the comment or the line. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** {@code text} as comment lines at {@code indent}, wrapped at {@link #WIDTH}, continuation lines indented. */
    static void comment(StringBuilder out, String indent, String text) {
        String prefix = indent + "# ";
        String line = prefix;
        boolean first = true;
        for (String word : clean(text).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() + word.length() + 1 > WIDTH && line.trim().length() > 1) {
                out.append(trimEnd(line)).append('\n');
                line = prefix + "  ";
                first = false;
            }
            line += word + " ";
        }
        if (line.trim().length() > 1 || first) {
            out.append(trimEnd(line)).append('\n');
        }
    }

    private static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code 200 x 55, 503 x 51}, most frequent first, at most {@code max} names. */
    static String counts(Map<String, Long> m, int max) {
        List<String> parts = new ArrayList<String>();
        int n = 0;
        long rest = 0;
        for (Map.Entry<String, Long> e : Figures.byCount(m).entrySet()) {
            if (n++ < max) {
                parts.add(e.getKey() + " x " + e.getValue());
            } else {
                rest += e.getValue();
            }
        }
        if (rest > 0) {
            parts.add("others x " + rest);
        }
        return String.join(", ", parts);
    }

    /** A latency for a comment: {@code 850 us}, {@code 1.5 ms}, {@code 2.3 s}. */
    static String latency(long nanos) {
        if (nanos < 1_000_000) {
            return Math.max(1, nanos / 1000) + " us";
        }
        if (nanos < 1_000_000_000L) {
            double ms = nanos / 1e6;
            return (ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.valueOf(Math.round(ms))) + " ms";
        }
        double s = nanos / 1e9;
        return (s < 10 ? String.format(Locale.ROOT, "%.1f", s) : String.valueOf(Math.round(s))) + " s";
    }

    /** A duration a policy file reads, rounded up to 1, 2 or 5 of its unit: {@code 500ms}, {@code 2s}, {@code 10s}. */
    static String niceDuration(long nanos) {
        long ms = Math.max(1, (nanos + 999_999) / 1_000_000);
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= ms) {
                    long v = m * step;
                    return v >= 1000 && v % 1000 == 0 ? v / 1000 + "s" : v + "ms";
                }
            }
            step *= 10;
        }
    }

    static String percent(double fraction) {
        double p = fraction * 100;
        return (p > 0 && p < 1 ? String.format(Locale.ROOT, "%.1f", p) : String.valueOf(Math.round(p))) + "%";
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
