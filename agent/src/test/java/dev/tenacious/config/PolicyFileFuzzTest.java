package dev.tenacious.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutants of the repository's policy files (the demo's {@code policies.yaml} and README's yaml
 * blocks): whatever a file holds, the parser answers with a valid file or with errors that each
 * have a line, a column and a message; nothing escapes it, and no file takes a second.
 */
class PolicyFileFuzzTest {
    static final long SEED = 15;
    static final int MUTANTS = 3_000;
    static final long MAX_NANOS_PER_FILE = 1_000_000_000L;

    static final String[] REPLACEMENTS = {
            "0", "1", "-1", "3", "1000001", "99999999999999999999999999", "1e309", "-0", "0.0", "NaN", ".inf",
            "-5s", "-1.5 s", "0ms", "200", "200ms", "1.5s", "9999999h", "2 m", "50", "50%", "%", "50%%", "-10%", "0.5",
            "true", "false", "yes", "maybe", "null", "~", "''", "\"\"", "[]", "{}", "[a, b]", "{a: 1}", "[[[[1]]]]",
            "{ maxAttempts: 2, backoff: { initial: 1ms } }", "[{class: A}]", "[{preset: jdbc}]", "*a", "*nope",
            "&a x", "&a [*a]", "&a { <<: *a }", "{ <<: *a }", "{ <<: [*a, *a] }", "{ <<: 5 }", "\"<<\"", "<<",
            "com.acme.**.*Client", "**a**a**a**a**a**a**a**a**z", "\"<init>\"", "java.io.IOException", "\"ünï©ødé ☃\"",
            "\"\\e[2K\\n[tenacious] reloaded\"", "\"\\u202e\\0\\x07\"", "\"\\uD800\"", "'::1'", "\"[::1]\"", "999.1.1.1",
            "!!str x", "!custom x", "!!javax.script.ScriptEngineManager [x]", "|\n  block", ">-\n  folded", "\"unterminated",
            "'a''b'", "? complex\n  : key", "- x", "a: b: c", "\t", "@reserved", "`tick", "#", "x #comment", "[x", "{x",
    };

    /** The seeds: the demo's policy file, and README's yaml blocks; read from the repository root. */
    static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<String>();
        seeds.add(read(Paths.get("../policies.yaml")));
        List<String> block = null;
        for (String line : read(Paths.get("../README.md")).split("\n", -1)) {
            if (block == null && line.trim().equals("```yaml")) {
                block = new ArrayList<String>();
            } else if (block != null && line.trim().equals("```")) {
                seeds.add(String.join("\n", block) + "\n");
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return seeds;
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    static String mutate(String seed, Random random) {
        List<String> lines = new ArrayList<String>(Arrays.asList(seed.split("\n", -1)));
        for (int m = 1 + random.nextInt(4); m > 0 && !lines.isEmpty(); m--) {
            int i = random.nextInt(lines.size());
            String line = lines.get(i);
            switch (random.nextInt(9)) {
                case 0:
                    lines.remove(i);
                    break;
                case 1:
                    lines.add(i, line);
                    break;
                case 2:
                    int j = random.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                    break;
                case 3:
                    int shift = random.nextInt(9) - 4;
                    lines.set(i, shift >= 0 ? " ".repeat(shift) + line : line.substring(Math.min(-shift, leadingSpaces(line))));
                    break;
                case 4:
                case 5:
                case 6:
                    lines.set(i, replaceScalar(line, REPLACEMENTS[random.nextInt(REPLACEMENTS.length)], random));
                    break;
                case 7:
                    lines.add(i, " ".repeat(leadingSpaces(line)) + (random.nextBoolean() ? "<<: *a" : "x: &a " + line.trim()));
                    break;
                default:
                    return String.join("\n", lines).substring(0, random.nextInt(String.join("\n", lines).length() + 1));
            }
        }
        return String.join("\n", lines);
    }

    static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** Replaces one scalar of the line: the value after a key, or an item of a flow list or map. */
    static String replaceScalar(String line, String replacement, Random random) {
        List<int[]> spans = new ArrayList<int[]>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ',';
            boolean delimiter = c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == ':' || c == '#';
            if (delimiter || c == ' ' && start < 0) {
                if (start >= 0) {
                    spans.add(new int[] {start, i});
                    start = -1;
                }
            } else if (start < 0 && c != ' ' && c != '-') {
                start = i;
            }
        }
        if (spans.isEmpty()) {
            return line + " " + replacement;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return line.substring(0, s[0]) + replacement + line.substring(s[1]);
    }

    @Test
    void everyMutantIsAValidFileOrPositionedErrorsQuickly() throws IOException {
        List<String> seeds = seeds();
        assertTrue(seeds.size() >= 5, "policies.yaml and README's yaml blocks (four when this test was written): " + seeds.size());
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<String>();
        int valid = 0;
        for (int n = 0; n < MUTANTS; n++) {
            String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            long start = System.nanoTime();
            ParseResult r;
            try {
                r = PolicyFileParser.parse("fuzz.yaml", mutant);
            } catch (Throwable t) {
                failures.add("mutant " + n + " threw " + t + "\n" + mutant);
                continue;
            }
            long nanos = System.nanoTime() - start;
            if (nanos > MAX_NANOS_PER_FILE) {
                failures.add("mutant " + n + " took " + nanos / 1_000_000 + " ms\n" + mutant);
            }
            if (r.isValid()) {
                valid++;
                if (r.file() == null) {
                    failures.add("mutant " + n + " is valid without a file\n" + mutant);
                }
            }
            for (Problem p : r.errors()) {
                if (p.line() < 1 || p.column() < 1 || p.message() == null || p.message().isEmpty()
                        || p.toString().contains("\n") || p.message().contains(PolicyFileParser.INTERNAL_ERROR)) {
                    failures.add("mutant " + n + ": " + p + "\n" + mutant);
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + MUTANTS + " mutants failed; the first:\n"
                + String.join("\n----\n", failures.subList(0, Math.min(5, failures.size()))));
        assertTrue(valid > 0 && valid < MUTANTS, "some mutants stay valid, most do not: " + valid);
    }
}
