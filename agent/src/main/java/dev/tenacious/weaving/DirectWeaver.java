package dev.tenacious.weaving;

import dev.tenacious.matching.MethodCandidate;
import dev.tenacious.matching.PolicyMatcher;
import dev.tenacious.log.Log;
import dev.tenacious.runtime.Policy;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weaves methods with ASM alone (the 24 classes Byte Buddy ships it as): application methods, every
 * preset's targets, methods returning a future, and classes a {@code subtypes} rule may match (their
 * supertypes read from class files by {@link ClassHierarchy}), so that an application never loads the
 * rest of Byte Buddy unless a class needs it: at start-up Byte Buddy is most of an agent's cost (see
 * benchmarks/RESULTS.md). What needs more goes to the Byte Buddy {@link Weaver}, as {@link WeaverChoice}
 * says: methods with {@code fallback: throw}, class files older than Java 7 (no stack map frames to
 * extend), and code whose returns leave extra values on the stack.
 */
final class DirectWeaver {
    /** Returned when the class needs the Byte Buddy weaver. */
    static final byte[] NEEDS_BYTE_BUDDY = new byte[0];
    /** Class files before Java 7 need not carry stack map frames, which this weaver extends rather than computes. */
    private static final int MIN_VERSION = Opcodes.V1_7;

    private final SiteRegistry registry;
    private final ClassHierarchy hierarchy = new ClassHierarchy();

    DirectWeaver(SiteRegistry registry) {
        this.registry = registry;
    }

    /** Lets undeployed applications' loaders go from the supertype caches, once idle. */
    void forgetTypesWhenIdle() {
        hierarchy.forgetWhenIdle();
    }

