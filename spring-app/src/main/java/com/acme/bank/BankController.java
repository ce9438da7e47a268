package com.acme.bank;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bank's REST API. An exception out of a service is an HTTP 500, as in any Spring Boot application. */
@RestController
public class BankController {
    private final TransferService transfers;
    private final StepServices.Outer outer;
    private final StepServices.Inner inner;
    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final Counters counters;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate template;

    public BankController(TransferService transfers, StepServices.Outer outer, StepServices.Inner inner,
                          AccountRepository accounts, LedgerRepository ledger, Counters counters,
                          PlatformTransactionManager transactionManager) {
        this.transfers = transfers;
        this.outer = outer;
        this.inner = inner;
        this.accounts = accounts;
        this.ledger = ledger;
        this.counters = counters;
        this.transactionManager = transactionManager;
        this.template = new TransactionTemplate(transactionManager);
    }

    /** Replaces every account with {@code count} new ones holding {@code balance} each; returns their ids. */
    @PostMapping("/accounts/reset")
    public List<Long> reset(@RequestParam int count, @RequestParam long balance) {
        return template.execute(status -> {
            ledger.deleteAllInBatch();
            accounts.deleteAllInBatch();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(accounts.save(new Account("owner-" + System.nanoTime() + "-" + i, balance)).getId());
            }
            return ids;
        });
    }

    @GetMapping("/accounts/total")
    public Map<String, Long> total() {
        return Map.of("total", accounts.total(), "ledger", ledger.count());
    }

    @PostMapping("/accounts")
    public long open(@RequestParam String key, @RequestParam String owner, @RequestParam long balance) {
        return transfers.open(key, owner, balance).getId();
    }

    @PostMapping("/transfer")
    public String transfer(@RequestParam long from, @RequestParam long to, @RequestParam long amount) {
        transfers.transfer(from, to, amount);
        return "ok";
    }

    @PostMapping("/transfer/serializable")
    public String serializableTransfer(@RequestParam long from, @RequestParam long to, @RequestParam long amount) {
        transfers.serializableTransfer(from, to, amount);
        return "ok";
    }

    /** TransactionTemplate rather than @Transactional: the transfer in a callback. */
    @PostMapping("/transfer/template")
    public String templateTransfer(@RequestParam long from, @RequestParam long to, @RequestParam long amount) {
        template.executeWithoutResult(status -> {
            counters.increment("template");
            accounts.add(Math.min(from, to), from < to ? -amount : amount);
            accounts.add(Math.max(from, to), from < to ? amount : -amount);
        });
        return "ok";
    }

    @PostMapping("/lock")
    public String lock(@RequestParam String key, @RequestParam long first, @RequestParam long second,
                       @RequestParam long pause) throws InterruptedException {
        transfers.lockInOrder(key, first, second, pause);
        return "ok";
    }

    @PostMapping("/hold")
    public String hold(@RequestParam long id, @RequestParam long millis) throws InterruptedException {
        transfers.holdLock(id, millis);
        return "ok";
    }

    /** A TransactionTemplate callback whose first {@code failures} runs fail with 40001. */
    @PostMapping("/template/failing")
    public String templateFailing(@RequestParam String key, @RequestParam int failures) {
        template.executeWithoutResult(status -> inner.step(key, failures));
        return "ok";
    }

    /** An outer transaction whose inner one (joined) fails {@code failures} times with 40001. */
    @PostMapping("/joined")
    public String joined(@RequestParam String key, @RequestParam int failures) {
        outer.run(key, failures);
        return "ok";
    }

    /**
     * The inner transaction joins one that the controller began through the transaction manager itself,
     * outside any woven boundary: the inner call is then the outermost woven call, and joined all the same.
     */
    @PostMapping("/joined/programmatic")
    public String joinedProgrammatic(@RequestParam String key, @RequestParam int failures) {
        TransactionStatus status = transactionManager.getTransaction(new DefaultTransactionDefinition());
        try {
            inner.step(key, failures);
        } catch (RuntimeException e) {
            transactionManager.rollback(status);
            throw e;
        }
        transactionManager.commit(status);
        return "ok";
    }

    @GetMapping("/counters")
    public Map<String, Integer> counters() {
        return counters.snapshot();
    }
}
