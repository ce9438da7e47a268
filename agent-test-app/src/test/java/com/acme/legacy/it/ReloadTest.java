package com.acme.legacy.it;

import com.acme.legacy.server.Script;
import com.acme.legacy.server.Step;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot reload seen from outside: the application calls a dependency that fails every other request,
 * every 150 ms, while the test edits the policy file. With retries on, every call succeeds (503,
 * then the retry gets 200); with them off, half fail. The test edits the file once the first calls
 * have run under the old policy, and looks at the calls made after the agent logged the reload.
 */
class ReloadTest extends BlackBoxTest {
    static final int BEFORE = 6;
    static final int AFTER = 15;
    static final String FETCH = "[{ class: com.acme.legacy.client.InventoryClient, method: fetch }]";
    static final String NOWHERE = "[{ class: com.acme.legacy.NoSuchClient, method: fetch }]";

    @BeforeEach
    void script() {
        AtomicInteger n = new AtomicInteger();
        server.script("/alt", Script.of(() -> n.getAndIncrement() % 2 == 0 ? Step.status(503) : Step.ok()));
    }

    static String policy(String match, int maxAttempts) {
        return "settings: { summaryEvery: 0 }\npolicies:\n  - name: inventory\n    match: " + match
                + "\n    retry: { maxAttempts: " + maxAttempts + ", backoff: { initial: 5ms }, budget: off }\n";
    }

    /** What the callers saw before the edit, and after the agent logged {@code logged}. */
    static final class Run {
        final AppJvm.Result result;
        final List<String> before = new ArrayList<>();
        final List<String> after = new ArrayList<>();

        Run(AppJvm.Result result, int firstAfter) {
            this.result = result;
            for (int i = 1; i <= BEFORE; i++) {
                before.add(result.call(i));
            }
            for (int i = firstAfter; i < firstAfter + AFTER; i++) {
                after.add(result.call(i));
            }
        }

        @Override
        public String toString() {
            return "before " + before + "\nafter " + after + "\n" + result;
        }
    }

    /**
     * Calls {@code path} every 150 ms; after the first {@link #BEFORE} calls applies {@code edit}, waits
     * until stderr shows {@code logged}, then for {@link #AFTER} more calls. The call in flight when the
     * line appeared may have started before the reload, so the calls looked at begin one later.
     */
    Run runWithEdit(Jdk jdk, Path agentArgument, String path, String logged, ThrowingRunnable edit) throws Exception {
        AppJvm.Running app = AppJvm.start(jdk, agentArgument, "sequence", server.baseUrl(), path, "100000", "150");
        app.awaitOut("RESULT " + BEFORE + " ");
        edit.run();
        app.awaitErr(logged);
        int firstAfter = app.results() + 2;
        app.awaitOut("RESULT " + (firstAfter + AFTER - 1) + " ");
        return new Run(app.stop(), firstAfter);
    }

    Run runWithEdit(Jdk jdk, Path agentArgument, String logged, ThrowingRunnable edit) throws Exception {
        return runWithEdit(jdk, agentArgument, "/alt", logged, edit);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static boolean allOk(List<String> outcomes) {
        return outcomes.stream().allMatch(s -> s.equals("OK ok /alt"));
    }

    static boolean someFailed(List<String> outcomes) {
        return outcomes.stream().anyMatch(s -> s.startsWith("CAUGHT java.io.IOException HTTP 503"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aParameterEditAppliesWithoutReweaving(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, policy(FETCH, 1));
        Run r = runWithEdit(jdk, p, "reloaded", () -> Files.writeString(p, policy(FETCH, 2)));
        assertTrue(someFailed(r.before), r::toString);
        assertTrue(allOk(r.after), r::toString);
        assertTrue(r.result.stderr.contains("reloaded " + p + ": inventory changed [retry.maxAttempts: 1 -> 2]"), r::toString);
        assertTrue(r.result.stderr.contains("; 0 classes re-woven"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anAddedPatternWeavesTheClassesItNowMatches(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, policy(NOWHERE, 2));
        Run r = runWithEdit(jdk, p, "reloaded", () -> Files.writeString(p, policy(FETCH, 2)));
        assertTrue(someFailed(r.before), r::toString);
        assertTrue(allOk(r.after), r::toString);
        assertTrue(r.result.stderr.contains("inventory changed [match]; 1 class re-woven"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aRemovedPatternStopsRetrying(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, policy(FETCH, 2));
        Run r = runWithEdit(jdk, p, "reloaded", () -> Files.writeString(p, policy(NOWHERE, 2)));
        assertTrue(allOk(r.before), r::toString);
        assertTrue(someFailed(r.after), r::toString);
        assertTrue(r.result.stderr.contains("inventory changed [match]; 0 classes re-woven"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anInvalidEditIsReportedAndThePoliciesInForceStay(Jdk jdk) throws Exception {
        Path p = AppJvm.policy(dir, policy(FETCH, 2));
        Run r = runWithEdit(jdk, p, "rejected",
                () -> Files.writeString(p, policy(FETCH, 2).replace("maxAttempts: 2", "maxAttempts: lots")));
        assertTrue(allOk(r.after), r::toString);
        assertTrue(r.result.stderr.contains(p + ":5:27: policies[inventory].retry.maxAttempts: expected an integer from 1 to 1000, got 'lots'"),
                r::toString);
        assertTrue(r.result.stderr.contains("reload of " + p + " rejected (1 error); the policies in force stay"), r::toString);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void anAtomicRenameIsSeenAndAPolicyThatKeepsItsNameKeepsItsOpenBreaker(Jdk jdk) throws Exception {
        server.script("/down", Script.always(503));
        String breaker = "    circuitBreaker: { window: { size: 2 }, minimumCalls: 2, openFor: 60s }\n";
        Path p = AppJvm.policy(dir, policy(FETCH, 1) + breaker);
        Run r = runWithEdit(jdk, p, "/down", "reloaded", () -> {
            Path staged = dir.resolve(".policies.yaml.tmp"); // as editors and config tools write: a new file, renamed over
            Files.writeString(staged, policy(FETCH, 2) + breaker);
            Files.move(staged, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
        assertTrue(r.result.stderr.contains("reloaded " + p + ": inventory changed [retry.maxAttempts: 1 -> 2]"), r::toString);
        assertTrue(r.after.stream().allMatch(s -> s.startsWith("CAUGHT dev.tenacious.runtime.CircuitOpenException")),
                "still open after the reload: " + r);
        assertEquals(2, server.count("/down"), "the breaker that opened after two failures kept its state through the reload");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void aConfigMapStyleSymlinkSwapIsSeen(Jdk jdk) throws Exception {
        // the layout kubelet gives a mounted ConfigMap: policies.yaml -> ..data/policies.yaml, ..data -> ..<timestamp>
        Path v1 = Files.createDirectories(dir.resolve("..2026_11_28_01"));
        Files.writeString(v1.resolve("policies.yaml"), policy(FETCH, 1));
        Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
        Path mounted = Files.createSymbolicLink(dir.resolve("policies.yaml"), Path.of("..data", "policies.yaml"));
        Run r = runWithEdit(jdk, mounted, "reloaded", () -> {
            Path v2 = Files.createDirectories(dir.resolve("..2026_11_28_02"));
            Files.writeString(v2.resolve("policies.yaml"), policy(FETCH, 2));
            Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
            Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
        assertTrue(someFailed(r.before), r::toString);
        assertTrue(allOk(r.after), r::toString);
        assertEquals(1, r.result.stderr.lines().filter(l -> l.contains("reloaded")).count(), r::toString);
    }
}
