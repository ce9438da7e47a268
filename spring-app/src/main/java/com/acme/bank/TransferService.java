package com.acme.bank;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Money moves between accounts here, each transfer one transaction. */
@Service
public class TransferService {
    private final AccountRepository accounts;
    private final LedgerService ledger;
    private final EntityManager em;
    private final Counters counters;

    public TransferService(AccountRepository accounts, LedgerService ledger, EntityManager em, Counters counters) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.em = em;
        this.counters = counters;
    }

    /**
     * At the default isolation: the balances change by atomic updates, the lower account id first (so
     * concurrent transfers cannot deadlock), and the ledger records the transfer.
     */
    @Transactional
    public void transfer(long from, long to, long amount) {
        counters.increment("transfer");
        if (from < to) {
            accounts.add(from, -amount);
            accounts.add(to, amount);
        } else {
            accounts.add(to, amount);
            accounts.add(from, -amount);
        }
        ledger.record(from, to, amount);
    }

    /**
     * At SERIALIZABLE: reads both balances and writes them back, as an application that relies on the
     * database to serialize it would; concurrent ones conflict, and PostgreSQL fails one with 40001.
     */
    @Transactional(isolation = Isolation.SERIALIZABLE)
    public void serializableTransfer(long from, long to, long amount) {
        counters.increment("serializable");
        Account a = accounts.findById(from).orElseThrow();
        Account b = accounts.findById(to).orElseThrow();
        a.setBalance(a.getBalance() - amount);
        b.setBalance(b.getBalance() + amount);
        ledger.record(from, to, amount);
    }

    /**
     * Locks {@code first}, waits, then locks {@code second}: two of these in opposite order deadlock,
     * and PostgreSQL fails one of them with 40P01.
     */
    @Transactional
    public void lockInOrder(String key, long first, long second, long pauseMillis) throws InterruptedException {
        counters.increment(key);
        em.find(Account.class, first, LockModeType.PESSIMISTIC_WRITE);
        Thread.sleep(pauseMillis);
        em.find(Account.class, second, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Holds a lock on the account's row for {@code millis}: a transfer touching it meanwhile waits. */
    @Transactional
    public void holdLock(long id, long millis) throws InterruptedException {
        em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE);
        Thread.sleep(millis);
    }

    /** Opens an account; an owner that exists already violates the unique constraint (23505). */
    @Transactional
    public Account open(String key, String owner, long balance) {
        counters.increment(key);
        return accounts.saveAndFlush(new Account(owner, balance));
    }
}
