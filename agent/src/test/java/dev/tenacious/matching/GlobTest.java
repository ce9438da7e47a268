package dev.tenacious.matching;

import org.junit.jupiter.api.Test;

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
}
