package dev.tenacious.matching;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PolicyMatcherTest {
    static MatchRule rule(String cls, String method) {
        return new MatchRule(Glob.of(cls), false, Glob.of(method), null, false, Collections.<Glob>emptyList(), "test");
    }

    public static MethodCandidate method(String cls, String name, String... params) {
        return method(cls, Collections.singletonList(cls), name, params);
    }

    public static MethodCandidate method(String cls, List<String> hierarchy, String name, String... params) {
        return method(cls, hierarchy, true, name, params);
    }

    public static MethodCandidate method(String cls, List<String> hierarchy, boolean isPublic, String name, String... params) {
        return new MethodCandidate() {
            public boolean isPublic() {
                return isPublic;
            }

            public String className() {
                return cls;
            }

            public Iterable<String> typeAndSupertypeNames() {
                return hierarchy;
            }

            public String methodName() {
                return name;
            }

            public List<String> parameterTypeNames() {
                return Arrays.asList(params);
            }
        };
    }

    @Test
    void aMethodGetsTheFirstPolicyThatMatchesIt() {
        PolicyMatcher m = new PolicyMatcher(Arrays.asList(
                List.of(rule("com.acme.PaymentClient", "charge*")),
                List.of(rule("com.acme.*", "*"))));
        assertEquals(0, m.match(method("com.acme.PaymentClient", "chargeCard")).policyIndex);
        assertEquals(1, m.match(method("com.acme.PaymentClient", "refund")).policyIndex);
        assertNull(m.match(method("org.other.Thing", "charge")));
    }

    @Test
    void excludedMethodsAreNotMatched() {
        MatchRule r = new MatchRule(Glob.of("com.acme.*Gateway"), false, Glob.of("get*"), null, false,
                List.of(Glob.of("getConfig")), "test");
        PolicyMatcher m = new PolicyMatcher(List.of(List.of(r)));
        assertTrue(m.match(method("com.acme.CardGateway", "getBalance")) != null);
        assertNull(m.match(method("com.acme.CardGateway", "getConfig")));
    }

    @Test
    void paramsMatchExactlyOrWithAnOpenEnd() {
        MatchRule exact = new MatchRule(Glob.of("C"), false, Glob.of("m"), List.of(Glob.of("java.lang.String"), Glob.of("int")),
                false, List.of(), "test");
        MatchRule open = new MatchRule(Glob.of("D"), false, Glob.of("m"), List.of(Glob.of("java.lang.String")),
                true, List.of(), "test");
        PolicyMatcher m = new PolicyMatcher(List.of(List.of(exact, open)));
        assertTrue(m.match(method("C", "m", "java.lang.String", "int")) != null);
        assertNull(m.match(method("C", "m", "java.lang.String")));
        assertNull(m.match(method("C", "m", "java.lang.String", "long")));
        assertTrue(m.match(method("D", "m", "java.lang.String")) != null);
        assertTrue(m.match(method("D", "m", "java.lang.String", "int", "byte[]")) != null);
        assertNull(m.match(method("D", "m")));
    }

    @Test
    void subtypesRulesMatchImplementationsThroughTheirHierarchy() {
        MatchRule r = new MatchRule(Glob.of("com.acme.Gateway"), true, Glob.of("*"), null, false, List.of(), "test");
        PolicyMatcher m = new PolicyMatcher(List.of(List.of(r)));
        assertTrue(m.mayMatchClassName("org.vendor.Anything"), "a subtypes rule cannot decide by name");
        assertTrue(m.match(method("org.vendor.CardGateway", List.of("org.vendor.CardGateway", "com.acme.Gateway"), "pay")) != null);
        assertNull(m.match(method("org.vendor.Other", List.of("org.vendor.Other", "java.lang.Object"), "pay")));
    }

    @Test
    void jdkClassesAreRefusedUnlessARuleNamesTheJdkExplicitly() {
        PolicyMatcher broad = new PolicyMatcher(List.of(List.of(rule("**.*Client", "send"))));
        assertTrue(broad.mayMatchClassName("com.acme.PaymentClient"));
        assertFalse(broad.mayMatchClassName("java.net.http.HttpClient"));
        assertFalse(broad.mayMatchClassName("jdk.internal.net.http.HttpClient"));

        PolicyMatcher explicit = new PolicyMatcher(List.of(List.of(rule("java.net.http.*", "send"))));
        assertTrue(explicit.mayMatchClassName("java.net.http.HttpClient"));
        assertFalse(explicit.mayMatchClassName("java.sql.Statement"));
    }

    @Test
    void nameCheckRejectsUnrelatedClassesCheaply() {
        PolicyMatcher m = new PolicyMatcher(List.of(List.of(rule("com.acme.pay.*", "*"))));
        assertFalse(m.mayMatchClassName("com.acme.other.X"));
        assertTrue(m.mayMatchClassName("com.acme.pay.X"));
    }

    @Test
    void theInternalNameFilterAgreesWithTheBinaryNameFilter() {
        PolicyMatcher[] matchers = {
            new PolicyMatcher(Arrays.asList(Arrays.asList(rule("com.acme.**.*Client", "get*"), rule("org.Outer$Inner", "x")))),
            new PolicyMatcher(Arrays.asList(Arrays.asList(rule("java.net.HttpURLConnection", "connect")))),
            new PolicyMatcher(Arrays.asList(Arrays.asList(rule("**.Dao", "find*")))),
            new PolicyMatcher(Arrays.asList(Arrays.asList(new MatchRule(Glob.of("com.acme.Base"), true, Glob.of("*"), null,
                    false, Collections.<Glob>emptyList(), "test")))),
        };
        String[] names = {"com.acme.PayClient", "com.acme.pay.PayClient", "com.acme.Pay", "com.acmex.PayClient",
            "org.Outer$Inner", "org.Outer", "java.net.HttpURLConnection", "java.lang.String", "com.sun.Foo",
            "sun.misc.Unsafe", "a.b.Dao", "Dao", "a.b.DaoImpl", "jdkx.Thing"};
        for (PolicyMatcher m : matchers) {
            for (String n : names) {
                assertEquals(m.mayMatchClassName(n), m.mayMatchInternalName(n.replace('.', '/')), n);
            }
        }
        assertTrue(matchers[0].mayMatchInternalName("com/acme/pay/PayClient"));
        assertFalse(matchers[0].mayMatchInternalName("java/lang/String"));
        assertTrue(matchers[1].mayMatchInternalName("java/net/HttpURLConnection"));
        assertTrue(matchers[3].mayMatchInternalName("anything/At/All")); // subtypes without a hint: every class is parsed
    }

    @Test
    void aJdkClassIsAskedOnlyOfTheRulesThatNameItsPackage() {
        PolicyMatcher m = new PolicyMatcher(
                List.of(List.of(rule("javax.xml.parsers.DocumentBuilder", "parse"), rule("com.acme.*Client", "get"))),
                List.of(rule("sun.net.www.protocol.http.HttpURLConnection", "getInputStream"),
                        rule("jdk.internal.net.http.*Impl", "send")));
        assertTrue(m.namesJdk());
        assertTrue(m.mayMatchInternalName("javax/xml/parsers/DocumentBuilder"));
        assertTrue(m.mayMatchInternalName("sun/net/www/protocol/http/HttpURLConnection"));
        assertTrue(m.mayMatchInternalName("jdk/internal/net/http/HttpClientImpl"));
        assertTrue(m.mayMatchClassName("jdk.internal.net.http.HttpClientImpl"));
        assertFalse(m.mayMatchInternalName("javax/xml/parsers/DocumentBuilderFactory"), "the literal names one class");
        assertFalse(m.mayMatchInternalName("jdk/internal/net/http/HttpClientFacade"));
        assertFalse(m.mayMatchInternalName("java/lang/String"));
        assertFalse(m.mayMatchClassName("java.util.HashMap"));
        assertTrue(m.mayMatchInternalName("com/acme/OrderClient"));
        assertFalse(m.mayMatchInternalName("com/acme/Order"), "the rule's prefix, not its suffix");
        assertFalse(m.mayMatchInternalName("org/acme/OrderClient"), "its suffix, not its prefix");

        PolicyMatcher applicationOnly = new PolicyMatcher(List.of(List.of(rule("com.acme.*Client", "get"))));
        assertFalse(applicationOnly.namesJdk());
        assertFalse(applicationOnly.mayMatchInternalName("javax/xml/parsers/DocumentBuilder"));
        assertFalse(applicationOnly.mayMatchClassName("javax.xml.parsers.DocumentBuilder"));
    }
}
