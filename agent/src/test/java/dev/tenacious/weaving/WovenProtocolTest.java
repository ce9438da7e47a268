package dev.tenacious.weaving;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFile;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.matching.MatchRule;
import dev.tenacious.presets.jdbc.JdbcPreset;
import dev.tenacious.runtime.CalledByWovenCode;
import dev.tenacious.runtime.decision.PolicyStates;
import dev.tenacious.runtime.policy.BackoffType;
import dev.tenacious.runtime.policy.BudgetConfig;
import dev.tenacious.runtime.policy.Jitter;
import dev.tenacious.runtime.policy.PolicyConfig;
import dev.tenacious.runtime.policy.RetryConfig;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The woven protocol ({@link dev.tenacious.runtime.Dispatcher}) as both weavers write it, on real
 * class files: every sample class is woven by the ASM weaver and by the Byte Buddy advice, defined
 * in a fresh class loader (so the JVM's verifier checks every frame written) and called; the runtime
 * retries them as their policy says. One matrix, the same promises for both, in each of the
 * protocol's three shapes (application methods, preset targets, methods returning a future).
 */
class WovenProtocolTest {
    private static final String SAMPLES = "com.acme.samples.";
    private static final String RETRY = "    retry: { maxAttempts: 3, backoff: { type: fixed, initial: 1ms, jitter: none },"
            + " retryOn: [java.io.IOException], budget: { ratio: 1.0, minPerSecond: 1000 } }\n";
    private static SiteRegistry registry;
    private static final Map<Weavers, ClassLoader> woven = new EnumMap<Weavers, ClassLoader>(Weavers.class);

    /** The two weavers, each turning a class file into its woven form. */
    enum Weavers {
        ASM {
            @Override
            byte[] weave(ClassLoader loader, String internalName, byte[] bytes) {
                byte[] result = new DirectWeaver(registry).weave(loader, internalName, false, bytes);
                assertFalse(result == DirectWeaver.NEEDS_BYTE_BUDDY, internalName + " was handed to Byte Buddy");
                return result;
            }
        },
        BYTE_BUDDY {
            private Weaver weaver;

            @Override
            byte[] weave(ClassLoader loader, String internalName, byte[] bytes) {
                if (weaver == null) {
                    weaver = new Weaver(ClassFileLocator.ForClassLoader.of(WovenProtocolTest.class.getClassLoader()), registry);
                }
                try {
                    return weaver.transform(loader, internalName, null, null, bytes);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };

        abstract byte[] weave(ClassLoader loader, String internalName, byte[] bytes);
    }

    @BeforeAll
    static void weaveSamples() {
        dev.tenacious.log.Log.setLevel(dev.tenacious.log.Log.Level.WARN); // the policy file's settings, as the agent applies them
        ParseResult r = PolicyFileParser.parse("test.yaml", "settings: { log: warn }\npolicies:\n"
                + "  - name: shapes\n    match: [{ class: " + SAMPLES + "Shapes, method: \"*\" }]\n" + RETRY
                + "  - name: fallbacks\n    match: [{ class: " + SAMPLES + "Fallbacks, method: \"*\" }]\n" + RETRY
                + "    fallback: { return: empty }\n"
                + "  - name: quotes\n    match: [{ class: " + SAMPLES + "Quotes, method: quote }]\n" + RETRY);
        assertTrue(r.isValid(), () -> r.errors().toString());
        // the jdbc preset's rules aimed at a sample class: the preset shape, with the preset's own SQLState rules
        List<PolicyConfig> policies = new ArrayList<PolicyConfig>(r.file().policies());
        policies.add(PolicyConfig.builder("statements")
                .rules(Collections.singletonList(MatchRule.ofPreset(JdbcPreset.NAME, "test.yaml:1:1", SAMPLES + "Statements",
                        false, "execute*", null, true, null)))
                .retry(RetryConfig.builder().maxAttempts(3).backoffType(BackoffType.FIXED).initialNanos(1_000_000L)
                        .jitter(Jitter.NONE).budget(new BudgetConfig(true, 1.0, 1000)).build())
                .build());
        registry = new SiteRegistry(ActivePolicies.compile(new PolicyFile("test.yaml", r.file().settings(), policies),
                new PolicyStates()));
        for (Weavers w : Weavers.values()) {
            woven.put(w, new WovenLoader(w));
        }
    }

    static SiteRegistry registry(String yaml) {
        ParseResult r = PolicyFileParser.parse("test.yaml", yaml);
        assertTrue(r.isValid(), () -> r.errors().toString());
        return new SiteRegistry(ActivePolicies.compile(r.file(), new PolicyStates()));
    }

    /** Defines the sample classes from their woven bytes; everything else comes from the parent. */
    static class WovenLoader extends ClassLoader {
        final Weavers weaver;
        final Map<String, byte[]> wovenBytes = new java.util.HashMap<String, byte[]>();

        WovenLoader(Weavers weaver) {
            super(WovenProtocolTest.class.getClassLoader());
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
                byte[] bytes = weaver.weave(this, name.replace('.', '/'), original);
                byte[] defined = bytes == null ? original : bytes;
                wovenBytes.put(name, defined);
                c = defineClass(name, defined, 0, defined.length);
            }
            return c;
        }
    }

    static byte[] bytesOf(String className) {
        try (InputStream in = WovenProtocolTest.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
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
    static Object[] call(Weavers w, String className, int failures, String method, Object target, Object... args)
            throws Throwable {
        Class<?> c = woven.get(w).loadClass(SAMPLES + className);
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

    static Object instance(Weavers w, String className) throws Exception {
        return woven.get(w).loadClass(SAMPLES + className).getConstructor().newInstance();
    }

    // ---- application methods ----

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aStaticMethodIsRetriedUntilItSucceeds(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {49, 3}, call(w, "Shapes", 2, "square", null, 7));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void theOriginalExceptionReachesTheCallerWhenAttemptsRunOut(Weavers w) {
        IOException e = assertThrows(IOException.class, () -> call(w, "Shapes", 5, "square", null, 7));
        assertEquals("attempt 3", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void everyAttemptStartsFromTheCallersArgumentsThoughTheBodyWritesThem(Weavers w) throws Throwable {
        int[] counts = {0};
        Object[] r = call(w, "Shapes", 2, "widen", instance(w, "Shapes"), 1L, 1.5, "s", counts);
        assertEquals("11/3.0/s!", r[0]);
        assertEquals(3, r[1]);
        assertEquals(3, counts[0]); // the array is the caller's: its contents are not restored
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aMethodsOwnHandlerKeepsPrecedence(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {"caught attempt 1", 1}, call(w, "Shapes", 1, "catchesItsOwn", null));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aLoopAtTheFirstInstructionStillVerifiesAndRuns(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {10, 2}, call(w, "Shapes", 1, "loopFirst", null, 4));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void synchronizedInstanceMethodsWithWideValues(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {42L, 3}, call(w, "Shapes", 2, "locked", instance(w, "Shapes"), 41L));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void returnsFromEveryBranchOfASwitch(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {'c', 2}, call(w, "Shapes", 1, "pick", null, 2));
        assertArrayEquals(new Object[] {'z', 1}, call(w, "Shapes", 0, "pick", null, 9));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void voidMethodsAreRetried(Weavers w) throws Throwable {
        List<String> log = new ArrayList<String>();
        assertArrayEquals(new Object[] {null, 3}, call(w, "Shapes", 2, "nothing", null, log));
        assertEquals(3, log.size());
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void everyReturnType(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {false, 2}, call(w, "Shapes", 1, "flag", null, true));
        assertArrayEquals(new Object[] {3.5, 2}, call(w, "Shapes", 1, "half", null, 3f, 2.0));
        assertEquals(4, ((byte[]) call(w, "Shapes", 1, "bytes", null, 4)[0]).length);
        assertArrayEquals(new Object[] {(short) 8, 2}, call(w, "Shapes", 1, "shorty", null, (short) 7));
        assertArrayEquals(new Object[] {6, 2}, call(w, "Shapes", 1, "viaLambda", null, 3));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void finallyBlocksMonitorsAndUninitializedObjects(Weavers w) throws Throwable {
        Class<?> shapes = woven.get(w).loadClass(SAMPLES + "Shapes");
        shapes.getField("finallies").setInt(null, 0);
        assertArrayEquals(new Object[] {"v", 3}, call(w, "Shapes", 2, "withFinally", null, "v"));
        assertEquals(3, shapes.getField("finallies").getInt(null)); // once per attempt
        assertArrayEquals(new Object[] {6, 3}, call(w, "Shapes", 2, "insideMonitor", null, 5));
        Object lock = null;
        for (java.lang.reflect.Field f : shapes.getDeclaredFields()) {
            if (f.getName().equals("LOCK")) {
                f.setAccessible(true);
                lock = f.get(null);
            }
        }
        assertFalse(Thread.holdsLock(lock), "the monitor was released");
        assertArrayEquals(new Object[] {"yes!", 2}, call(w, "Shapes", 1, "uninitializedOnTheStack", null, true));
        assertArrayEquals(new Object[] {"no!", 1}, call(w, "Shapes", 0, "uninitializedOnTheStack", null, false));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void anUnclassifiedExceptionIsNotRetried(Weavers w) throws Throwable {
        assertThrows(IllegalStateException.class, () -> call(w, "Shapes", -1, "unclassified", null));
        assertEquals(1, woven.get(w).loadClass(SAMPLES + "Shapes").getField("attempts").getInt(null));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aFallbackValueReplacesTheFailureForEveryReturnType(Weavers w) throws Throwable {
        assertArrayEquals(new Object[] {0, 3}, call(w, "Fallbacks", -1, "number", null));
        assertArrayEquals(new Object[] {0L, 3}, call(w, "Fallbacks", -1, "big", null));
        assertArrayEquals(new Object[] {false, 3}, call(w, "Fallbacks", -1, "yes", null));
        assertArrayEquals(new Object[] {0.0, 3}, call(w, "Fallbacks", -1, "ratio", null));
        assertArrayEquals(new Object[] {"", 3}, call(w, "Fallbacks", -1, "text", null));
        assertArrayEquals(new Object[] {Collections.emptyList(), 3}, call(w, "Fallbacks", -1, "names", instance(w, "Fallbacks")));
    }

    // ---- preset targets: receiver and arguments to the entry, the returned value to the exit ----

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aPresetTargetIsRetriedByThePresetsRulesWithItsReceiverArgumentsAndResult(Weavers w) throws Throwable {
        Object statements = instance(w, "Statements");
        woven.get(w).loadClass(SAMPLES + "Statements").getField("state").set(null, "40001");
        assertArrayEquals(new Object[] {3, 3}, call(w, "Statements", 2, "executeUpdate", statements, "UPDATE t"));
        assertArrayEquals(new Object[] {true, 2}, call(w, "Statements", 1, "execute", statements, "SELECT 1", 4));
        assertArrayEquals(new Object[] {1L << 40, 2}, call(w, "Statements", 1, "executeLarge", null, "SELECT 2"));
        assertArrayEquals(new Object[] {null, 3}, call(w, "Statements", 2, "executeVoid", statements, "DELETE"));
    }

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aPresetsPermanentRuleWinsOverTheAttemptsLeft(Weavers w) throws Throwable {
        Object statements = instance(w, "Statements");
        Class<?> c = woven.get(w).loadClass(SAMPLES + "Statements");
        c.getField("state").set(null, "23505");
        try {
            SQLException e = assertThrows(SQLException.class, () -> call(w, "Statements", 5, "executeUpdate", statements, "INSERT"));
            assertEquals("23505", e.getSQLState());
            assertEquals(1, c.getField("attempts").getInt(null), "an integrity violation is never retried");
        } finally {
            c.getField("state").set(null, "40001");
        }
    }

    // ---- methods returning a future: retried asynchronously, by new calls ----

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aFailedFutureIsRetriedByNewCallsAndTheCallersFutureGetsTheLastOutcome(Weavers w) throws Throwable {
        Object quotes = instance(w, "Quotes");
        CompletableFuture<?> f = (CompletableFuture<?>) call(w, "Quotes", 2, "quote", quotes, "tea", 3)[0];
        assertEquals("3 tea on attempt 3", f.get(10, TimeUnit.SECONDS));
        CompletableFuture<?> failing = (CompletableFuture<?>) call(w, "Quotes", 9, "quote", quotes, "tea", 1)[0];
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("attempt 3", e.getCause().getMessage(), "the last attempt's own exception");
    }

    // ---- what woven code may refer to, and a loader that cannot see it ----

    @ParameterizedTest
    @EnumSource(Weavers.class)
    void wovenCodeRefersToNoAgentTypeButThoseMarkedForIt(Weavers w) throws Exception {
        for (String sample : new String[] {"Shapes", "Fallbacks", "Statements", "Quotes"}) {
            woven.get(w).loadClass(SAMPLES + sample);
            TreeSet<String> referenced = agentTypesReferencedBy(((WovenLoader) woven.get(w)).wovenBytes.get(SAMPLES + sample));
            assertFalse(referenced.isEmpty(), sample + " was woven");
            for (String type : referenced) {
                Class<?> c = Class.forName(type.replace('/', '.'));
                assertTrue(c.isAnnotationPresent(CalledByWovenCode.class), sample + " woven by " + w + " refers to " + type);
            }
        }
    }

    /** Every {@code dev/tenacious/} type a class file's code names: owners, casts, descriptors. */
    static TreeSet<String> agentTypesReferencedBy(byte[] classFile) {
        final TreeSet<String> types = new TreeSet<String>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        add(owner);
                        addDescriptor(d);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        add(owner);
                        Type t = Type.getType(d);
                        if (t.getSort() == Type.OBJECT) {
                            add(t.getInternalName());
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        add(type);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        addDescriptor(d);
                    }
                };
            }

            void add(String internalName) {
                if (internalName.startsWith("dev/tenacious/") && !internalName.startsWith("com/acme/samples/")) {
                    types.add(internalName);
                }
            }

            void addDescriptor(String descriptor) {
                for (Type t : Type.getArgumentTypes(descriptor)) {
                    if (t.getSort() == Type.OBJECT) {
                        add(t.getInternalName());
                    }
                }
                Type r = Type.getReturnType(descriptor);
                if (r.getSort() == Type.OBJECT) {
                    add(r.getInternalName());
                }
            }
        }, 0);
        return types;
    }

    /**
     * A class loader that hides the agent's runtime (an OSGi bundle without boot delegation for it):
     * the woven calls fail to link, the handlers swallow that, and the method behaves as if unwoven.
     */
    @ParameterizedTest
    @EnumSource(Weavers.class)
    void aLoaderThatCannotSeeTheRuntimeGetsTheUnwovenBehaviour(Weavers w) throws Throwable {
        ClassLoader hiding = new WovenLoader(w) {
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
}
