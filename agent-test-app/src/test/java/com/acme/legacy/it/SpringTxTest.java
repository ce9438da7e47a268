package com.acme.legacy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code spring-tx} preset on a real Spring Boot 3 application (JPA/Hibernate, HikariCP, a
 * {@code @Transactional} service) and a PostgreSQL server this class starts: the same application
 * runs twice side by side, with the agent ({@code spring-tx} and {@code jdbc}) and without, each on a
 * database of its own, and every scenario is played on both. The methods share the two applications
 * and the server (one restarts it), so they run one after another.
 */
@Execution(ExecutionMode.SAME_THREAD)
class SpringTxTest {
    static final String POLICY = String.join("\n",
            "settings: { summaryEvery: 0, log: debug }",
            "policies:",
            "  - name: transactions",
            "    match: [{ preset: spring-tx }]",
            "    retry:",
            "      maxAttempts: 20",
            "      backoff: { initial: 50ms, max: 1s }",
            "      budget: { ratio: 1.0, minPerSecond: 50 }",
            "  - name: statements",
            "    match: [{ preset: jdbc }]",
            "    jdbc: { timeouts: { query: 3s } }",
            "");

    static PostgresServer postgres;
    static PostgresServer.Database guardedDb;
    static PostgresServer.Database bareDb;
    static Path dir;
    static SpringBankApp guarded;
    static SpringBankApp bare;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresServer();
        guardedDb = postgres.createDatabase();
        bareDb = postgres.createDatabase();
        dir = Files.createTempDirectory("spring-tx");
        Path policy = AppJvm.policy(dir, POLICY);
        guarded = SpringBankApp.start("guarded", policy, guardedDb.url());
        bare = SpringBankApp.start("bare", null, bareDb.url());
        guarded.awaitStarted();
        bare.awaitStarted();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {guarded, bare, postgres}) {
            if (c != null) {
                c.close();
            }
        }
        if (dir != null) {
            AppJvm.policy(dir, "").toFile().delete();
            dir.toFile().delete();
        }
    }

    static List<Long> accounts(SpringBankApp app, int count, long balance) throws Exception {
        SpringBankApp.Response r = app.post("/accounts/reset?count=" + count + "&balance=" + balance);
        assertEquals(200, r.status(), r::body);
        List<Long> ids = new ArrayList<>();
        for (String id : r.body().replaceAll("[\\[\\]\\s]", "").split(",")) {
            ids.add(Long.parseLong(id));
        }
        return ids;
    }

    /** Client threads posting random transfers between the accounts until stopped; counts what they got. */
    static final class Load {
        final SpringBankApp app;
        final List<Long> ids;
        final String path;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

        Load(SpringBankApp app, List<Long> ids, String path, int clients, int transfersEach) {
            this.app = app;
            this.ids = ids;
            this.path = path;
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> run(transfersEach), app.name + "-client-" + c);
                threads.add(t);
                t.start();
            }
        }

        private void run(int transfers) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; running.get() && i < transfers; i++) {
                int from = random.nextInt(ids.size());
                int to = (from + 1 + random.nextInt(ids.size() - 1)) % ids.size();
                try {
                    SpringBankApp.Response r = app.post(path + "?from=" + ids.get(from) + "&to=" + ids.get(to)
                            + "&amount=" + (1 + random.nextInt(10)));
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        failures.add(r.status() + " " + r.body());
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    failures.add(e.toString());
                }
            }
        }

        void awaitOk(int atLeast) throws InterruptedException {
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                 ok.get() < atLeast && System.nanoTime() < deadline; ) {
                Thread.sleep(50);
            }
        }

        /** Stops the clients after their current transfer. */
        Load finish() throws InterruptedException {
            running.set(false);
            return awaitDone();
        }

        /** Waits for the clients to make all their transfers. */
        Load awaitDone() throws InterruptedException {
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(3));
            }
            return this;
        }

        @Override
        public String toString() {
            return app.name + ": " + ok + " transfers, " + failed + " failed " + failures.stream().limit(3).toList();
        }
    }

    @Test
    void aPostgresRestartUnderLoadFailsNoRequestUnderSpringTx() throws Exception {
        List<Long> guardedIds = accounts(guarded, 10, 100_000);
        List<Long> bareIds = accounts(bare, 10, 100_000);
        Load withAgent = new Load(guarded, guardedIds, "/transfer", 4, Integer.MAX_VALUE);
        Load without = new Load(bare, bareIds, "/transfer", 4, Integer.MAX_VALUE);
        withAgent.awaitOk(40);
        without.awaitOk(40);
        postgres.stop();
        Thread.sleep(3000);
        postgres.start();
        int guardedBefore = withAgent.ok.get();
        int bareBefore = without.ok.get();
        withAgent.awaitOk(guardedBefore + 40);
        without.awaitOk(bareBefore + 40);
        withAgent.finish();
        without.finish();
        System.out.println("[spring-tx] PostgreSQL stopped for 3 s under 4 clients: without the agent " + without
                + "; with spring-tx " + withAgent);

        assertTrue(without.failed.get() > 0, () -> "the restart should fail requests without the agent: " + without);
        assertEquals(0, withAgent.failed.get(), () -> withAgent + "\n" + tail(guarded));
        assertTrue(withAgent.ok.get() > guardedBefore, "transfers went on after the restart");
        String totals = guarded.get("/accounts/total").body();
        assertEquals(1_000_000, SpringBankApp.number(totals, "total"), totals);
        assertEquals(withAgent.ok.get(), SpringBankApp.number(totals, "ledger"),
                "one ledger entry per transfer the clients saw succeed: none lost, none applied twice: " + totals);
        assertEquals(1_000_000, SpringBankApp.number(bare.get("/accounts/total").body(), "total"));
        assertTrue(guarded.log().contains("succeeded on attempt"), "transactions were retried");
    }

    @Test
    void concurrentSerializableTransfersAllSucceedAndTheSumIsKept() throws Exception {
        List<Long> guardedIds = accounts(guarded, 5, 10_000);
        List<Long> bareIds = accounts(bare, 5, 10_000);
        Load withAgent = new Load(guarded, guardedIds, "/transfer/serializable", 4, 30);
        Load without = new Load(bare, bareIds, "/transfer/serializable", 4, 30);
        withAgent.awaitDone();
        without.awaitDone();
        System.out.println("[spring-tx] 4 clients x 30 SERIALIZABLE transfers on 5 accounts: without the agent " + without
                + "; with spring-tx " + withAgent + " (" + guarded.counter("serializable") + " transactions run)");

        assertTrue(without.failed.get() > 0, () -> "conflicting serializable transactions should fail without the agent: " + without);
        assertTrue(bare.log().contains("could not serialize access"), "they failed with 40001");
        assertEquals(0, withAgent.failed.get(), withAgent::toString);
        String totals = guarded.get("/accounts/total").body();
        assertEquals(50_000, SpringBankApp.number(totals, "total"), "nothing lost: " + totals);
        assertEquals(120, SpringBankApp.number(totals, "ledger"), "each transfer applied once: " + totals);
        assertTrue(guarded.counter("serializable") > 120, "some transactions ran again");
        assertEquals(50_000, SpringBankApp.number(bare.get("/accounts/total").body(), "total"));
    }

    @Test
    void aDeadlockIsRetriedWhole() throws Exception {
        for (SpringBankApp app : List.of(guarded, bare)) {
            List<Long> ids = accounts(app, 2, 100);
            CompletableFuture<SpringBankApp.Response> one = CompletableFuture.supplyAsync(() -> post(app,
                    "/lock?key=deadlock&first=" + ids.get(0) + "&second=" + ids.get(1) + "&pause=500"));
            CompletableFuture<SpringBankApp.Response> other = CompletableFuture.supplyAsync(() -> post(app,
                    "/lock?key=deadlock&first=" + ids.get(1) + "&second=" + ids.get(0) + "&pause=500"));
            int ok = (one.get().status() == 200 ? 1 : 0) + (other.get().status() == 200 ? 1 : 0);
            if (app == guarded) {
                assertEquals(2, ok, () -> one.join() + " " + other.join());
                assertEquals(3, guarded.counter("deadlock"), "the victim's transaction ran again, whole");
            } else {
                assertEquals(1, ok, "without the agent the deadlock victim fails");
                assertEquals(2, bare.counter("deadlock"));
            }
        }
        assertTrue(guardedDb.lines("deadlock detected") >= 1, "PostgreSQL chose a victim");
        assertTrue(guarded.log().contains("40P01") || guarded.log().contains("deadlock detected"), "retried on 40P01");
    }

    @Test
    void aJoinedInnerTransactionIsNotRetriedOnItsOwn() throws Exception {
        assertEquals(200, guarded.post("/joined?key=j&failures=1").status());
        assertEquals(2, guarded.counter("j.outer"), "the outer transaction ran again");
        assertEquals(2, guarded.counter("j.inner"), "the inner one ran once per outer attempt, never on its own");
        assertEquals(500, bare.post("/joined?key=j&failures=1").status());

        // joined to a transaction begun outside any woven boundary: the inner call is the outermost woven one
        assertEquals(500, guarded.post("/joined/programmatic?key=p&failures=1").status());
        assertEquals(1, guarded.counter("p.inner"), "a call that joined a transaction in progress is never retried");
        assertTrue(guarded.log().contains("joined a transaction already in progress"), () -> tail(guarded));

        // TransactionTemplate: its callback runs again
        assertEquals(200, guarded.post("/template/failing?key=t&failures=2").status());
        assertEquals(3, guarded.counter("t.inner"));
    }

    @Test
    void aUniqueViolationIsNotRetried() throws Exception {
        assertEquals(200, guarded.post("/accounts?key=dup&owner=unique-owner&balance=1").status());
        assertEquals(500, guarded.post("/accounts?key=dup&owner=unique-owner&balance=1").status());
        assertEquals(2, guarded.counter("dup"), "the failing transaction ran once");
        assertTrue(guarded.log().contains("permanent failure, not retried"), () -> tail(guarded));
        assertTrue(guardedDb.lines("duplicate key value violates unique constraint") == 1);
    }

    @Test
    void aStatementWaitingForALockedRowFailsAfterTheQueryTimeout() throws Exception {
        List<Long> guardedIds = accounts(guarded, 2, 100);
        List<Long> bareIds = accounts(bare, 2, 100);
        long countBefore = guarded.counter("transfer");
        int guardedLocks = locks(guardedDb);
        int bareLocks = locks(bareDb);
        CompletableFuture<SpringBankApp.Response> guardedHolder = CompletableFuture.supplyAsync(() ->
                post(guarded, "/hold?id=" + guardedIds.get(0) + "&millis=15000"));
        CompletableFuture<SpringBankApp.Response> bareHolder = CompletableFuture.supplyAsync(() ->
                post(bare, "/hold?id=" + bareIds.get(0) + "&millis=15000"));
        awaitLockHeld(guardedDb, guardedLocks);
        awaitLockHeld(bareDb, bareLocks);
        CompletableFuture<SpringBankApp.Response> guardedTransfer = CompletableFuture.supplyAsync(() ->
                post(guarded, "/transfer?from=" + guardedIds.get(0) + "&to=" + guardedIds.get(1) + "&amount=1"));
        CompletableFuture<SpringBankApp.Response> bareTransfer = CompletableFuture.supplyAsync(() ->
                post(bare, "/transfer?from=" + bareIds.get(0) + "&to=" + bareIds.get(1) + "&amount=1"));

        assertEquals(500, guardedTransfer.get().status(), "the statement was cancelled by its query timeout");
        assertFalse(guardedHolder.isDone(), "while the row was still locked");
        assertTrue(guardedDb.lines("canceling statement due to user request") >= 1);
        assertEquals(1, guarded.counter("transfer") - countBefore, "a cancelled statement (57014) is not retried");

        assertEquals(200, bareTransfer.get().status(), "without the agent it waited for the lock");
        assertTrue(bareHolder.isDone(), "until the holder let go");
        assertEquals(200, guardedHolder.get().status());
    }

    @Test
    void onH2TooADeadlockIsRetried() throws Exception {
        try (SpringBankApp h2 = SpringBankApp.start("h2", AppJvm.policy(dir, POLICY), "jdbc:h2:mem:bank;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")) {
            h2.awaitStarted();
            List<Long> ids = accounts(h2, 2, 100);
            CompletableFuture<SpringBankApp.Response> one = CompletableFuture.supplyAsync(() -> post(h2,
                    "/lock?key=deadlock&first=" + ids.get(0) + "&second=" + ids.get(1) + "&pause=500"));
            CompletableFuture<SpringBankApp.Response> other = CompletableFuture.supplyAsync(() -> post(h2,
                    "/lock?key=deadlock&first=" + ids.get(1) + "&second=" + ids.get(0) + "&pause=500"));
            assertEquals(200, one.get().status(), () -> tail(h2));
            assertEquals(200, other.get().status(), () -> tail(h2));
            assertEquals(3, h2.counter("deadlock"), () -> tail(h2));
            assertEquals(200, h2.post("/transfer?from=" + ids.get(0) + "&to=" + ids.get(1) + "&amount=5").status());
            assertEquals(200, h2.post("/transfer/template?from=" + ids.get(0) + "&to=" + ids.get(1) + "&amount=5").status());
            assertEquals(200, SpringBankApp.number(h2.get("/accounts/total").body(), "total"));
        }
    }

    private static int locks(PostgresServer.Database db) throws Exception {
        return db.lines("for no key update") + db.lines("for update");
    }

    private static void awaitLockHeld(PostgresServer.Database db, int before) throws Exception {
        for (int i = 0; i < 1200 && locks(db) == before; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // the lock is taken when its statement ends, a moment after the server logged it
    }

    private static SpringBankApp.Response post(SpringBankApp app, String path) {
        try {
            return app.post(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(SpringBankApp app) {
        try {
            String log = app.log();
            return log.substring(Math.max(0, log.length() - 6000));
        } catch (Exception e) {
            return e.toString();
        }
    }
}
