package dev.tenacious.matching;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void literalMatchesOnlyItself() {
        Glob g = Glob.of("com.acme.PaymentClient");
        assertTrue(g.matches("com.acme.PaymentClient"));
        assertFalse(g.matches("com.acme.PaymentClients"));
        assertFalse(g.matches("com.acme.Payment"));
    }

    @Test
    void singleStarStopsAtDots() {
        Glob g = Glob.of("com.acme.*Client");
        assertTrue(g.matches("com.acme.PaymentClient"));
        assertTrue(g.matches("com.acme.Client"));
        assertFalse(g.matches("com.acme.pay.PaymentClient"));
        assertEquals("com.acme.", g.literalPrefix());
    }

    @Test
    void doubleStarCrossesDots() {
        Glob g = Glob.of("com.acme.**.*Gateway");
        assertTrue(g.matches("com.acme.pay.CardGateway"));
        assertTrue(g.matches("com.acme.a.b.c.Gateway"));
        assertTrue(g.matches("com.acme.CardGateway"), "'**.' also matches zero packages");
        assertFalse(g.matches("com.acme.CardGatewayX"));
        assertFalse(g.matches("org.acme.pay.CardGateway"));
        assertTrue(Glob.of("com.acme.**").matches("com.acme.x.Y$Z"));
    }

    @Test
    void questionMarkIsOneCharacterButNotADot() {
        Glob g = Glob.of("get?");
        assertTrue(g.matches("getX"));
        assertFalse(g.matches("get"));
        assertFalse(g.matches("getXY"));
        assertFalse(Glob.of("a?b").matches("a.b"));
    }

    @Test
    void methodPatternsWithTrailingStar() {
        Glob g = Glob.of("charge*");
        assertTrue(g.matches("charge"));
        assertTrue(g.matches("chargeCard"));
        assertFalse(g.matches("refund"));
        assertTrue(Glob.of("*").matches("anything"));
    }

    @Test
    void binaryNamesOfNestedClassesAreLiteral() {
        assertTrue(Glob.of("com.acme.Outer$Inner").matches("com.acme.Outer$Inner"));
        assertTrue(Glob.of("com.acme.Outer$*").matches("com.acme.Outer$Inner"));
        assertFalse(Glob.of("com.acme.Outer$*").matches("com.acme.Outer"));
    }

    @Test
    void starInTheMiddleBacktracks() {
        Glob g = Glob.of("*Service*Impl");
        assertTrue(g.matches("OrderServiceV2Impl"));
        assertTrue(g.matches("ServiceImpl"));
        assertFalse(g.matches("OrderServiceImplX"));
    }

    /** A name that counts how often the matcher reads one of its characters. */
    static final class CountingName implements CharSequence {
        private final String name;
        int reads;

        CountingName(String name) {
            this.name = name;
        }

        @Override
        public int length() {
            return name.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return name.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException("the matcher reads characters one by one");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void matchingReadsEachCharacterOfTheNameOnceWhateverThePattern() {
        // backtracking took 1.5 s for this pattern against a 44-character name
        Glob g = Glob.of("**a**a**a**a**a**a**a**a**z");
        CountingName name = new CountingName("a".repeat(44));
        assertFalse(g.matches(name));
        assertEquals(1, name.reads, "refused on its last character, which the pattern's literal suffix names");
        CountingName sevenAs = new CountingName("a".repeat(7) + "b".repeat(36) + "z");
        assertFalse(g.matches(sevenAs));
        assertEquals(44 + 1, sevenAs.reads, "each character once, and the suffix's once more");
        CountingName dotted = new CountingName("com.acme." + "x.".repeat(20) + "PayClient");
        assertTrue(Glob.of("com.acme.**.*Client").matches(dotted));
        assertEquals(dotted.length() + "Client".length(), dotted.reads);
    }

    /** The backtracking matcher Glob used before it read names in linear time: the semantics to keep. */
    static boolean backtracking(String pattern, int pi, String name, int ni) {
        while (pi < pattern.length()) {
            char c = pattern.charAt(pi);
            if (c == '*') {
                boolean deep = pi + 1 < pattern.length() && pattern.charAt(pi + 1) == '*';
                int next = deep ? pi + 2 : pi + 1;
                while (next < pattern.length() && pattern.charAt(next) == '*') {
                    next++;
                    deep = true;
                }
                if (next == pattern.length()) {
                    return deep || name.indexOf('.', ni) < 0;
                }
                if (deep && pattern.charAt(next) == '.' && backtracking(pattern, next + 1, name, ni)) {
                    return true;
                }
                for (int k = ni; k <= name.length(); k++) {
                    if (backtracking(pattern, next, name, k)) {
                        return true;
                    }
                    if (k < name.length() && !deep && name.charAt(k) == '.') {
                        return false;
                    }
                }
                return false;
            }
            if (ni >= name.length()) {
                return false;
            }
            char n = name.charAt(ni);
            if (c == '?' ? n == '.' : c != n) {
                return false;
            }
            pi++;
            ni++;
        }
        return ni == name.length();
    }

    static String random(Random random, String alphabet, int min, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void matchesExactlyWhatTheBacktrackingMatcherMatched() {
        Random random = new Random(15);
        for (int i = 0; i < 50_000; i++) {
            String pattern = random(random, "ab.*?", 1, 9);
            String name = random(random, "ab.", 0, 10);
            assertEquals(backtracking(pattern, 0, name, 0), Glob.of(pattern).matches(name), pattern + " against " + name);
        }
    }

    @Test
    void patternsOfSixtyFourStepsOrMoreMatchAsShortOnesDo() {
        Random random = new Random(64);
        String middle = "ab.".repeat(25);
        for (int i = 0; i < 5_000; i++) {
            // a wildcard first, so that the 75 steps of the middle come after the literal prefix
            String pattern = random(random, "*?", 1, 1) + random(random, "ab.*?", 0, 3) + middle + random(random, "ab.*?", 0, 5);
            String name = random(random, "ab.", 0, 4) + middle + random(random, "ab.", 0, 5);
            assertEquals(backtracking(pattern, 0, name, 0), Glob.of(pattern).matches(name), pattern + " against " + name);
        }
    }

    @Test
    void everyMatchStartsWithTheLiteralPrefixAndEndsWithTheLiteralSuffix() {
        assertEquals("Client", Glob.of("com.acme.**.*Client").literalSuffix());
        assertEquals("Client", Glob.of("com.acme.**.Client").literalSuffix(), "'**.' may match nothing");
        assertEquals("", Glob.of("gen.p1.C10?").literalSuffix());
        assertEquals("com.acme.Client", Glob.of("com.acme.Client").literalSuffix());
        assertTrue(Glob.of("com.acme**.Client").matches("com.acmeClient"));
        Random random = new Random(16);
        for (int i = 0; i < 50_000; i++) {
            Glob g = Glob.of(random(random, "ab.*?", 1, 9));
            String name = random(random, "ab.", 0, 10);
            if (g.matches(name)) {
                assertTrue(name.startsWith(g.literalPrefix()) && name.endsWith(g.literalSuffix()), g.pattern() + " against " + name);
            }
        }
    }
}
