package dev.tenacious.config;

import dev.tenacious.matching.MatchRule;
import dev.tenacious.runtime.policy.PolicyConfig;
import org.junit.jupiter.api.Test;

import static dev.tenacious.config.PolicyFileParserTest.onlyError;
import static dev.tenacious.config.PolicyFileParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy file's {@code annotation:} match entries and {@code jdbc} block. */
class AnnotationAndJdbcKeysTest {
    private static final String HEAD = "version: 1\npolicies:\n  - name: a\n    match:\n";

    @Test
    void anAnnotationEntryNeedsNoClassAndNarrowsWithOne() {
        ParseResult r = parse(HEAD + "      - annotation: org.springframework.transaction.annotation.Transactional\n"
                + "      - annotation: com.acme.Audited\n        class: \"com.acme.**\"\n        method: \"save*\"\n");
        assertTrue(r.isValid(), () -> r.errors().toString());
        assertTrue(r.warnings().isEmpty(), () -> r.warnings().toString());
        PolicyConfig p = r.file().policies().get(0);
        MatchRule any = p.rules().get(0);
        assertEquals("org.springframework.transaction.annotation.Transactional", any.annotation().toString());
        assertEquals("**", any.classPattern().toString());
        assertEquals("Lorg/springframework/transaction/annotation/Transactional;", any.annotationDescriptor());
        MatchRule narrowed = p.rules().get(1);
        assertEquals("com.acme.**", narrowed.classPattern().toString());
        assertTrue(narrowed.toString().startsWith("annotation com.acme.Audited class com.acme.** method save*"), narrowed.toString());
    }

    @Test
    void annotationErrorsArePositioned() {
        Problem withSubtypes = onlyError(parse(HEAD + "      - annotation: com.acme.Audited\n        subtypes: true\n"));
        assertEquals(6, withSubtypes.line());
        assertEquals(19, withSubtypes.column());
        assertTrue(withSubtypes.message().contains("subtypes does not combine with annotation"), withSubtypes.message());

        Problem withPreset = onlyError(parse(HEAD + "      - preset: jdbc\n        annotation: com.acme.Audited\n"));
        assertEquals(5, withPreset.line());
        assertTrue(withPreset.message().contains("either preset or class/method/annotation"), withPreset.message());

        Problem badName = onlyError(parse(HEAD + "      - annotation: \"com.acme.Aud ited\"\n"));
        assertEquals(5, badName.line());
        assertEquals(21, badName.column());
        assertTrue(badName.message().contains("annotation type"), badName.message());

        Problem neither = onlyError(parse(HEAD + "      - method: get\n"));
        assertTrue(neither.message().contains("an annotation"), neither.message());
    }

    @Test
    void jdbcQueryTimeoutIsWholeSecondsAndMergesFromDefaults() {
        ParseResult r = parse("version: 1\ndefaults:\n  jdbc: { timeouts: { query: 5s } }\npolicies:\n"
                + "  - name: db\n    match: [{ preset: jdbc }]\n"
                + "  - name: db2\n    match: [{ preset: spring-tx }, { preset: jdbc }]\n    jdbc: { timeouts: { query: 2m } }\n");
        assertTrue(r.isValid(), () -> r.errors().toString());
        assertEquals(5, r.file().policies().get(0).jdbc().queryTimeoutSeconds());
        assertEquals(120, r.file().policies().get(1).jdbc().queryTimeoutSeconds());

        Problem fraction = onlyError(parse("version: 1\npolicies:\n  - name: db\n    match: [{ preset: jdbc }]\n"
                + "    jdbc: { timeouts: { query: 1500ms } }\n"));
        assertEquals(5, fraction.line());
        assertEquals(32, fraction.column());
        assertTrue(fraction.message().contains("whole seconds"), fraction.message());

        Problem unknown = onlyError(parse("version: 1\npolicies:\n  - name: db\n    match: [{ preset: jdbc }]\n"
                + "    jdbc: { timeouts: { statement: 5s } }\n"));
        assertEquals(5, unknown.line());
        assertTrue(unknown.message().contains("query"), unknown.message());
    }

    @Test
    void aJdbcBlockWithoutTheJdbcPresetIsAWarning() {
        ParseResult r = parse(HEAD + "      - class: com.acme.A\n    jdbc: { timeouts: { query: 5s } }\n");
        assertTrue(r.isValid());
        assertEquals(1, r.warnings().size(), () -> r.warnings().toString());
        assertEquals(6, r.warnings().get(0).line());
        assertTrue(r.warnings().get(0).message().contains("read only by the jdbc preset"));
        assertTrue(parse(HEAD + "      - preset: spring-tx\n").isValid(), "spring-tx is a preset");
    }
}
