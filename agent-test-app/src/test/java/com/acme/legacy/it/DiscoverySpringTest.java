package com.acme.legacy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery on the Spring Boot bank (JPA, HikariCP, transactions, H2): the statements its services
 * run inside transactions are left to the transaction ({@code preset: spring-tx}), a controller method
 * that calls transactional repositories is matched (it encloses their transactions), and the
 * statements Spring Boot runs at start-up from {@code main} or its own threads fall to the jdbc preset.
 */
class DiscoverySpringTest {
    @TempDir
    Path dir;

    @Test
    void theBanksFileLeavesItsTransactionsToSpringTxAndPassesValidate() throws Exception {
        Path out = dir.resolve("found.yaml");
        try (SpringBankApp bank = SpringBankApp.startWithAgent("discover", "discover=" + out,
                "jdbc:h2:mem:bank;DB_CLOSE_DELAY=-1;PASSWORD=").awaitStarted()) {
            SpringBankApp.Response reset = bank.post("/accounts/reset?count=4&balance=1000");
            assertEquals(200, reset.status(), reset::body);
            String[] ids = reset.body().replaceAll("[\\[\\]\\s]", "").split(",");
            for (int i = 0; i < 30; i++) {
                assertEquals(200, bank.post("/transfer?from=" + ids[i % 4] + "&to=" + ids[(i + 1) % 4] + "&amount=1").status());
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(200, bank.get("/accounts/total").status());
            }
        } // SIGTERM: the file is written at exit
        String file = Files.readString(out);
        AppJvm.Result valid = CliTest.cli("validate", out.toString());
        assertEquals(0, valid.exitCode, () -> valid + "\n" + file);
        String policy = DiscoveryTest.policy(file, "h2-mem-bank");
        String flat = DiscoveryTest.flat(policy);
        assertTrue(policy.contains("      - preset: spring-tx\n"), file);
        assertTrue(flat.contains("TransferService.transfer") && flat.contains("ran inside Spring transactions"), file);
        assertFalse(policy.contains("com.acme.bank.TransferService"), "a method inside a transaction is not matched: " + file);
        assertFalse(file.contains("jdbc:unknown"), "the pool's own connections are the database's: " + file);
        assertTrue(policy.contains("      - class: \"com.acme.bank.BankController\"\n        method: \"total\"\n"),
                "it encloses the repositories' own transactions: " + file);
        assertTrue(policy.contains("      - preset: jdbc\n"), file);
        assertTrue(flat.contains("com.acme.bank.BankApplication.main (the application's main method: a retry would start the "
                + "application again)"), file);
        assertFalse(file.contains("DB_CLOSE_DELAY") || file.contains("PASSWORD"), file);
    }
}
