package dev.tenacious.weaving;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.runtime.Clock;
import dev.tenacious.runtime.PolicyStates;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ASM weaver on real class files: the sample classes are woven, defined in a fresh class loader
 * (so the JVM's verifier checks every frame we wrote) and called; the runtime retries them as the
 * policy says. Also: what it hands to Byte Buddy instead.
 */
class DirectWeaverTest {
    private static final String SAMPLES = "dev.tenacious.weaving.samples.";
    private static final String RETRY = "    retry: { maxAttempts: 3, backoff: { type: fixed, initial: 1ms, jitter: none },"
            + " retryOn: [java.io.IOException], budget: { ratio: 1.0, minPerSecond: 1000 } }\n";
    private static SiteRegistry registry;
    private static ClassLoader woven;

    @BeforeAll
    static void weaveSamples() {
        registry = registry("settings: { log: warn }\npolicies:\n"
                + "  - name: shapes\n    match: [{ class: " + SAMPLES + "Shapes, method: \"*\" }]\n" + RETRY
                + "  - name: fallbacks\n    match: [{ class: " + SAMPLES + "Fallbacks, method: \"*\" }]\n" + RETRY
                + "    fallback: { return: empty }\n");
        woven = new WovenLoader(new DirectWeaver(registry));
    }

    static SiteRegistry registry(String yaml) {
        ParseResult r = PolicyFileParser.parse("test.yaml", yaml);
        assertTrue(r.isValid(), () -> r.errors().toString());
        return new SiteRegistry(ActivePolicies.compile(r.file(), new PolicyStates(), Clock.SYSTEM));
    }

    /** Defines the sample classes from their woven bytes; everything else comes from the parent. */
    static class WovenLoader extends ClassLoader {
        private final DirectWeaver weaver;

        WovenLoader(DirectWeaver weaver) {
            super(DirectWeaverTest.class.getClassLoader());
            this.weaver = weaver;
        }

        @Override
        protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SAMPLES)) {
                return super.loadClass(name, resolve);
            }
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] original = bytesOf(name);
                byte[] bytes = weaver.weave(this, name.replace('.', '/'), false, original);
                assertFalse(bytes == DirectWeaver.NEEDS_BYTE_BUDDY, name + " was handed to Byte Buddy");
                c = defineClass(name, bytes == null ? original : bytes, 0, (bytes == null ? original : bytes).length);
            }
            return c;
        }
    }

    static byte[] bytesOf(String className) {
        try (InputStream in = DirectWeaverTest.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a sample method after setting how many of its attempts fail; returns [result, attempts]. */
    static Object[] call(String className, int failures, String method, Object target, Object... args) throws Throwable {
        Class<?> c = woven.loadClass(SAMPLES + className);
        c.getField("attempts").setInt(null, 0);
        if (failures >= 0) {
            c.getField("failures").setInt(null, failures);
        }
        Method m = null;
        for (Method candidate : c.getMethods()) {
            if (candidate.getName().equals(method)) {
                m = candidate;
            }
        }
        assertNotNull(m, method);
        try {
            Object result = m.invoke(target, args);
            return new Object[] {result, c.getField("attempts").getInt(null)};
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static Object newShapes() throws Exception {
        return woven.loadClass(SAMPLES + "Shapes").getConstructor().newInstance();
    }

    @Test
    void aStaticMethodIsRetriedUntilItSucceeds() throws Throwable {
        assertArrayEquals(new Object[] {49, 3}, call("Shapes", 2, "square", null, 7));
    }

    @Test
    void theOriginalExceptionReachesTheCallerWhenAttemptsRunOut() throws Throwable {
        IOException e = assertThrows(IOException.class, () -> call("Shapes", 5, "square", null, 7));
        assertEquals("attempt 3", e.getMessage());
    }

    @Test
    void everyAttemptStartsFromTheCallersArgumentsThoughTheBodyWritesThem() throws Throwable {
        int[] counts = {0};
        Object[] r = call("Shapes", 2, "widen", newShapes(), 1L, 1.5, "s", counts);
        assertEquals("11/3.0/s!", r[0]);
        assertEquals(3, r[1]);
        assertEquals(3, counts[0]); // the array is the caller's: its contents are not restored
    }

    @Test
    void aMethodsOwnHandlerKeepsPrecedence() throws Throwable {
        assertArrayEquals(new Object[] {"caught attempt 1", 1}, call("Shapes", 1, "catchesItsOwn", null));
    }

    @Test
    void aLoopAtTheFirstInstructionStillVerifiesAndRuns() throws Throwable {
        assertArrayEquals(new Object[] {10, 2}, call("Shapes", 1, "loopFirst", null, 4));
    }

    @Test
    void synchronizedInstanceMethodsWithWideValues() throws Throwable {
        assertArrayEquals(new Object[] {42L, 3}, call("Shapes", 2, "locked", newShapes(), 41L));
    }

    @Test
    void returnsFromEveryBranchOfASwitch() throws Throwable {
        assertArrayEquals(new Object[] {'c', 2}, call("Shapes", 1, "pick", null, 2));
        assertArrayEquals(new Object[] {'z', 1}, call("Shapes", 0, "pick", null, 9));
    }

    @Test
    void voidMethodsAreRetried() throws Throwable {
        List<String> log = new ArrayList<String>();
        assertArrayEquals(new Object[] {null, 3}, call("Shapes", 2, "nothing", null, log));
        assertEquals(3, log.size());
    }

    @Test
    void everyReturnType() throws Throwable {
        assertArrayEquals(new Object[] {false, 2}, call("Shapes", 1, "flag", null, true));
        assertArrayEquals(new Object[] {3.5, 2}, call("Shapes", 1, "half", null, 3f, 2.0));
        assertEquals(4, ((byte[]) call("Shapes", 1, "bytes", null, 4)[0]).length);
        assertArrayEquals(new Object[] {(short) 8, 2}, call("Shapes", 1, "shorty", null, (short) 7));
        assertArrayEquals(new Object[] {6, 2}, call("Shapes", 1, "viaLambda", null, 3));
    }

    @Test
    void finallyBlocksMonitorsAndUninitializedObjects() throws Throwable {
        Class<?> shapes = woven.loadClass(SAMPLES + "Shapes");
        shapes.getField("finallies").setInt(null, 0);
        assertArrayEquals(new Object[] {"v", 3}, call("Shapes", 2, "withFinally", null, "v"));
        assertEquals(3, shapes.getField("finallies").getInt(null)); // once per attempt
        assertArrayEquals(new Object[] {6, 3}, call("Shapes", 2, "insideMonitor", null, 5));
        Object lock = null;
        for (java.lang.reflect.Field f : shapes.getDeclaredFields()) {
            if (f.getName().equals("LOCK")) {
                f.setAccessible(true);
                lock = f.get(null);
            }
        }
        assertFalse(Thread.holdsLock(lock), "the monitor was released");
        assertArrayEquals(new Object[] {"yes!", 2}, call("Shapes", 1, "uninitializedOnTheStack", null, true));
        assertArrayEquals(new Object[] {"no!", 1}, call("Shapes", 0, "uninitializedOnTheStack", null, false));
    }

    @Test
    void anUnclassifiedExceptionIsNotRetried() throws Throwable {
        assertThrows(IllegalStateException.class, () -> call("Shapes", -1, "unclassified", null));
        assertEquals(1, woven.loadClass(SAMPLES + "Shapes").getField("attempts").getInt(null));
    }

    @Test
    void aFallbackValueReplacesTheFailureForEveryReturnType() throws Throwable {
        assertArrayEquals(new Object[] {0, 3}, call("Fallbacks", -1, "number", null));
        assertArrayEquals(new Object[] {0L, 3}, call("Fallbacks", -1, "big", null));
        assertArrayEquals(new Object[] {false, 3}, call("Fallbacks", -1, "yes", null));
        assertArrayEquals(new Object[] {0.0, 3}, call("Fallbacks", -1, "ratio", null));
        assertArrayEquals(new Object[] {"", 3}, call("Fallbacks", -1, "text", null));
        Object fallbacks = woven.loadClass(SAMPLES + "Fallbacks").getConstructor().newInstance();
        assertArrayEquals(new Object[] {Collections.emptyList(), 3}, call("Fallbacks", -1, "names", fallbacks));
    }

    /**
     * A class loader that hides the agent's runtime (an OSGi bundle without boot delegation for it):
     * the woven calls fail to link, the handlers swallow that, and the method behaves as if unwoven.
     */
    @Test
    void aLoaderThatCannotSeeTheRuntimeGetsTheUnwovenBehaviour() throws Throwable {
        ClassLoader hiding = new WovenLoader(new DirectWeaver(registry)) {
            @Override
            protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.tenacious.runtime.")) {
                    throw new ClassNotFoundException(name + " is not visible from this bundle");
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> shapes = hiding.loadClass(SAMPLES + "Shapes");
        Method square = shapes.getMethod("square", int.class);
        shapes.getField("failures").setInt(null, 0);
        assertEquals(49, square.invoke(null, 7));
        shapes.getField("attempts").setInt(null, 0);
        shapes.getField("failures").setInt(null, 1);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> square.invoke(null, 7));
        assertEquals("attempt 1", e.getCause().getMessage()); // not retried, and the caller gets the original
        assertEquals(1, shapes.getField("attempts").getInt(null));
    }

    // ---- what goes to Byte Buddy, and what is left alone ----

    static byte[] generated(int version, boolean extraValueOnReturn) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC, "gen/Odd", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "value", "()I", null, null);
        m.visitCode();
        if (extraValueOnReturn) {
            m.visitInsn(Opcodes.ICONST_1); // left on the stack under the returned value: legal, and rare
        }
        m.visitInsn(Opcodes.ICONST_2);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    static final String ODD = "policies:\n  - name: odd\n    match: [{ class: gen.Odd, method: value }]\n";

    @Test
    void aReturnWithExtraValuesOnTheStackGoesToByteBuddy() {
        DirectWeaver weaver = new DirectWeaver(registry(ODD));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, true)));
        byte[] clean = weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, false));
        assertNotNull(clean);
        assertFalse(clean == DirectWeaver.NEEDS_BYTE_BUDDY);
    }

    @Test
    void classFilesOlderThanJava7GoToByteBuddy() {
        DirectWeaver weaver = new DirectWeaver(registry(ODD));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_6, false)));
    }

    @Test
    void subtypesRulesPresetsAndFallbackExceptionsGoToByteBuddy() {
        byte[] odd = generated(Opcodes.V1_8, false);
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, new DirectWeaver(registry(
                "policies:\n  - name: s\n    match: [{ class: \"gen.*\", subtypes: true, method: value }]\n"))
                .weave(null, "gen/Odd", false, odd));
        assertSame(DirectWeaver.NEEDS_BYTE_BUDDY, new DirectWeaver(registry(ODD + "    fallback: { throw: java.lang.IllegalStateException }\n"))
                .weave(null, "gen/Odd", false, odd));
    }

    @Test
    void aClassWithNoMatchingMethodIsLeftAlone() {
        DirectWeaver weaver = new DirectWeaver(registry("policies:\n  - name: odd\n    match: [{ class: gen.Odd, method: other }]\n"));
        assertNull(weaver.weave(null, "gen/Odd", false, generated(Opcodes.V1_8, false)));
    }
}
