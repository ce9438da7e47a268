package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class loaded (and called) before the agent arrives is woven by retransformation when the agent
 * attaches. The {@code attach} command runs on this JVM (17), as an operator's newer JDK would, and
 * loads the agent into applications on every JDK of the matrix.
 */
class AttachTest extends BlackBoxTest {
    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aClassLoadedBeforeTheAgentWasAttachedIsWoven(Jdk jdk) throws Exception {
        server.script("/late", Script.sequence(Step.status(503), Step.status(503), Step.status(503), Step.ok()));
        Path policy = AppJvm.policy(dir, String.join("\n",
                "policies:",
                "  - name: inventory",
                "    match: [{ class: com.acme.legacy.client.InventoryClient, method: fetch }]",
                "    retry: { maxAttempts: 3, backoff: { initial: 10ms } }",
                ""));
        Path err = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(AppJvm.command(jdk, null, List.of(), "attach", server.baseUrl(), "/late"))
                .redirectError(err.toFile()).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
             Writer w = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("READY")) {
                out.add(line);
            }
            assertTrue(line != null, "the application did not get ready: " + out + Files.readString(err));
            assertEquals(List.of("RESULT 1 CAUGHT java.io.IOException HTTP 503 from /late"), out, "unwoven before attach");
            assertEquals(1, server.count("/late"));

            AppJvm.Result attach = CliTest.cli("attach", line.substring("READY ".length()), policy.toString());
            assertEquals(0, attach.exitCode, attach::toString);
            w.write("go\n");
            w.flush();
            String second = r.readLine();
            assertEquals("RESULT 2 OK ok /late", second, () -> "stderr: " + read(err));
        }
        assertTrue(app.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1 + 3, server.count("/late"), "the second call made 3 attempts");
        String stderr = Files.readString(err);
        assertTrue(stderr.contains("[tenacious] started from attach"), stderr);
        assertTrue(stderr.contains("; runtime defined in the bootstrap loader)"), "also under attach: " + stderr);
        assertTrue(stderr.contains("inventory: wove 1 method of com.acme.legacy.client.InventoryClient (already loaded, retransformed)"), stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
