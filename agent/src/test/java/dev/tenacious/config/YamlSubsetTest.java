package dev.tenacious.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick YAML reader against SnakeYAML's composer: wherever it reads a file, it reads the same tree
 * (kinds, tags, values, styles, positions); wherever SnakeYAML refuses a file, it declines.
 */
class YamlSubsetTest {
    static final long SEED = Long.getLong("seed", 2026);
    static final int MUTANTS = Integer.getInteger("mutants", 30_000);
    /** What a character-level mutation inserts or puts in place of a character. */
    static final String ALPHABET = " -:#,[]{}'\"\n\r\t?&*!|>%@`~<=\\.0123456789aeoxyNTZ_$é";

    static YamlNode snakeYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(PolicyFileParser.MAX_NESTING);
        Node root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                .getSingleNode();
        return SnakeYamlTree.of(root);
    }

    static void sameAsSnakeYaml(String text) {
        YamlNode quick = YamlSubset.read(text);
        assertNotNull(quick, () -> "declined:\n" + text);
        assertNull(SameTree.difference(quick, snakeYaml(text)), text);
    }

    @Test
    void theDemoPolicyFileAndReadmesExamplesAreReadAsSnakeYamlReadsThem() throws IOException {
        List<String> seeds = PolicyFileFuzzTest.seeds();
        sameAsSnakeYaml(seeds.get(0)); // policies.yaml
        int read = 0;
        for (String seed : seeds) {
            YamlNode quick = YamlSubset.read(seed);
            if (quick != null) {
                read++;
                assertNull(SameTree.difference(quick, snakeYaml(seed)), seed);
            }
        }
        assertTrue(read >= seeds.size() - 1, read + " of " + seeds.size() + " read (README's example of anchors is declined)");
    }

    @Test
    void theShapesOfPolicyFilesAreRead() {
        sameAsSnakeYaml("version: 1\npolicies:\n- name: a\n  match:\n  - { class: com.acme.*Client, method: get* }\n"
                + "  retry: { maxAttempts: 3 }\n- name: b\n  match: [ {preset: jdbc} ]\n");
        sameAsSnakeYaml("# comment\n\nversion: 1   # trailing\nsettings:\n    log: info\n    metrics:\n        jmx: true\n"
                + "policies:\n  -   name: x\n      match:\n        - class: 'A'\n          method: \"get\"\n");
        sameAsSnakeYaml("a:\nb: ~\nc:\n  # only a comment\nd: [ ]\ne: {}\n");
        sameAsSnakeYaml("version: 1\r\npolicies:\r\n- name: crlf\r\n  match: [{class: A}]\r\n");
        sameAsSnakeYaml("list:\n-\n- x\n-   \n- 'it''s'\n- \"say \\\"hi\\\" \\\\ \"\n");
        sameAsSnakeYaml("url: http://host:8080/a#b, c\nspaced key: v a l  \nk: a #comment\n");
        sameAsSnakeYaml("- a\n- b:\n  - c\n  d: e\n");
        sameAsSnakeYaml("a:\n  b:\n    c:\n      d: [x, [y, {z: 1}], 'q']\n");
        sameAsSnakeYaml("name: ünïcødé ☃\n");
    }

    @Test
    void scalarsGetSnakeYamlsTags() {
        String[] values = {"0", "00", "07", "08", "09", "1", "10", "1_000", "-1", "+1", "-0", "1.5", "1.", ".5", "0.0", "1e3",
                "1.5e3", "2E5", "20ms", "200ms", "1.5s", "2s", "1h", "0x1F", "0b101", "0o7", "12:30", "1:20:30", "1:20.5",
                "2026-01-01", "2026-1-1 10:00:00", "yes", "Yes", "YES", "no", "y", "n", "on", "Off", "true", "False", "tRue",
                "~", "null", "Null", "nULL", "nothing", "<", "<=", "=", ".inf", "-.Inf", ".NaN", "-", "--", "-x", "+", ".",
                "9999999999999999999999", "1_0.5", "50%", "3x", "3b", "0b", "1.5x", "1.5e", "4 s", "a b", "$x", "${X}"};
        for (String v : values) {
            String text = "k: " + v + "\n";
            YamlNode quick = YamlSubset.read(text);
            if (quick != null) {
                assertNull(SameTree.difference(quick, snakeYaml(text)), text);
            }
        }
        sameAsSnakeYaml("k: 20ms\n");
        assertEquals("tag:yaml.org,2002:int", value(YamlSubset.read("k: 4\n")).getTag());
        assertEquals("tag:yaml.org,2002:str", value(YamlSubset.read("k: 500ms\n")).getTag());
    }

    @Test
    void theComparisonSeesEachKindOfDifference() {
        YamlNode tree = YamlSubset.read("a: [1, x]\n");
        assertNull(SameTree.difference(tree, YamlSubset.read("a: [1, x]  # same\n")));
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a:  [1, x]\n")), "a position");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a: [1, 'x']\n")), "a style");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a: [1, y]\n")), "a value");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a: [x, x]\n")), "a tag");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a: [1, x, 2]\n")), "a size");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a:\n- 1\n- x\n")), "flow against block");
        assertNotNull(SameTree.difference(tree, YamlSubset.read("a: {1: x}\n")), "a kind");
    }

    @Test
    void whatIsNotInTheSubsetIsDeclined() {
        String[] outside = {
                "", "# only a comment\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n",
                "a: b\n  continued\n", "---\na: 1\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n", "a:\t1\n", "\uFEFFa: 1\n",
                "a: 'multi\n  line'\n", "a: \"\\n\"\n", "? complex\n: key\n", "a: [x,\n  y]\n", "<<: {a: 1}\n", "- - x\n",
                "a: [x,]\n", "a: b: c\n", "a\r: 1\n", "a: {x:1}\n", "a: [x: 1]\n",
        };
        for (String text : outside) {
            assertNull(YamlSubset.read(text), text);
        }
    }

    @Test
    void mutantsThatAreReadAreReadAsSnakeYamlReadsThem() throws IOException {
        List<String> seeds = PolicyFileFuzzTest.seeds();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<String>();
        int read = 0;
        for (int n = 0; n < MUTANTS; n++) {
            String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            YamlNode quick;
            try {
                quick = YamlSubset.read(mutant);
            } catch (RuntimeException e) {
                failures.add("threw " + e + ":\n" + mutant);
                continue;
            }
            if (quick == null) {
                continue;
            }
            read++;
            YamlNode full;
            try {
                full = snakeYaml(mutant);
            } catch (RuntimeException refused) {
                failures.add("read what SnakeYAML refuses (" + refused.getMessage().replace('\n', ' ') + "):\n" + mutant);
                continue;
            }
            String difference = full == null ? "SnakeYAML read no node" : SameTree.difference(quick, full);
            if (difference != null) {
                failures.add(difference + ":\n" + mutant);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + MUTANTS + " mutants; the first:\n"
                + String.join("\n----\n", failures.subList(0, Math.min(3, failures.size()))));
        assertTrue(read > MUTANTS / 4, "most mutants stay in the subset, so the comparison means something: " + read);
    }

    /** One to three characters inserted, deleted or replaced, or a line-level mutation of the policy fuzz test. */
    static String mutate(String seed, Random random) {
        if (random.nextInt(4) == 0) {
            return PolicyFileFuzzTest.mutate(seed, random);
        }
        StringBuilder b = new StringBuilder(seed);
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int i = random.nextInt(b.length() + 1);
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0:
                    b.insert(i, c);
                    break;
                case 1:
                    if (i < b.length()) {
                        b.deleteCharAt(i);
                    }
                    break;
                default:
                    if (i < b.length()) {
                        b.setCharAt(i, c);
                    }
            }
        }
        return b.toString();
    }

    private static YamlScalar value(YamlNode root) {
        return (YamlScalar) ((YamlMap) root).getValue().get(0).getValueNode();
    }
}