    /** @return the woven class, null when no method of it is woven, or {@link #NEEDS_BYTE_BUDDY} */
    byte[] weave(ClassLoader loader, String internalName, boolean loaded, byte[] bytes) {
        String className = internalName.replace('/', '.');
        PolicyMatcher matcher = registry.matcher();
        if (!WeaverChoice.DIRECT) {
            return NEEDS_BYTE_BUDDY;
        }
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & Opcodes.ACC_ANNOTATION) != 0) {
            return null;
        }
        Scan scan = new Scan(className, internalName, loader);
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        if (scan.needsByteBuddy) {
            return NEEDS_BYTE_BUDDY;
        }
        if (scan.methods.isEmpty()) {
            return null;
        }
        while (true) {
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new Rewriter(writer, scan, className, loader), ClassReader.EXPAND_FRAMES);
            try {
                byte[] woven = writer.toByteArray();
                logWoven(registry, className, loaded);
                return woven;
            } catch (MethodTooLargeException e) {
                // the JVM's 64 KB limit on a method's code: leave that method as it is, weave the others
                String key = e.getMethodName() + e.getDescriptor();
                scan.methods.remove(key);
                registry.forget(className, e.getMethodName(), e.getDescriptor());
                Log.warn(className + "." + e.getMethodName() + " is too large to weave (" + e.getCodeSize()
                        + " bytes of code, and the JVM allows 65535); it runs unchanged"
                        + (scan.methods.isEmpty() ? "" : ", the class's other methods are woven"));
                if (scan.methods.isEmpty()) {
                    return null;
                }
            }
        }
    }

    /** One line per policy that wove methods of the class (at info). */
    static void logWoven(SiteRegistry registry, String className, boolean loaded) {
        if (Log.isInfo()) {
            for (Map.Entry<String, Integer> e : registry.policiesOfClass(className).entrySet()) {
                Log.info(e.getKey() + ": wove " + e.getValue() + (e.getValue() == 1 ? " method" : " methods")
                        + " of " + className + (loaded ? " (already loaded, retransformed)" : ""));
            }
        }
    }

    /** The first pass: which methods a policy weaves, and what their code looks like. */
    private final class Scan extends ClassVisitor implements Hierarchy {
        private final String className;
        private final String internalName;
        private final ClassLoader loader;
        private String superName;
        private String[] interfaces;
        /** Resolved when a {@code subtypes} rule first asks, once for all the class's methods. */
        private Iterable<String> typeAndSupertypes;
        final Map<String, MethodFacts> methods = new HashMap<String, MethodFacts>();
        final Map<String, Method> candidates = new HashMap<String, Method>();
        final Map<String, WovenShape> shapes = new HashMap<String, WovenShape>();
        final List<String> classAnnotations = new ArrayList<String>();
        boolean needsByteBuddy;
        private int version;

        Scan(String className, String internalName, ClassLoader loader) {
            super(Opcodes.ASM9);
            this.className = className;
            this.internalName = internalName;
            this.loader = loader;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.version = version & 0xFFFF;
            this.superName = superName;
            this.interfaces = interfaces == null ? new String[0] : interfaces;
        }

        @Override
        public Iterable<String> typeAndSupertypeNames() {
            if (typeAndSupertypes == null) {
                typeAndSupertypes = hierarchy.typeAndSupertypes(loader, internalName, superName, interfaces);
            }
            return typeAndSupertypes;
        }

        /** The class's own annotations, which the class file gives before its methods. */
        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            classAnnotations.add(Type.getType(descriptor).getClassName());
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (needsByteBuddy || !WeaverChoice.isWeavable(access, name)) {
                return null;
            }
            if (registry.matcher().usesAnnotations()) {
                return new AnnotationsFirst(this, access, name, descriptor); // a method's annotations come before its code
            }
            return decide(access, name, descriptor, Collections.<String>emptyList());
        }

        /** Whether a policy weaves the method: its facts, to read its code into; else null. */
        MethodFacts decide(int access, String name, String descriptor, List<String> annotations) {
            if (needsByteBuddy) {
                return null;
            }
            Method m = new Method(className, access, name, descriptor, annotations, classAnnotations, this);
            PolicyMatcher.Match match = registry.matcher().match(m);
            if (match == null) {
                return null;
            }
            Policy policy = match.policyIndex == PolicyMatcher.Match.WATCH ? null : registry.active().policy(match.policyIndex);
            if (version < MIN_VERSION || (policy != null && WeaverChoice.needsByteBuddy(policy))) {
                needsByteBuddy = true;
                return null;
            }
            shapes.put(name + descriptor, WovenShape.of(match.rule, Type.getReturnType(descriptor).getClassName()));
            MethodFacts facts = new MethodFacts(Opcodes.ASM9, internalName, access, descriptor);
            methods.put(name + descriptor, facts);
            candidates.put(name + descriptor, m);
            return facts;
        }

        @Override
        public void visitEnd() {
            for (MethodFacts f : methods.values()) {
                needsByteBuddy |= !f.cleanReturns;
            }
        }
    }

    /**
     * Collects a method's annotations, then, when its code starts, asks whether a policy weaves it
     * and hands the rest of the method to its {@link MethodFacts} (or to nothing).
     */
    private static final class AnnotationsFirst extends MethodVisitor {
        private final Scan scan;
        private final int access;
        private final String name;
        private final String descriptor;
        private final List<String> annotations = new ArrayList<String>();

        AnnotationsFirst(Scan scan, int access, String name, String descriptor) {
            super(Opcodes.ASM9);
            this.scan = scan;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
            annotations.add(Type.getType(annotationDescriptor).getClassName());
            return null;
        }

        @Override
        public void visitCode() {
            mv = scan.decide(access, name, descriptor, annotations);
            super.visitCode();
        }
    }

    /** The second pass: the class copied as is, but for the methods the scan chose. */
    private final class Rewriter extends ClassVisitor {
        private final Scan scan;
        private final String className;
        private final ClassLoader loader;

        Rewriter(ClassWriter writer, Scan scan, String className, ClassLoader loader) {
            super(Opcodes.ASM9, writer);
            this.scan = scan;
            this.className = className;
            this.loader = loader;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            MethodFacts facts = scan.methods.get(name + descriptor);
            if (facts == null) {
                return next;
            }
            List<String> declared = new ArrayList<String>();
            if (exceptions != null) {
                for (String e : exceptions) {
                    declared.add(e.replace('/', '.'));
                }
            }
            int site = registry.register(className, name, descriptor, scan.candidates.get(name + descriptor),
                    Type.getReturnType(descriptor).getClassName(), loader, declared);
            return new RetryMethodWriter(next, site, scan.shapes.get(name + descriptor), access, descriptor, facts);
        }
    }

    /** A class's supertypes, resolved when a {@code subtypes} rule first asks. */
    interface Hierarchy {
        Iterable<String> typeAndSupertypeNames();
    }

    /** A method as the matcher sees it, read from the class file. */
    static final class Method implements MethodCandidate {
        private final String className;
        private final int access;
        private final String name;
        private final String descriptor;
        private final List<String> annotations;
        private final List<String> classAnnotations;
        private final Hierarchy hierarchy;
        private List<String> parameters;

        Method(String className, int access, String name, String descriptor, List<String> annotations,
               List<String> classAnnotations, Hierarchy hierarchy) {
            this.className = className;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.annotations = annotations;
            this.classAnnotations = classAnnotations;
            this.hierarchy = hierarchy;
        }

        @Override
        public List<String> annotationNames() {
            return annotations;
        }

        @Override
        public List<String> classAnnotationNames() {
            return classAnnotations;
        }

        @Override
        public String className() {
            return className;
        }

        /** The class and its supertypes, asked only by {@code subtypes} rules. */
        @Override
        public Iterable<String> typeAndSupertypeNames() {
            return hierarchy.typeAndSupertypeNames();
        }

        @Override
        public String methodName() {
            return name;
        }

        @Override
        public List<String> parameterTypeNames() {
            if (parameters == null) {
                List<String> names = new ArrayList<String>();
                for (Type t : Type.getArgumentTypes(descriptor)) {
                    names.add(t.getClassName());
                }
                parameters = Collections.unmodifiableList(names);
            }
            return parameters;
        }

        @Override
        public boolean isPublic() {
            return (access & Opcodes.ACC_PUBLIC) != 0;
        }
    }
}
