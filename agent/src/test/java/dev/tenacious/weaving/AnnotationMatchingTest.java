package dev.tenacious.weaving;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.runtime.decision.PolicyStates;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code annotation:} match entries, read from real class files by both weavers and by {@code plan}:
 * methods that carry the annotation, methods of classes that carry it, nothing inherited; classes
 * without the annotation are refused before they are parsed.
 */
class AnnotationMatchingTest {
    private static final String PKG = "com.acme.samples.annotated.";
    private static final List<String> SAMPLES = Arrays.asList("AuditedService", "PlainService", "InheritingService",
            "Contract", "ContractImpl");
    private static final String POLICY = "policies:\n  - name: audited\n    match:\n"
            + "      - annotation: " + PKG + "Audited\n"
            + "      - annotation: " + PKG + "Recorded\n        class: \"com.acme.samples.**\"\n        method: \"rec*\"\n";
    /** What both weavers and plan must find, and nothing else. */
    private static final Set<String> EXPECTED = new TreeSet<String>(Arrays.asList(
            PKG + "AuditedService.open()", PKG + "AuditedService.close()", PKG + "PlainService.marked()",
            PKG + "PlainService.recorded()"));

    @BeforeAll
    static void quiet() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.WARN);
    }

    static SiteRegistry registry() {
        ParseResult r = PolicyFileParser.parse("test.yaml", POLICY);
        assertTrue(r.isValid(), () -> r.errors().toString());
        return new SiteRegistry(ActivePolicies.compile(r.file(), new PolicyStates()));
    }

    static byte[] bytes(String simpleName) throws IOException {
        try (InputStream in = AnnotationMatchingTest.class.getClassLoader()
                .getResourceAsStream((PKG + simpleName).replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theAsmWeaverReadsMethodAndClassAnnotationsByName() throws Exception {
        SiteRegistry registry = registry();
        DirectWeaver weaver = new DirectWeaver(registry);
        for (String s : SAMPLES) {
            byte[] woven = weaver.weave(null, (PKG + s).replace('.', '/'), false, bytes(s));
            assertFalse(woven == DirectWeaver.NEEDS_BYTE_BUDDY, s);
        }
        assertEquals(EXPECTED, described(registry));
    }

    @Test
    void byteBuddyReadsThemTheSameWay() throws Exception {
        SiteRegistry registry = registry();
        Weaver weaver = new Weaver(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()), registry);
        for (String s : SAMPLES) {
            weaver.transform(null, (PKG + s).replace('.', '/'), null, null, bytes(s));
        }
        assertEquals(EXPECTED, described(registry));
    }

    @Test
    void planListsTheSameMethods() {
        ParseResult r = PolicyFileParser.parse("test.yaml", POLICY);
        List<String> names = new java.util.ArrayList<String>();
        for (String s : SAMPLES) {
            names.add(PKG + s);
        }
        WeavingPlan plan = WeavingPlan.of(r.file(), names, ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(EXPECTED, new TreeSet<String>(plan.methodsByPolicy.get("audited")));
        assertTrue(plan.unmatchedRules.isEmpty(), plan.unmatchedRules.toString());
    }

    @Test
    void aClassFileWithoutTheAnnotationIsRefusedUnparsed() throws Exception {
        SiteRegistry registry = registry();
        assertTrue(registry.matcher().mayMatchClassName(PKG + "ContractImpl"), "no class pattern: every name may match");
        assertFalse(registry.matcher().mayMatchClassFile(PKG + "ContractImpl", bytes("ContractImpl")));
        assertFalse(registry.matcher().mayMatchClassFile(PKG + "InheritingService", bytes("InheritingService")),
                "an inherited annotation is not in the class file");
        assertTrue(registry.matcher().mayMatchClassFile(PKG + "PlainService", bytes("PlainService")));
        assertTrue(registry.matcher().mayMatchClassFile(PKG + "AuditedService", bytes("AuditedService")));
        PolicyTransformer transformer = new PolicyTransformer(registry, null, null);
        assertEquals(null, transformer.transform(null, (PKG + "ContractImpl").replace('.', '/'), null, null,
                bytes("ContractImpl")));
    }

    private static Set<String> described(SiteRegistry registry) {
        return new TreeSet<String>(registry.liveMethods());
    }
}
