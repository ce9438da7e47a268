package dev.tenacious.discover;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link AppFrame} (a class and method name from a stack trace, with the lines it was seen
 * at) into what a policy can match: whether the method can be woven at all (not a constructor, a
 * lambda's body, a bridge or other synthetic method), and, when the class has several methods of that
 * name, the parameter types of those the lines fall in. Reads the loaded class's bytes from its class
 * loader (the lines are in the class file's line number tables); when they cannot be read, the method
 * is matched by name alone.
 */
final class MethodResolver {
    /** What a policy can make of a frame. */
    static final class Resolved {
        /** Why no policy can match the method by class and name, or null when one can. */
        final String unmatchable;
        /** The parameter types of each overload seen, when the name alone would match others; else null. */
        final List<List<String>> overloads;
        /** The single-use call object it takes (an HttpURLConnection), when it takes one; else null. */
        String takesCallObject;

        Resolved(String unmatchable, List<List<String>> overloads) {
            this.unmatchable = unmatchable;
            this.overloads = overloads;
        }
    }

    /**
     * Parameter types a method cannot be re-run with: a connection or call that is sent once (an
     * {@code HttpURLConnection} replays its first failure; an OkHttp {@code Call} runs once; a Commons
     * HttpClient 3 method holds its response). Its caller, which made the object, is the unit to retry.
     */
    private static final List<String> SINGLE_USE = java.util.Arrays.asList("Ljava/net/HttpURLConnection;",
            "Ljava/net/URLConnection;", "Ljavax/net/ssl/HttpsURLConnection;", "Lokhttp3/Call;", "Lcom/squareup/okhttp/Call;",
            "Lorg/apache/commons/httpclient/HttpMethod;");

    private static final int UNWOVEN = Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE;
    private final Instrumentation inst;
    private Map<String, Class<?>> loaded;
    private final Map<AppFrame, Resolved> resolved = new HashMap<AppFrame, Resolved>();

    MethodResolver(Instrumentation inst) {
        this.inst = inst;
    }

    Resolved resolve(AppFrame f) {
        Resolved r = resolved.get(f);
        if (r == null) {
            r = read(f);
            resolved.put(f, r);
        }
        return r;
    }

    private Resolved read(AppFrame f) {
        if (f.isNone()) {
            return new Resolved("no application frame", null);
        }
        String m = f.methodName;
        if (m.equals("<init>")) {
            return new Resolved("a constructor, which is never woven", null);
        }
        if (m.equals("<clinit>")) {
            return new Resolved("a static initialiser, which is never woven", null);
        }
        if (m.startsWith("lambda$")) {
            return new Resolved("a lambda's body, whose name changes with every compilation", null);
        }
        if (m.startsWith("access$") || !isIdentifier(m) || !isClassName(f.className)) {
            return new Resolved("a synthetic or generated method", null);
        }
        List<MethodInfo> methods = methods(f.className, m);
        if (methods == null) {
            return new Resolved(null, null); // the class cannot be read: by name alone
        }
        for (MethodInfo i : methods) {
            if (m.equals("main") && i.descriptor.equals("([Ljava/lang/String;)V") && (i.access & Opcodes.ACC_STATIC) != 0
                    && methods.size() == 1) {
                return new Resolved("the application's main method: a retry would start the application again", null);
            }
        }
        List<MethodInfo> real = new ArrayList<MethodInfo>();
        for (MethodInfo i : methods) {
            if ((i.access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0) {
                real.add(i);
            }
        }
        Set<MethodInfo> seen = new LinkedHashSet<MethodInfo>();
        for (int line : f.lines()) {
            MethodInfo best = null;
            for (MethodInfo i : methods) {
                if (i.minLine <= line && line <= i.maxLine && (best == null || i.maxLine - i.minLine < best.maxLine - best.minLine)) {
                    best = i;
                }
            }
            if (best != null) {
                seen.add(best);
            }
        }
        if (seen.isEmpty() && real.size() == 1) {
            seen.add(real.get(0));
        }
        String takes = null;
        for (MethodInfo i : seen) {
            if ((i.access & UNWOVEN) != 0) {
                return new Resolved("a synthetic, bridge, abstract or native method", null);
            }
            for (Type t : Type.getArgumentTypes(i.descriptor)) {
                if (SINGLE_USE.contains(t.getDescriptor())) {
                    takes = t.getClassName();
                }
            }
        }
        if (real.size() <= 1 || seen.isEmpty()) {
            Resolved r = new Resolved(null, null);
            r.takesCallObject = takes;
            return r;
        }
        List<List<String>> overloads = new ArrayList<List<String>>();
        for (MethodInfo i : seen) {
            List<String> params = new ArrayList<String>();
            for (Type t : Type.getArgumentTypes(i.descriptor)) {
                params.add(t.getClassName());
            }
            overloads.add(params);
        }
        Resolved r = new Resolved(null, overloads);
        r.takesCallObject = takes;
        return r;
    }

    /** Forgets the loaded classes (read again at the next write, when the application has loaded more). */
    void refresh() {
        loaded = null;
        resolved.clear();
    }

    private static final class MethodInfo {
        final int access;
        final String descriptor;
        int minLine = Integer.MAX_VALUE;
        int maxLine = Integer.MIN_VALUE;

        MethodInfo(int access, String descriptor) {
            this.access = access;
            this.descriptor = descriptor;
        }
    }

    /** The class's methods of that name, from its class file; null if it cannot be read. */
    private List<MethodInfo> methods(String className, final String methodName) {
        byte[] bytes = bytes(className);
        if (bytes == null) {
            return null;
        }
        final List<MethodInfo> found = new ArrayList<MethodInfo>();
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    if (!name.equals(methodName)) {
                        return null;
                    }
                    final MethodInfo info = new MethodInfo(access, descriptor);
                    found.add(info);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLineNumber(int line, Label start) {
                            info.minLine = Math.min(info.minLine, line);
                            info.maxLine = Math.max(info.maxLine, line);
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return null;
        }
        return found;
    }

    private byte[] bytes(String className) {
        Class<?> c = loadedClass(className);
        ClassLoader loader = c == null ? null : c.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > 4 << 20) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private Class<?> loadedClass(String name) {
        if (loaded == null) {
            loaded = new HashMap<String, Class<?>>();
            if (inst != null) {
                for (Class<?> c : inst.getAllLoadedClasses()) {
                    if (c.getClassLoader() != null && !c.isArray()) {
                        loaded.put(c.getName(), c);
                    }
                }
            }
        }
        return loaded.get(name);
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isClassName(String s) {
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}
