package dev.tenacious.weaving;

import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.log.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * The Byte Buddy half of weaving, created only when a class needs it ({@link WeaverChoice}), so most
 * applications never load Byte Buddy. Methods get the advice of their {@link WovenShape}
 * ({@link RetryAdvice}, {@link PresetAdvice}, {@link AsyncAdvice}: the same protocol the ASM weaver
 * writes); classes gain no fields or methods, so the result is valid for retransformation too.
 */
final class Weaver {
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";
    /** The loader of the class being woven on this thread, for checks and bindings made while weaving it. */
    private static final ThreadLocal<ClassLoader> LOADER = new ThreadLocal<ClassLoader>();

    private final ClassFileTransformer transformer;
    private final TypePoolCache typePools = new TypePoolCache();
    private static final long IDLE_BEFORE_FORGETTING_NANOS = 30_000_000_000L;
    /** When a class last went through this weaver (0: not since the caches were dropped). */
    private volatile long lastUse;

    /**
     * Byte Buddy reads the advice's bytes from the agent jar file itself (the runtime's classes are
     * defined in the bootstrap loader, which serves no resources for them).
     */
    static Weaver forAgentJar(File agentJar, SiteRegistry registry) throws IOException {
        return new Weaver(ClassFileLocator.ForJarFile.of(agentJar), registry);
    }

    /** @param agentClasses where the advice classes' bytes are read */
    Weaver(ClassFileLocator agentClasses, final SiteRegistry registry) {
        // We never need Byte Buddy's Nexus (no loaded-type initializers). Left enabled, creating the
        // AgentBuilder probes sun.misc.Unsafe, which JDK 24+ reports with WARNING lines on stderr.
        // The property name is relocated together with Byte Buddy, so it only affects our copy.
        System.setProperty(NEXUS_DISABLED, "true");
        // Resolved once: AgentBuilder.Transformer.ForAdvice would re-read and re-parse the advice class
        // for every class it weaves.
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(SiteId.class, new SiteIdMapping(registry));
        final AsmVisitorWrapper advice = mapping.to(RetryAdvice.class, agentClasses).on(new AdvisedBy(registry, WovenShape.PLAIN));
        final AsmVisitorWrapper asyncAdvice = mapping.to(AsyncAdvice.class, agentClasses).on(new AdvisedBy(registry, WovenShape.ASYNC));
        final AsmVisitorWrapper presetAdvice = mapping.to(PresetAdvice.class, agentClasses).on(new AdvisedBy(registry, WovenShape.PRESET));
        // As the OpenTelemetry agent does: only declared methods matter to advice, so Byte Buddy need not
        // build the method graph of the whole hierarchy, nor bridges, nor a mutable instrumented type.
        ByteBuddy byteBuddy = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(VisibilityBridgeStrategy.Default.NEVER)
                .with(InstrumentedType.Factory.Default.FROZEN);
        this.transformer = new AgentBuilder.Default(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(typePools)
                .with(new AgentBuilder.LocationStrategy.Compound(
                        new AgentBuilder.LocationStrategy.Simple(agentClasses),
                        AgentBuilder.LocationStrategy.ForClassLoader.WEAK))
                .with(new WeaveListener(registry))
                .ignore(ElementMatchers.none()) // PolicyTransformer has already filtered by name
                .type(new ElementMatcher<TypeDescription>() {
                    @Override
                    public boolean matches(TypeDescription type) {
                        return !type.isAnnotation() && registry.matcher().mayMatchType(new DescribedMethod(type, null));
                    }
                })
                .transform(new AgentBuilder.Transformer() {
                    @Override
                    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                            ClassLoader loader, JavaModule module, ProtectionDomain domain) {
                        return builder.visit(advice).visit(asyncAdvice).visit(presetAdvice);
                    }
                })
                .makeRaw();
    }

    /**
     * Drops the type-pool caches, which would otherwise keep every class loader they describe alive,
     * once no class has been woven for a while: the caches speed up bursts of class loading (start-up,
     * a deployment) and are not needed between them.
     */
    void forgetTypesWhenIdle() {
        long last = lastUse;
        if (last != 0 && System.nanoTime() - last > IDLE_BEFORE_FORGETTING_NANOS) {
            typePools.clear();
            lastUse = 0;
        }
    }

    static boolean isWeavable(MethodDescription m) {
        return WeaverChoice.isWeavable(m.getModifiers(), m.getInternalName());
    }

    byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes)
            throws IllegalClassFormatException {
        LOADER.set(loader);
        lastUse = System.nanoTime();
        try {
            return transformer.transform(loader, internalName, redefined, domain, bytes);
        } finally {
            LOADER.remove();
        }
    }

    static ClassLoader currentLoader() {
        return LOADER.get();
    }

    /** The methods a policy weaves whose {@link WovenShape} is this matcher's: they get its advice. */
    private static final class AdvisedBy implements ElementMatcher<MethodDescription> {
        private final SiteRegistry registry;
        private final WovenShape shape;

        AdvisedBy(SiteRegistry registry, WovenShape shape) {
            this.registry = registry;
            this.shape = shape;
        }

        @Override
        public boolean matches(MethodDescription m) {
            if (!isWeavable(m)) {
                return false;
            }
            PolicyMatcher.Match match = registry.matcher().match(new DescribedMethod(m.getDeclaringType().asErasure(), m));
            return match != null && WovenShape.of(match.rule, m.getReturnType().asErasure().getName()) == shape
                    && (match.policyIndex == PolicyMatcher.Match.WATCH
                    || FallbackCheck.allows(registry.active().policy(match.policyIndex), m, currentLoader()));
        }
    }

    /** Logs woven classes at info and weaving errors once per class. */
    private static final class WeaveListener extends AgentBuilder.Listener.Adapter {
        private final SiteRegistry registry;

        WeaveListener(SiteRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            DirectWeaver.logWoven(registry, type.getName(), loaded);
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            Log.warnOnce("weave:" + typeName, "could not weave " + typeName + "; it runs unchanged: " + error);
        }
    }
}
