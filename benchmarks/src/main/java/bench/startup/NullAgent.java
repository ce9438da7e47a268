package bench.startup;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The least a transforming agent can be: a premain that registers a retransform-capable transformer
 * which changes nothing. Its start-up cost is the floor for any agent that weaves classes as they load
 * (the JVM hands every class's bytes to Java), measured beside Tenacious in the same run.
 */
public final class NullAgent {
    private NullAgent() {
    }

    public static void premain(String argument, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
                return null;
            }
        }, true);
    }
}
