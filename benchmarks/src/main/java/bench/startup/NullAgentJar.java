package bench.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes {@link NullAgent} (and its transformer) into an agent jar of their own. */
public final class NullAgentJar {
    private NullAgentJar() {
    }

    public static Path write(Path dir) throws IOException {
        Path jar = dir.resolve("null-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NullAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (String name : new String[] {"bench/startup/NullAgent.class", "bench/startup/NullAgent$1.class"}) {
                j.putNextEntry(new JarEntry(name));
                try (InputStream in = NullAgentJar.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
        return jar;
    }
}
